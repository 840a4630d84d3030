package io.helpdeskbridge.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.HelpdeskException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sorts HubSpot's answers into the bridge's decisions: 429 waits for {@code Retry-After} when sent,
 * else the connector's {@code rate-limit-delay-seconds} (HubSpot's burst window is ten seconds); 408,
 * 5xx, timeouts and connection failures are retried; every other 4xx (400 validation, 401, 403, 404,
 * 409) is permanent. Messages carry HubSpot's {@code message} and {@code category} ({@code
 * {"status":"error","message","correlationId","category"}}), never the token.
 *
 * @see <a href="https://developers.hubspot.com/docs/api-reference/error-handling">Error handling</a>
 */
final class HubSpotErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 300;

  private HubSpotErrors() {}

  static HelpdeskException fromResponse(String what, int status, String retryAfterHeader, String body, String token,
      Duration defaultDelay) {
    String msg = redact(what + ": HubSpot " + status + detail(body), token);
    if (status == 429) {
      Duration wait = io.helpdeskbridge.spi.RetryAfter.parse(retryAfterHeader);
      if (wait == null) wait = defaultDelay;
      return HelpdeskException.retryable(status, msg + " (rate limited, retry after " + wait.toSeconds() + " s)", wait);
    }
    if (status == 408 || status >= 500) return HelpdeskException.retryable(status, msg, io.helpdeskbridge.spi.RetryAfter.parse(retryAfterHeader));
    return HelpdeskException.permanent(status, msg);
  }

  static HelpdeskException unreachable(String what, IOException e, String token) {
    String why = e instanceof HttpTimeoutException ? "timed out" : "unreachable";
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = what + ": HubSpot " + why + " (" + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    return HelpdeskException.retryable(0, redact(msg, token), null);
  }


  /** ": Property values were not valid (VALIDATION_ERROR)" */
  static String detail(String body) {
    if (body == null || body.isBlank()) return "";
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject() && n.hasNonNull("message")) {
        return ": " + shorten(n.get("message").asText() + (n.hasNonNull("category") ? " (" + n.get("category").asText() + ")" : ""));
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    return ": " + shorten(body.replaceAll("\\s+", " ").trim());
  }

  static String redact(String text, String token) {
    return token == null || token.isEmpty() || text == null ? text : text.replace(token, "[redacted]");
  }

  private static String shorten(String s) {
    return s.length() > MAX_BODY ? s.substring(0, MAX_BODY) + "…" : s;
  }
}
