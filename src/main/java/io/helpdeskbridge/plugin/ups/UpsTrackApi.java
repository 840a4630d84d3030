package io.helpdeskbridge.plugin.ups;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ClientCredentialsToken;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * UPS's Track API: {@code GET /api/track/v1/details/{inquiryNumber}} with a bearer token from
 * {@code POST /security/v1/oauth/token} (client credentials in HTTP Basic). The token is fetched once
 * per connector and reused until shortly before {@code expires_in}; a 401 drops it and the call is
 * made once more with a fresh one.
 *
 * <p>"Not found" has two shapes at UPS: {@code 404} with {@code response.errors[]}, and {@code 200}
 * whose shipment holds only {@code warnings[]} ({@code TW0001 Tracking Information Not Found}); an
 * inquiry number UPS calls invalid ({@code 400}, {@code TV1002}) is not a UPS parcel either. All three
 * are "nothing". 429 is {@link Lookup.RateLimited}; anything else an {@link IOException} naming the
 * status and UPS's error code, never the credentials or the token.
 *
 * @see <a href="https://github.com/UPS-API/api-documentation/blob/main/Tracking.yaml">UPS Track API (OpenAPI)</a>
 * @see <a href="https://github.com/UPS-API/api-documentation/blob/main/OAuthClientCredentials.yaml">UPS OAuth client credentials</a>
 */
final class UpsTrackApi {
  static final String CLIENT_ID = "client-id";
  static final String CLIENT_SECRET = "client-secret";
  static final String API_BASE = "api-base";
  static final String TRANSACTION_SRC = "transaction-src";
  static final String LOCALE = "locale";
  static final String DEFAULT_BASE = "https://onlinetools.ups.com";
  static final String DEFAULT_SRC = "helpdesk-bridge";
  static final String DEFAULT_LOCALE = "en_US";
  /** UPS's error codes that mean "no such parcel", whatever the HTTP status. */
  private static final Set<String> NOT_FOUND = Set.of("TW0001", "TV1002");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Clock clock;
  private final Map<ConnectorSettings, ClientCredentialsToken> tokens = new ConcurrentHashMap<>();

  UpsTrackApi(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** The package UPS reports for this inquiry number; null when UPS knows none. */
  JsonNode track(String inquiryNumber, ConnectorSettings settings) throws IOException {
    Duration timeout = Duration.ofMillis(settings.integer("lookup-timeout-ms", 3000));
    ClientCredentialsToken token = token(settings);
    HttpResponse<String> r = token.call(timeout, t -> get(inquiryNumber, settings, t, timeout));
    int status = r.statusCode();
    if (status == 429) {
      String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
      throw new Lookup.RateLimited("UPS answered 429 for the tracking lookup (rate limited, Retry-After "
          + (retryAfter == null ? "not given" : retryAfter + " s") + ")", RetryAfter.parse(retryAfter, clock));
    }
    JsonNode body = json(r.body());
    JsonNode error = body.path("response").path("errors").path(0);
    if (status == 401 || status == 403) {
      throw new IOException("UPS answered " + status + " for the tracking lookup: "
          + (status == 401 ? "the access token was refused" : "the account is blocked for tracking (" + code(error) + ")"));
    }
    if (status == 404 || (status == 400 && NOT_FOUND.contains(text(error.path("code"))))) return null;
    if (status != 200) {
      throw new IOException("UPS answered " + status + " for the tracking lookup" + describe(error));
    }
    JsonNode packages = body.path("trackResponse").path("shipment").path(0).path("package");
    for (JsonNode pkg : packages) {
      if (inquiryNumber.equalsIgnoreCase(text(pkg.path("trackingNumber")))) return pkg;
    }
    // a number that is not a package's own (a Mail Innovations or freight number) names the first one
    return packages.isEmpty() ? null : packages.get(0);
  }

  private ClientCredentialsToken token(ConnectorSettings s) {
    // one token per connector: its settings are the key (their toString never prints a value)
    return tokens.computeIfAbsent(s, k -> new ClientCredentialsToken(http,
        URI.create(base(k) + "/security/v1/oauth/token"), k.require(CLIENT_ID), k.require(CLIENT_SECRET),
        ClientCredentialsToken.Style.BASIC_HEADER, Map.of(), clock));
  }

  private HttpResponse<String> get(String inquiryNumber, ConnectorSettings s, String bearer, Duration timeout)
      throws IOException {
    String locale = s.string(LOCALE, DEFAULT_LOCALE);
    // signature images and proofs of delivery are personal data the ticket does not need
    URI uri = URI.create(base(s) + "/api/track/v1/details/" + inquiryNumber + "?locale="
        + URLEncoder.encode(locale, StandardCharsets.UTF_8) + "&returnSignature=false&returnPOD=false");
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("Authorization", "Bearer " + bearer)
        .header("Accept", "application/json")
        // UPS wants a unique id per request; 32 characters fit its limit
        .header("transId", UUID.randomUUID().toString().replace("-", ""))
        .header("transactionSrc", s.string(TRANSACTION_SRC, DEFAULT_SRC))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking UPS", e);
    }
  }

  static String base(ConnectorSettings s) {
    return s.string(API_BASE, DEFAULT_BASE).replaceAll("/+$", "");
  }

  private static JsonNode json(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  private static String code(JsonNode error) {
    String code = text(error.path("code"));
    return code == null ? "no error code" : code;
  }

  private static String describe(JsonNode error) {
    String said = ((text(error.path("code")) == null ? "" : text(error.path("code"))) + " "
        + (text(error.path("message")) == null ? "" : text(error.path("message")))).strip();
    return said.isEmpty() ? "" : ": " + said;
  }
}
