package io.helpdeskbridge.plugin.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.HelpdeskException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts Freshdesk's answers into the bridge's decisions: 429 waits for {@code Retry-After}
 * (seconds); 408, 5xx, timeouts and connection failures are retried; every other 4xx (400
 * validation, 401, 403, 404, 409 …) is permanent. Messages carry Freshdesk's status and error text
 * ({@code {"description":"Validation failed","errors":[{"field","message","code"}]}} or {@code
 * {"code","message"}}), never the API key.
 *
 * @see <a href="https://developers.freshdesk.com/api/#error">Freshdesk error codes</a>
 * @see <a href="https://developers.freshdesk.com/api/#ratelimit">Rate limit</a>
 */
final class FreshdeskErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 300;

  private FreshdeskErrors() {}

  /** The decision for a non-2xx answer. */
  static HelpdeskException fromResponse(String what, int status, String retryAfterHeader, String body, List<String> secrets, Clock clock) {
    String msg = redact(what + ": Freshdesk " + status + detail(body), secrets);
    Duration retryAfter = io.helpdeskbridge.spi.RetryAfter.parse(retryAfterHeader, clock);
    if (status == 429) {
      return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, status, msg + " (rate limited"
          + (retryAfter == null ? ")" : ", retry after " + retryAfter.toSeconds() + " s)"), retryAfter, null);
    }
    if (status == 408 || status >= 500) {
      return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, status, msg, retryAfter, null);
    }
    return new HelpdeskException(HelpdeskException.Kind.PERMANENT, status, msg, null, null);
  }

  /** No answer at all: timeout, refused or reset connection. Always retryable. */
  static HelpdeskException unreachable(String what, IOException e, List<String> secrets) {
    String why = e instanceof HttpTimeoutException ? "timed out" : "unreachable";
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = what + ": Freshdesk " + why + " (" + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0, redact(msg, secrets), null, null);
  }


  /** ": Validation failed: email: There is no contact matching the given email (invalid_value)" */
  static String detail(String body) {
    if (body == null || body.isBlank()) return "";
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject()) {
        List<String> parts = new ArrayList<>();
        if (n.hasNonNull("description")) parts.add(n.get("description").asText());
        if (n.hasNonNull("message")) parts.add(n.get("message").asText() + (n.hasNonNull("code") ? " (" + n.get("code").asText() + ")" : ""));
        else if (n.hasNonNull("code")) parts.add(n.get("code").asText());
        if (n.path("errors").isArray()) {
          for (JsonNode e : n.get("errors")) {
            String field = e.path("field").asText("");
            String message = e.path("message").asText("");
            String code = e.path("code").asText("");
            parts.add((field.isEmpty() ? "" : field + ": ") + message + (code.isEmpty() ? "" : " (" + code + ")"));
          }
        }
        if (!parts.isEmpty()) return ": " + shorten(String.join("; ", parts));
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    return ": " + shorten(body.replaceAll("\\s+", " ").trim());
  }

  /**
   * Belt and braces: should Freshdesk or the JDK ever echo the key (or the Basic credentials made of
   * it), it is cut out here.
   */
  static String redact(String text, List<String> secrets) {
    if (text == null) return null;
    String out = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) out = out.replace(secret, "[redacted]");
    }
    return out;
  }

  private static String shorten(String s) {
    return s.length() > MAX_BODY ? s.substring(0, MAX_BODY) + "…" : s;
  }
}
