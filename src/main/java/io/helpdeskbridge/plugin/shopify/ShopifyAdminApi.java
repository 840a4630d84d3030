package io.helpdeskbridge.plugin.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side of the Admin REST API shared by the plugin's lookups and refunds: the base URL
 * ({@code api-base}, else {@code https://<shop-domain>}), the pinned {@code api-version}, the
 * {@code X-Shopify-Access-Token} header, JSON bodies, and error messages that carry Shopify's
 * {@code errors} text but never the token.
 *
 * @see <a href="https://shopify.dev/docs/api/usage/response-codes">Shopify API response status and error codes</a>
 */
final class ShopifyAdminApi {
  static final String TIMEOUT_MS = "lookup-timeout-ms";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Shopify's answer: the HTTP status, the parsed body (missing when not JSON) and {@code Retry-After}. */
  record Answer(int status, JsonNode body, Optional<String> retryAfter) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** 429 and 5xx pass: the same request may work later. */
    boolean passing() {
      return status == 429 || status >= 500;
    }
  }

  private final String root;
  private final String token;
  private final Duration timeout;

  ShopifyAdminApi(String base, String version, String token, Duration timeout) {
    this.root = base.replaceAll("/+$", "") + "/admin/api/" + version;
    this.token = token;
    this.timeout = timeout;
  }

  /** {@code api-base}, else {@code https://<shop-domain>}; null when neither is set. */
  static String base(ConnectorSettings settings) {
    String shop = settings.string(ShopifyEventSource.SHOP_DOMAIN, null);
    return settings.string(ShopifyOrderLookup.API_BASE, shop == null ? null : "https://" + shop);
  }

  /**
   * The API as connector settings describe it, authenticated with the token under {@code
   * tokenSetting}; the caller has checked that {@link #base} is set.
   */
  static ShopifyAdminApi of(ConnectorSettings settings, String tokenSetting, int defaultTimeoutMs) {
    String base = base(settings);
    if (base == null) {
      throw new IllegalStateException(settings.file() + ": connector '" + settings.id()
          + "' needs the setting 'shop-domain' or 'api-base'");
    }
    return new ShopifyAdminApi(base, settings.string(ShopifyOrderLookup.API_VERSION, ShopifyEventSource.SAMPLE_API_VERSION),
        settings.require(tokenSetting), Duration.ofMillis(settings.integer(TIMEOUT_MS, defaultTimeoutMs)));
  }

  /** A GET of {@code /admin/api/<version><pathAndQuery>}; every status comes back. */
  Answer get(String pathAndQuery) throws IOException {
    return send(request(pathAndQuery).GET().build());
  }

  /** A JSON POST; every status comes back, since only the caller knows which refusals are final. */
  Answer post(String path, JsonNode body) throws IOException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  /** What the engine logs and shows for a status worth retrying or not understood: never the token. */
  IOException failure(Answer a, String what) {
    StringBuilder m = new StringBuilder("Shopify answered ").append(a.status()).append(" for ").append(what);
    if (a.status() == 429) {
      // the REST bucket refills quickly; Retry-After says when (seconds, often "2.0")
      m.append(" (rate limited, Retry-After ").append(a.retryAfter().map(s -> s + " s").orElse("not given")).append(")");
    } else {
      String errors = errors(a);
      if (!errors.isEmpty()) m.append(": ").append(errors);
    }
    return new IOException(m.toString());
  }

  /** Why Shopify said no, in its words; a 401 gets a fixed text (the token was refused). */
  String reason(Answer a, String what) {
    if (a.status() == 401) return "Shopify refused the access token (401) for " + what;
    String errors = errors(a);
    return errors.isEmpty() ? "Shopify answered " + a.status() + " for " + what : errors;
  }

  /**
   * Shopify's {@code errors} as one line: a string as is, a list joined, an object as {@code
   * field message} pairs with {@code base} messages bare ({@code {"errors":{"base":["..."]}}}).
   */
  String errors(Answer a) {
    JsonNode e = a.body().has("errors") ? a.body().get("errors") : a.body().path("error");
    List<String> parts = new ArrayList<>();
    if (e.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String prefix = field.getKey().equals("base") ? "" : field.getKey().replace('_', ' ') + " ";
        if (field.getValue().isArray()) field.getValue().forEach(v -> parts.add(prefix + v.asText()));
        else parts.add(prefix + field.getValue().asText());
      }
    } else if (e.isArray()) {
      e.forEach(v -> parts.add(v.asText()));
    } else if (e.isValueNode() && !e.isNull()) {
      parts.add(e.asText());
    }
    return scrub(String.join("; ", parts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
  }

  private String scrub(String text) {
    return token.isEmpty() ? text : text.replace(token, "[token]");
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(root + pathAndQuery)).timeout(timeout)
        .header("X-Shopify-Access-Token", token).header("Accept", "application/json");
  }

  private static Answer send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), parse(r.body()), r.headers().firstValue("Retry-After"));
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
      // a proxy's HTML error page: the status alone tells the story
      return MissingNode.getInstance();
    }
  }
}
