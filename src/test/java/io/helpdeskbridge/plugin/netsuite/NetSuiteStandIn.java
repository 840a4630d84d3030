package io.helpdeskbridge.plugin.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in of NetSuite's REST web services on a dynamic port, speaking the documented contract:
 * SuiteQL ({@code POST /services/rest/query/v1/suiteql}, {@code Prefer: transient}, rows under
 * {@code items} with lower-case columns), the record service ({@code GET
 * /services/rest/record/v1/salesOrder/<id>}), errors as {@code o:errorDetails}.
 *
 * <p>It checks token-based authentication as NetSuite does: the {@code Authorization: OAuth ...}
 * header must carry this account's realm, consumer key and token, {@code HMAC-SHA256}, version 1.0,
 * a nonce of six or more characters, a timestamp within five minutes, and a signature that it
 * recomputes from the shared test credentials. It recomputes it by hand, following RFC 5849, rather
 * than with the library the plugin signs with, so the two are a check on each other. Anything else is
 * answered {@code 401 INVALID_LOGIN} with NetSuite's body and {@code WWW-Authenticate} header.
 */
public final class NetSuiteStandIn implements AutoCloseable {
  public static final String ACCOUNT_ID = "1234567_SB1";
  public static final String CONSUMER_KEY = "ns-test-consumer-key-7f3a9c0e";
  public static final String CONSUMER_SECRET = "ns-test-consumer-secret-d41e08b2";
  public static final String TOKEN_ID = "ns-test-token-id-5b2c77aa";
  public static final String TOKEN_SECRET = "ns-test-token-secret-9e6f13c4";
  public static final String SUITEQL = "/services/rest/query/v1/suiteql";
  public static final String SALES_ORDER = "/services/rest/record/v1/salesOrder/";
  private static final Pattern HEADER_PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

  private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

  public NetSuiteStandIn() {
    server.start();
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(error(401, "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2",
        "Unauthorized", "INVALID_LOGIN", "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI"
            + " at Setup > Users/Roles > User Management > View Login Audit Trail.")
        .withHeader("WWW-Authenticate", "OAuth realm=\"" + ACCOUNT_ID + "\", error=\"token_rejected\", error_description=\"Invalid login attempt.\"")));
    // signed, but about nothing this stand-in holds: no rows, no such record
    server.stubFor(suiteql().atPriority(5).willReturn(okJson(rows())));
    server.stubFor(signed(get(urlPathMatching(SALES_ORDER + ".*"))).atPriority(5).willReturn(error(404,
        "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5", "Not Found", "NONEXISTENT_ID",
        "The record instance does not exist. Provide a valid record instance ID.")));
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public WireMockServer server() {
    return server;
  }

  /** What a bridge needs in its environment to look orders up here. */
  public Map<String, String> env() {
    return new LinkedHashMap<>(Map.of("NETSUITE_ACCOUNT_ID", ACCOUNT_ID, "NETSUITE_CONSUMER_KEY", CONSUMER_KEY,
        "NETSUITE_CONSUMER_SECRET", CONSUMER_SECRET, "NETSUITE_TOKEN_ID", TOKEN_ID, "NETSUITE_TOKEN_SECRET", TOKEN_SECRET,
        "NETSUITE_API_BASE", url()));
  }

  /** Connector settings for this stand-in, with {@code extra} on top (a wrong secret, a custom field). */
  public ConnectorSettings settings(Map<String, String> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("account-id", ACCOUNT_ID);
    values.put("consumer-key", CONSUMER_KEY);
    values.put("consumer-secret", CONSUMER_SECRET);
    values.put("token-id", TOKEN_ID);
    values.put("token-secret", TOKEN_SECRET);
    values.put("api-base", url());
    values.putAll(extra);
    return ConnectorSettings.of("netsuite", values);
  }

  /**
   * A sales order: SuiteQL finds it by {@code number} (in whatever column is asked) and by {@code
   * email}, giving {@code internalId}, {@code number} and {@code currency}; the record service
   * answers {@code record}.
   */
  public void salesOrder(String internalId, String number, String email, String currency, String record) {
    String row = "{\"links\":[],\"id\":\"" + internalId + "\",\"ordernumber\":\"" + number + "\",\"currency\":\"" + currency + "\"}";
    server.stubFor(suiteql().withRequestBody(matchingJsonPath("$.q", containing(" = '" + number + "'")))
        .willReturn(okJson(rows(row))));
    server.stubFor(suiteql().withRequestBody(matchingJsonPath("$.q", containing("LOWER(t.email) = '" + email.toLowerCase(Locale.ROOT) + "'")))
        .willReturn(okJson(rows(row))));
    server.stubFor(signed(get(urlPathEqualTo(SALES_ORDER + internalId))).withQueryParam("expandSubResources", equalTo("true"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.oracle.resource+json; type=singular; charset=UTF-8")
            .withBody(record)));
  }

  /** A SuiteQL row for {@code number} whose record is gone (deleted between the two calls). */
  public void orphanRow(String internalId, String number) {
    server.stubFor(suiteql().withRequestBody(matchingJsonPath("$.q", containing(" = '" + number + "'")))
        .willReturn(okJson(rows("{\"links\":[],\"id\":\"" + internalId + "\",\"ordernumber\":\"" + number + "\",\"currency\":\"USD\"}"))));
  }

  /**
   * SuiteQL about {@code number} is over the account's concurrency limit: 429 with the body NetSuite
   * sends (its title says "Bad Request"), and {@code Retry-After} only when given (NetSuite sends none).
   */
  public void concurrencyLimited(String number, String retryAfter) {
    ResponseDefinitionBuilder r = error(429, "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html", "Bad Request",
        NetSuiteErrors.CONCURRENCY_LIMIT, "Concurrent request limit exceeded. Request blocked.");
    if (retryAfter != null) r.withHeader("Retry-After", retryAfter);
    server.stubFor(suiteql().withRequestBody(matchingJsonPath("$.q", containing(" = '" + number + "'"))).willReturn(r));
  }

  /** SuiteQL about {@code number} answers {@code status} with {@code body} as it is. */
  public void suiteqlAnswers(String number, int status, String contentType, String body) {
    server.stubFor(suiteql().withRequestBody(matchingJsonPath("$.q", containing(" = '" + number + "'")))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
  }

  public List<LoggedRequest> requests() {
    return server.getAllServeEvents().stream().map(ServeEvent::getRequest).map(LoggedRequest.class::cast)
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
  }

  /** How many requests were refused as not signed right. */
  public long refusedLogins() {
    return server.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 401).count();
  }

  /** The SuiteQL texts asked, in order. */
  public List<String> queries() {
    List<String> out = new ArrayList<>();
    for (LoggedRequest r : requests()) {
      if (r.getUrl().startsWith(SUITEQL)) {
        Matcher m = Pattern.compile("\"q\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(r.getBodyAsString());
        out.add(m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null);
      }
    }
    return out;
  }

  /**
   * A sales order as the record service gives it with {@code expandSubResources=true}: body fields in
   * camelCase, references as {@code {"links","id","refName"}}, the {@code item} sublist expanded.
   * {@code lines} are {@code "2.0 × Blue mug"}-style pairs of quantity and item name.
   */
  public String salesOrderRecord(String internalId, String tranId, String email, String status, String total,
      String shipMethod, String trackingNumbers, String... lines) {
    String self = url() + SALES_ORDER + internalId;
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String[] qn = lines[i].split(" × ", 2);
      items.append(i == 0 ? "" : ",").append("""
          {"links":[{"rel":"self","href":"%s/item/%d"}],"line":%d,"item":{"links":[],"id":"%d","refName":"%s"},
           "quantity":%s,"description":"%s","isClosed":false}""".formatted(self, i + 1, i + 1, 200 + i, qn[1], qn[0], qn[1]));
    }
    return """
        {"links":[{"rel":"self","href":"%s"}],"id":"%s","tranId":"%s","email":"%s","tranDate":"2026-11-20",
         "createdDate":"2026-11-20T14:03:00Z","lastModifiedDate":"2026-11-21T09:12:00Z",
         "entity":{"links":[],"id":"311","refName":"Jane Doe"},
         "status":{"id":"%s","refName":"%s"},
         "currency":{"links":[],"id":"1","refName":"USA"},"exchangeRate":1.0,
         "subtotal":%s,"total":%s,"shipMethod":{"links":[],"id":"4","refName":"%s"},
         "linkedTrackingNumbers":"%s",
         "item":{"links":[{"rel":"self","href":"%s/item"}],"items":[%s],"totalResults":%d,"count":%d,"hasMore":false,"offset":0}}"""
        .formatted(self, internalId, tranId, email, status, status, total, total, shipMethod, trackingNumbers, self, items,
            lines.length, lines.length);
  }

  /** A SuiteQL answer holding {@code rows}, shaped as NetSuite pages collections. */
  public String rows(String... rows) {
    return "{\"links\":[{\"rel\":\"self\",\"href\":\"" + url() + SUITEQL + "?limit=1&offset=0\"}],\"count\":" + rows.length
        + ",\"hasMore\":false,\"items\":[" + String.join(",", rows) + "],\"offset\":0,\"totalResults\":" + rows.length + "}";
  }

  private MappingBuilder suiteql() {
    return signed(post(urlPathEqualTo(SUITEQL))).withHeader("Prefer", equalTo("transient"))
        .withHeader("Content-Type", containing("application/json"));
  }

  private MappingBuilder signed(MappingBuilder m) {
    return m.andMatching(r -> MatchResult.of(refusal(r, Instant.now()) == null));
  }

  /** Why NetSuite would refuse this request's login, or null when the signature and its parameters hold. */
  static String refusal(Request r, Instant now) {
    String header = r.getHeader("Authorization");
    if (header == null || !header.startsWith("OAuth ")) return "no OAuth Authorization header";
    Map<String, String> p = new LinkedHashMap<>();
    Matcher m = HEADER_PARAM.matcher(header.substring("OAuth ".length()));
    while (m.find()) p.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
    if (!ACCOUNT_ID.equals(p.get("realm"))) return "realm " + p.get("realm");
    if (!CONSUMER_KEY.equals(p.get("oauth_consumer_key"))) return "unknown consumer key";
    if (!TOKEN_ID.equals(p.get("oauth_token"))) return "unknown token";
    if (!"HMAC-SHA256".equals(p.get("oauth_signature_method"))) return "signature method " + p.get("oauth_signature_method");
    if (!"1.0".equals(p.get("oauth_version"))) return "version " + p.get("oauth_version");
    String nonce = p.getOrDefault("oauth_nonce", "");
    if (nonce.length() < 6) return "nonce_rejected";
    long ts;
    try {
      ts = Long.parseLong(p.getOrDefault("oauth_timestamp", ""));
    } catch (NumberFormatException e) {
      return "timestamp missing";
    }
    if (Math.abs(now.getEpochSecond() - ts) > 300) return "timestamp_refused";
    String expected = signature(r.getMethod().getName(), URI.create(r.getAbsoluteUrl()), p, CONSUMER_SECRET, TOKEN_SECRET);
    return expected.equals(p.get("oauth_signature")) ? null : "InvalidSignature";
  }

  /**
   * The HMAC-SHA256 signature of RFC 5849 section 3.4: the method, the base URI (no query, no default
   * port) and every query and {@code oauth_} parameter but the signature and the realm, each
   * percent-encoded, sorted by name and value, joined with {@code &}.
   */
  static String signature(String method, URI uri, Map<String, String> oauth, String consumerSecret, String tokenSecret) {
    List<String[]> params = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        params.add(new String[] {enc(URLDecoder.decode(k, StandardCharsets.UTF_8)), enc(URLDecoder.decode(v, StandardCharsets.UTF_8))});
      }
    }
    oauth.forEach((k, v) -> {
      if (k.startsWith("oauth_") && !k.equals("oauth_signature")) params.add(new String[] {enc(k), enc(v)});
    });
    params.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder normalized = new StringBuilder();
    for (String[] a : params) normalized.append(normalized.length() == 0 ? "" : "&").append(a[0]).append('=').append(a[1]);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean defaultPort = uri.getPort() == -1 || (scheme.equals("http") && uri.getPort() == 80) || (scheme.equals("https") && uri.getPort() == 443);
    String baseUri = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + uri.getPort()) + uri.getRawPath();
    String base = method.toUpperCase(Locale.ROOT) + "&" + enc(baseUri) + "&" + enc(normalized.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec((enc(consumerSecret) + "&" + enc(tokenSecret)).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 3986 percent-encoding, as RFC 5849 section 3.6 asks. */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.oracle.resource+json; type=collection; charset=UTF-8")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder error(int status, String type, String title, String code, String detail) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/vnd.oracle.resource+json; type=error; charset=UTF-8")
        .withBody("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
            + ",\"o:errorDetails\":[{\"detail\":\"" + detail + "\",\"o:errorCode\":\"" + code + "\"}]}");
  }

  @Override
  public void close() {
    server.stop();
  }
}
