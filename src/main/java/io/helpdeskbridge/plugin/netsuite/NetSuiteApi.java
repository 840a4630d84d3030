package io.helpdeskbridge.plugin.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The two REST web services the order lookup needs, each request signed with token-based
 * authentication: SuiteQL ({@code POST /services/rest/query/v1/suiteql?limit=N} with {@code Prefer:
 * transient} and {@code {"q": "..."}}, answering {@code {"links","count","hasMore","items","offset",
 * "totalResults"}} with lower-case column names) to find an order, and the record service ({@code GET
 * /services/rest/record/v1/<type>/<id>?expandSubResources=true}) to read it with its lines.
 *
 * @see <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html">Executing
 *     SuiteQL queries through REST web services</a>
 * @see <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141947.html">Format of
 *     sublists and subrecords</a>
 */
final class NetSuiteApi {
  static final String ACCOUNT_ID = "account-id";
  static final String API_BASE = "api-base";
  static final String CONSUMER_KEY = "consumer-key";
  static final String CONSUMER_SECRET = "consumer-secret";
  static final String TOKEN_ID = "token-id";
  static final String TOKEN_SECRET = "token-secret";
  static final String TIMEOUT_MS = "lookup-timeout-ms";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** NetSuite's answer: the status, the parsed body (missing when not JSON) and the headers the errors read. */
  record Answer(int status, JsonNode body, Optional<String> retryAfter, Optional<String> wwwAuthenticate) {}

  private final String base;
  private final NetSuiteTokenAuth auth;
  private final Duration timeout;

  NetSuiteApi(String base, NetSuiteTokenAuth auth, Duration timeout) {
    this.base = base.replaceAll("/+$", "");
    this.auth = auth;
    this.timeout = timeout;
  }

  /** The API as connector settings describe it, with {@code api-base} (tests, a proxy) before the account's own host. */
  static NetSuiteApi of(ConnectorSettings settings, int defaultTimeoutMs, Clock clock) {
    NetSuiteAccount account = NetSuiteAccount.of(settings.require(ACCOUNT_ID));
    NetSuiteTokenAuth auth = new NetSuiteTokenAuth(account.realm(), settings.require(CONSUMER_KEY),
        settings.require(CONSUMER_SECRET), settings.require(TOKEN_ID), settings.require(TOKEN_SECRET), clock);
    return new NetSuiteApi(settings.string(API_BASE, account.apiBase()), auth, Duration.ofMillis(settings.integer(TIMEOUT_MS, defaultTimeoutMs)));
  }

  NetSuiteTokenAuth auth() {
    return auth;
  }

  /** The rows of a SuiteQL query (at most {@code limit}); any refusal is thrown, see {@link NetSuiteErrors}. */
  JsonNode suiteql(String query, int limit, String what) throws IOException {
    URI uri = URI.create(base + "/services/rest/query/v1/suiteql?limit=" + limit);
    HttpRequest request = signed("POST", uri).header("Prefer", "transient").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(JSON.createObjectNode().put("q", query))))
        .build();
    Answer a = send(request);
    if (a.status() != 200) throw NetSuiteErrors.failure(a, what, auth);
    if (!a.body().path("items").isArray()) throw new IOException("NetSuite answered 200 without SuiteQL rows for " + what);
    return a.body().get("items");
  }

  /** A record with its sublists expanded; empty when NetSuite has no record of that id (404). */
  Optional<JsonNode> record(String type, String id, String what) throws IOException {
    URI uri = URI.create(base + "/services/rest/record/v1/" + type + "/"
        + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?expandSubResources=true");
    Answer a = send(signed("GET", uri).GET().build());
    if (a.status() == 404) return Optional.empty();
    if (a.status() != 200) throw NetSuiteErrors.failure(a, what, auth);
    if (!a.body().isObject()) throw new IOException("NetSuite answered 200 without a record for " + what);
    return Optional.of(a.body());
  }

  private HttpRequest.Builder signed(String method, URI uri) throws IOException {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
        .header("Authorization", auth.authorization(method, uri));
  }

  private static Answer send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), parse(r.body()), r.headers().firstValue("Retry-After"),
          r.headers().firstValue("WWW-Authenticate"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
      return n == null ? MissingNode.getInstance() : n;
    } catch (IOException notJson) {
      // a proxy's or a maintenance page's HTML: the status alone tells the story
      return MissingNode.getInstance();
    }
  }
}
