package io.helpdeskbridge.plugin.zendesk;

import io.helpdeskbridge.spi.HelpdeskException;
import java.time.Duration;
import org.zendesk.client.v2.ZendeskException;
import org.zendesk.client.v2.ZendeskResponseException;
import org.zendesk.client.v2.ZendeskResponseRateLimitException;

/**
 * Sorts the Zendesk client's exceptions into the bridge's decisions: 429 waits for {@code
 * Retry-After}; 409 is a safe-update conflict; 5xx, 408 and network failures are retried; other 4xx
 * are permanent.
 *
 * @see <a href="https://developer.zendesk.com/api-reference/introduction/rate-limits/">Rate limits</a>
 */
final class ZendeskErrors {
  private ZendeskErrors() {}

  static HelpdeskException classify(String what, ZendeskException e) {
    if (e instanceof ZendeskResponseRateLimitException r) {
      Long s = r.getRetryAfter();
      return HelpdeskException.retryable(r.getStatusCode(), what + ": Zendesk " + r.getStatusCode() + " rate limited",
          s == null ? null : Duration.ofSeconds(s));
    }
    if (e instanceof ZendeskResponseException r) {
      int status = r.getStatusCode();
      String msg = what + ": Zendesk " + status + " " + nz(r.getStatusText()) + body(r.getBody());
      if (status == 409) return new HelpdeskException(HelpdeskException.Kind.CONFLICT, status, msg, null, e);
      if (status == 408 || status == 429 || status >= 500) return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, status, msg, null, e);
      return new HelpdeskException(HelpdeskException.Kind.PERMANENT, status, msg, null, e);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0,
        what + ": Zendesk unreachable (" + root.getClass().getSimpleName() + ": " + nz(root.getMessage()) + ")", null, e);
  }

  private static String body(String body) {
    if (body == null || body.isBlank()) return "";
    String one = body.replaceAll("\\s+", " ").trim();
    return ": " + (one.length() > 300 ? one.substring(0, 300) + "…" : one);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
