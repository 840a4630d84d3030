package io.helpdeskbridge.plugin.usps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ClientCredentialsToken;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.RetryAfter;
import io.helpdeskbridge.spi.VendorJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * USPS's Tracking API (apis.usps.com): an OAuth 2.0 client-credentials token from {@code POST
 * /oauth2/v3/token} (the app's consumer key and secret in a JSON body, as USPS's own examples
 * send them), kept and reused until shortly before it expires, then {@code GET
 * /tracking/v3/tracking/{number}?expand=DETAIL} with it as a Bearer token. A 401 with a kept token
 * (revoked, or expired early) fetches one new token and asks once more. USPS errors come as {@code
 * {"apiVersion":...,"error":{"code","message","errors":[...]}}}; 404 means USPS knows no such
 * number (yet: numbers appear with the first scan), 429 that the app's quota is used up.
 *
 * @see <a href="https://github.com/USPS/api-examples">USPS API examples (OAuth token request and answer)</a>
 */
final class UspsTrackingApi {
  static final String CLIENT_ID = "client-id";
  static final String CLIENT_SECRET = "client-secret";
  static final String API_BASE = "api-base";
  static final String DEFAULT_BASE = "https://apis.usps.com";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One token per API base and credentials: the token endpoint is rate-limited harder than the API. */
  private final Map<String, ClientCredentialsToken> tokens = new ConcurrentHashMap<>();
  private final Clock clock;

  UspsTrackingApi(Clock clock) {
    this.clock = clock;
  }

  /** USPS's answer for one number; null when USPS knows no such number. */
  JsonNode tracking(String number, ConnectorSettings settings) throws IOException {
    Duration timeout = Duration.ofMillis(settings.integer("lookup-timeout-ms", 3000));
    ClientCredentialsToken token = token(settings);
    HttpResponse<String> r = token.call(timeout, t -> get(number, t, settings, timeout));
    int status = r.statusCode();
    if (status == 200) return JSON.readTree(r.body());
    if (status == 404) return null;
    if (status == 429) {
      String header = r.headers().firstValue("Retry-After").orElse(null);
      throw new Lookup.RateLimited("USPS answered 429 for the tracking lookup (the app's quota; Retry-After "
          + (header == null ? "not given" : header + " s") + ")", RetryAfter.parse(header, clock));
    }
    String why = switch (status) {
      case 401 -> "a fresh access token was refused too";
      case 403 -> "the app may not use the Tracking API";
      default -> error(r.body());
    };
    throw new IOException("USPS answered " + status + " for the tracking lookup" + (why == null ? "" : ": " + why));
  }

  private HttpResponse<String> get(String number, String accessToken, ConnectorSettings settings, Duration timeout)
      throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base(settings) + "/tracking/v3/tracking/"
            + URLEncoder.encode(number, StandardCharsets.UTF_8) + "?expand=DETAIL"))
        .timeout(timeout)
        .header("Authorization", "Bearer " + accessToken)
        .header("Accept", "application/json")
        .GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking USPS");
    } catch (IOException e) {
      // the JDK names host and port at most; the token travels in a header it never prints
      throw new IOException("USPS could not be reached (" + e.getClass().getSimpleName() + ")");
    }
  }

  private ClientCredentialsToken token(ConnectorSettings settings) {
    String base = base(settings);
    String id = settings.require(CLIENT_ID);
    String secret = settings.require(CLIENT_SECRET);
    // the map key holds a digest of the secret, never the secret
    return tokens.computeIfAbsent(base + "\n" + id + "\n" + sha256(secret), k -> new ClientCredentialsToken(HTTP,
        URI.create(base + "/oauth2/v3/token"), id, secret, ClientCredentialsToken.Style.JSON_BODY, Map.of(), clock));
  }

  private static String base(ConnectorSettings settings) {
    return settings.string(API_BASE, DEFAULT_BASE).replaceAll("/+$", "");
  }

  /** {@code error.message} of USPS's error body; null when the body is not one. */
  private static String error(String body) {
    try {
      JsonNode e = JSON.readTree(body);
      return e == null ? null : VendorJson.text(e.path("error").path("message"));
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
