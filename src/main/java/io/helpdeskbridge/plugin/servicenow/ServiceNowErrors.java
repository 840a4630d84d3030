package io.helpdeskbridge.plugin.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.HelpdeskException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Sorts ServiceNow's answers into the bridge's decisions: 429 waits for {@code Retry-After}
 * (seconds); 408, 5xx, timeouts and connection failures are retried; 401/403 are permanent with a
 * hint at the credentials or the user's roles/ACLs; 404 stays 404 (the writer re-correlates); every
 * other 4xx is permanent. Messages carry ServiceNow's {@code {"error":{"message","detail"},
 * "status":"failure"}} text, never the password or token.
 */
final class ServiceNowErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 300;

  private ServiceNowErrors() {}

  static HelpdeskException fromResponse(String what, int status, String retryAfterHeader, String body, List<String> secrets) {
    String msg = redact(what + ": ServiceNow " + status + detail(body), secrets);
    Duration retryAfter = io.helpdeskbridge.spi.RetryAfter.parse(retryAfterHeader);
    if (status == 429) {
      return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, status, msg + " (rate limited"
          + (retryAfter == null ? ")" : ", retry after " + retryAfter.toSeconds() + " s)"), retryAfter, null);
    }
    if (status == 408 || status >= 500) {
      return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, status, msg, retryAfter, null);
    }
    if (status == 401) {
      return HelpdeskException.permanent(status, msg + " (check the connector's username/password or oauth-token)");
    }
    if (status == 403) {
      return HelpdeskException.permanent(status, msg + " (the integration user lacks a role or ACL for this table)");
    }
    return HelpdeskException.permanent(status, msg);
  }

  static HelpdeskException unreachable(String what, IOException e, List<String> secrets) {
    String why = e instanceof HttpTimeoutException ? "timed out" : "unreachable";
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = what + ": ServiceNow " + why + " (" + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0, redact(msg, secrets), null, null);
  }


  /** ": Invalid table: no_such_table (detail)" from the error object, else the raw text shortened. */
  static String detail(String body) {
    if (body == null || body.isBlank()) return "";
    try {
      JsonNode error = JSON.readTree(body).path("error");
      String message = error.path("message").asText("");
      String detail = error.path("detail").asText("");
      if (!message.isEmpty() || !detail.isEmpty()) {
        return ": " + shorten(message + (message.isEmpty() || detail.isEmpty() ? "" : " (") + detail
            + (message.isEmpty() || detail.isEmpty() ? "" : ")"));
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    return ": " + shorten(body.replaceAll("\\s+", " ").trim());
  }

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
