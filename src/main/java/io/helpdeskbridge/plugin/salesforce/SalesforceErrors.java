package io.helpdeskbridge.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.HelpdeskException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sorts Salesforce's answers into the bridge's decisions. Salesforce reports errors as a JSON array
 * of {@code {message, errorCode, fields}}:
 *
 * <ul>
 *   <li>{@code REQUEST_LIMIT_EXCEEDED} (403): the org's rolling 24 h API allocation is used up.
 *       Salesforce sends no {@code Retry-After}; we wait {@code limit-backoff-s} and quote the org's
 *       {@code Sforce-Limit-Info: api-usage=used/max}.
 *   <li>401 ({@code INVALID_SESSION_ID}) that is still there after camel-salesforce's own re-login
 *       and replay: retryable (a later attempt logs in afresh once more).
 *   <li>409, 412 (a conditional update lost against an agent's edit): conflict, read again.
 *   <li>5xx, 408, 429, {@code UNABLE_TO_LOCK_ROW}, {@code SERVER_UNAVAILABLE}, no answer at all:
 *       retryable.
 *   <li>Other 4xx (validation: {@code REQUIRED_FIELD_MISSING}, {@code
 *       FIELD_CUSTOM_VALIDATION_EXCEPTION}, {@code INVALID_FIELD}, ...; 404; 300 for an external id
 *       that matches several records): permanent, with Salesforce's message, so the event goes to
 *       the dead letters instead of being retried forever.
 * </ul>
 *
 * @see <a href="https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm">Status codes and error responses</a>
 */
final class SalesforceErrors {
  static final String LIMIT_HEADER = "Sforce-Limit-Info";

  private static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG",
      "QUERY_TIMEOUT", "INVALID_SESSION_ID");
  private static final Set<String> LOGIN_CODES = Set.of("invalid_grant", "invalid_client", "invalid_client_id",
      "unsupported_grant_type", "inactive_user", "inactive_org", "unauthorized_client");
  private static final int MAX_MESSAGE = 600;

  private SalesforceErrors() {}

  /** One entry of Salesforce's error array. */
  record Error(String errorCode, String message, List<String> fields) {
    @Override
    public String toString() {
      return (errorCode == null ? "" : errorCode + ": ") + (message == null ? "" : message)
          + (fields == null || fields.isEmpty() ? "" : " [fields: " + String.join(", ", fields) + "]");
    }
  }

  /**
   * @param what what the bridge was doing ("update Case 500…")
   * @param status the HTTP status, 0 when no answer came
   * @param errors Salesforce's error array (may be empty)
   * @param fallbackText a text to show when there is no error array (body or exception text)
   * @param limitInfo the {@code Sforce-Limit-Info} response header, or null
   * @param limitBackoff how long to wait when the org's API limit is reached
   */
  static HelpdeskException classify(String what, int status, List<Error> errors, String fallbackText, String limitInfo,
      Duration limitBackoff, Throwable cause) {
    Set<String> codes = errors.stream().map(Error::errorCode).filter(c -> c != null).collect(Collectors.toSet());
    String detail = errors.isEmpty() ? oneLine(fallbackText)
        : errors.stream().map(Error::toString).collect(Collectors.joining("; "));
    String msg = cap(what + ": Salesforce " + (status == 0 ? "gave no answer" : String.valueOf(status))
        + (detail.isEmpty() ? "" : " " + detail));
    if (codes.contains("REQUEST_LIMIT_EXCEEDED")) {
      String usage = limitInfo == null || limitInfo.isBlank()
          ? "the answer had no " + LIMIT_HEADER + " header"
          : "org API usage " + limitInfo.trim();
      return new HelpdeskException(Kind.RETRYABLE, status, msg + " (" + usage + "; retrying in " + limitBackoff.toSeconds() + " s)",
          limitBackoff, cause);
    }
    if (codes.stream().anyMatch(LOGIN_CODES::contains)) {
      return new HelpdeskException(Kind.PERMANENT, status, cap(what + ": Salesforce login failed: " + detail), null, cause);
    }
    if (status == 401) {
      // camel-salesforce already logged in again and replayed the call once
      return new HelpdeskException(Kind.RETRYABLE, status, cap(msg + " (refused again after a fresh login)"), null, cause);
    }
    if (status == 0 || status == 408 || status == 429 || status >= 500 || codes.stream().anyMatch(TRANSIENT_CODES::contains)) {
      return new HelpdeskException(Kind.RETRYABLE, status, msg, null, cause);
    }
    if (status == 409 || status == 412) {
      return new HelpdeskException(Kind.CONFLICT, status, msg, null, cause);
    }
    return new HelpdeskException(Kind.PERMANENT, status, msg, null, cause);
  }

  /** Salesforce's error array from a JSON body ({@code [{"errorCode":…,"message":…}]}); empty if it is not one. */
  static List<Error> errorsFrom(JsonNode body) {
    List<Error> out = new ArrayList<>();
    if (body == null) return out;
    JsonNode array = body.isArray() ? body : body.isObject() && body.has("errors") ? body.get("errors") : null;
    if (array == null || !array.isArray()) {
      // the token endpoint answers {"error":…, "error_description":…}
      if (body.isObject() && body.has("error")) {
        out.add(new Error(body.path("error").asText(null), body.path("error_description").asText(null), List.of()));
      }
      return out;
    }
    for (JsonNode e : array) {
      if (!e.isObject()) continue;
      List<String> fields = new ArrayList<>();
      e.path("fields").forEach(f -> fields.add(f.asText()));
      String code = e.hasNonNull("errorCode") ? e.get("errorCode").asText() : e.path("statusCode").asText(null);
      out.add(new Error(code, e.path("message").asText(null), fields));
    }
    return out;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }

  private static String cap(String s) {
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
  }
}
