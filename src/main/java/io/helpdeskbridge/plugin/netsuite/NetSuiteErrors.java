package io.helpdeskbridge.plugin.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.RetryAfter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns NetSuite's refusals into what the engine acts on. REST web services answer errors as {@code
 * {"type","title","status","o:errorDetails":[{"detail","o:errorCode"}]}}. A request over the
 * account's concurrency limit (shared by every integration and RESTlet of the account) is {@code 429}
 * with {@code o:errorCode} {@code CONCURRENCY_LIMIT_EXCEEDED} and usually no {@code Retry-After}: it
 * becomes {@link Lookup.RateLimited}, so the engine pauses this connector's lookups. A refused login
 * ({@code 401 INVALID_LOGIN}, with {@code WWW-Authenticate: OAuth ... error="token_rejected"}) gets a
 * fixed text that says what to check. No message carries a credential.
 *
 * @see <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html">Error
 *     handling in REST web services</a>
 * @see <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_158521885412.html">RESTlets
 *     and REST web services authentication errors</a>
 */
final class NetSuiteErrors {
  static final String CONCURRENCY_LIMIT = "CONCURRENCY_LIMIT_EXCEEDED";
  private static final int MAX_DETAIL = 300;
  private static final Pattern AUTH_ERROR = Pattern.compile("\\berror=\"([^\"]*)\"");

  private NetSuiteErrors() {}

  /** Why NetSuite refused {@code what}, as the exception the lookup throws. */
  static IOException failure(NetSuiteApi.Answer a, String what, NetSuiteTokenAuth auth) {
    Set<String> codes = codes(a.body());
    String codeText = codes.isEmpty() ? "" : " " + String.join(", ", codes);
    if (a.status() == 429 || codes.contains(CONCURRENCY_LIMIT)) {
      return new Lookup.RateLimited("NetSuite refused " + what + " for the account's concurrency limit (" + a.status()
          + codeText + ", Retry-After " + a.retryAfter().map(s -> s + " s").orElse("not given") + ")",
          RetryAfter.parse(a.retryAfter().orElse(null)));
    }
    if (a.status() == 401) {
      String why = a.wwwAuthenticate().map(NetSuiteErrors::authError).map(e -> ", " + e).orElse("");
      return new IOException("NetSuite refused the token-based login (401" + codeText + why + ") for " + what
          + ": check the account id, consumer key and secret, token id and secret, and the Login Audit Trail");
    }
    String details = details(a.body());
    return new IOException(auth.scrub("NetSuite answered " + a.status() + codeText + " for " + what
        + (details.isEmpty() ? "" : ": " + details)));
  }

  /** Every {@code o:errorCode}, of the details and of the body itself, once each. */
  static Set<String> codes(JsonNode body) {
    Set<String> codes = new LinkedHashSet<>();
    if (body.hasNonNull("o:errorCode")) codes.add(body.get("o:errorCode").asText());
    for (JsonNode d : body.path("o:errorDetails")) {
      if (d.hasNonNull("o:errorCode")) codes.add(d.get("o:errorCode").asText());
    }
    codes.removeIf(String::isBlank);
    return codes;
  }

  /** The {@code detail} texts on one line, cut to a readable length. */
  static String details(JsonNode body) {
    List<String> parts = new ArrayList<>();
    for (JsonNode d : body.path("o:errorDetails")) {
      String text = d.path("detail").asText("").replaceAll("\\s+", " ").trim();
      if (!text.isEmpty()) parts.add(text);
    }
    String joined = String.join("; ", parts);
    return joined.length() <= MAX_DETAIL ? joined : joined.substring(0, MAX_DETAIL) + "…";
  }

  private static String authError(String header) {
    Matcher m = AUTH_ERROR.matcher(header);
    return m.find() && !m.group(1).isBlank() ? m.group(1) : null;
  }
}
