package io.helpdeskbridge.plugin.adobecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The REST side shared by the order lookup and the order number of a credit memo: {@code
 * <base-url>/rest/<store-code>/V1/...}, the integration's access token as {@code Authorization:
 * Bearer}, JSON answers, and failures whose message carries Commerce's own {@code message} (its
 * {@code %1} / {@code %name} placeholders filled from {@code parameters}) but never the token.
 *
 * <p>Since 2.4.4 Commerce accepts an integration's access token as a standalone Bearer token only
 * when {@code oauth/consumer/enable_integration_as_bearer} is 1; otherwise it answers 401 "The
 * consumer isn't authorized to access %resources", which reads like a missing ACL grant. The 401
 * message says so.
 *
 * <p>Commerce itself limits no admin REST reads; a 429 comes from Fastly on Adobe Commerce on cloud
 * infrastructure (without {@code Retry-After}) or from a proxy, and is thrown as {@link
 * Lookup.RateLimited} so the engine pauses this connector.
 *
 * @see <a href="https://developer.adobe.com/commerce/webapi/get-started/authentication/gs-authentication-token/">Adobe
 *     Commerce: token-based authentication (integration tokens)</a>
 * @see <a href="https://developer.adobe.com/commerce/webapi/get-started/gs-web-api-response/">Adobe Commerce:
 *     status codes and the error format</a>
 */
final class AdobeCommerceApi {
  static final String BASE_URL = "base-url";
  static final String STORE_CODE = "store-code";
  static final String ACCESS_TOKEN = "access-token";
  static final String TIMEOUT_MS = "lookup-timeout-ms";
  static final String DEFAULT_STORE_CODE = "default";
  /** Commerce's longest messages are a sentence; a proxy's page is not worth more on a ticket. */
  private static final int MAX_MESSAGE = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Commerce's answer: the status, the parsed body (missing when not JSON) and {@code Retry-After}. */
  record Answer(int status, JsonNode body, String retryAfter) {}

  private final String root;
  private final String token;
  private final Duration timeout;

  AdobeCommerceApi(String baseUrl, String storeCode, String token, Duration timeout) {
    this.root = baseUrl.trim().replaceAll("/+$", "") + "/rest/" + storeCode.trim() + "/V1";
    this.token = token;
    this.timeout = timeout;
  }

  /** Whether the settings name a shop and a token, without which nothing can be asked. */
  static boolean configured(ConnectorSettings settings) {
    return settings.has(BASE_URL) && settings.has(ACCESS_TOKEN);
  }

  static AdobeCommerceApi of(ConnectorSettings settings) {
    return new AdobeCommerceApi(settings.require(BASE_URL), settings.string(STORE_CODE, DEFAULT_STORE_CODE),
        settings.require(ACCESS_TOKEN), Duration.ofMillis(settings.integer(TIMEOUT_MS, 3000)));
  }

  /** A GET of {@code /rest/<store>/V1<pathAndQuery>}; every status comes back. */
  Answer get(String pathAndQuery) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(root + pathAndQuery)).timeout(timeout)
        .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), parse(r.body()), r.headers().firstValue("Retry-After").orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * The exception for an answer that is not the expected one: {@link Lookup.RateLimited} for 429,
   * else an {@link IOException} naming the status and Commerce's message, never the token.
   */
  IOException failure(Answer a, String what) {
    String message = message(a.body());
    if (a.status() == 429) {
      return new Lookup.RateLimited("Adobe Commerce answered 429 for " + what + " (rate limited, Retry-After "
          + (a.retryAfter() == null ? "not given" : a.retryAfter() + " s") + ")", RetryAfter.parse(a.retryAfter()));
    }
    if (a.status() == 401) {
      return new IOException("Adobe Commerce refused the access token (401) for " + what
          + (message.isEmpty() ? "" : ": " + message)
          + ". Integration tokens work as Bearer tokens only with oauth/consumer/enable_integration_as_bearer = 1"
          + " (2.4.4 and later)");
    }
    return new IOException(
        "Adobe Commerce answered " + a.status() + " for " + what + (message.isEmpty() ? "" : ": " + message));
  }

  /** {@code message} with its placeholders filled: {@code %1} from a list, {@code %name} from an object. */
  String message(JsonNode body) {
    String message = body.path("message").isTextual() ? body.path("message").asText().trim() : "";
    JsonNode parameters = body.path("parameters");
    if (parameters.isArray()) {
      // %10 before %1: the longer placeholder first
      for (int i = parameters.size(); i >= 1; i--) message = message.replace("%" + i, parameters.get(i - 1).asText());
    } else if (parameters.isObject()) {
      for (Map.Entry<String, JsonNode> p : parameters.properties()) {
        message = message.replace("%" + p.getKey(), p.getValue().asText());
      }
    }
    if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
    return token.isEmpty() ? message : message.replace(token, "[token]");
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
      return n == null ? MissingNode.getInstance() : n;
    } catch (IOException notJson) {
      // a proxy's or Fastly's HTML page: the status alone tells the story
      return MissingNode.getInstance();
    }
  }
}
