package io.helpdeskbridge.plugin.fedex;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.spi.ClientCredentialsToken;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FedEx's Track API: {@code POST /track/v1/trackingnumbers} ({@code includeDetailedScans}, one
 * {@code trackingInfo[].trackingNumberInfo}) with a bearer token from {@code POST /oauth/token}
 * (client credentials in the form body). FedEx asks integrators to cache the token until a 401, so
 * it is fetched once per connector, reused until shortly before {@code expires_in}, and dropped
 * (with one more try) on a 401.
 *
 * <p>An unknown number comes back as {@code 200} with an {@code error} on its track result ({@code
 * TRACKING.TRACKINGNUMBER.NOTFOUND}), or as {@code 400}/{@code 404} with that code in {@code
 * errors[]}: "nothing". FedEx reuses numbers over the years, so of several results for one number
 * the one with the newest scan is taken. 429 is {@link Lookup.RateLimited}: with FedEx's Retry-After
 * when it sends one, until midnight GMT when the daily quota is spent (FedEx's own words), else the
 * connector's {@code rate-limit-delay-seconds}. Anything else is an {@link IOException} naming the
 * status and FedEx's error code, never the credentials or the token.
 *
 * @see <a href="https://developer.fedex.com/api/en-us/catalog/track/v1/docs.html">FedEx Track API</a>
 * @see <a href="https://developer.fedex.com/api/en-us/catalog/authorization/v1/docs.html">FedEx API authorization</a>
 * @see <a href="https://developer.fedex.com/api/en-us/guides/ratelimits.html">FedEx quotas and rate limits</a>
 */
final class FedExTrackApi {
  static final String CLIENT_ID = "client-id";
  static final String CLIENT_SECRET = "client-secret";
  static final String API_BASE = "api-base";
  static final String LOCALE = "locale";
  static final String DEFAULT_BASE = "https://apis.fedex.com";
  static final String DEFAULT_LOCALE = "en_US";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Clock clock;
  private final Map<ConnectorSettings, ClientCredentialsToken> tokens = new ConcurrentHashMap<>();

  FedExTrackApi(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** FedEx's track result for the number (the newest of several); null when FedEx knows none. */
  JsonNode track(String trackingNumber, ConnectorSettings settings) throws IOException {
    Duration timeout = Duration.ofMillis(settings.integer("lookup-timeout-ms", 3000));
    ClientCredentialsToken token = token(settings);
    HttpResponse<String> r = token.call(timeout, t -> post(trackingNumber, settings, t, timeout));
    int status = r.statusCode();
    JsonNode body = json(r.body());
    JsonNode error = body.path("errors").path(0);
    if (status == 429) throw rateLimited(r, error);
    if (status == 401 || status == 403) {
      throw new IOException("FedEx answered " + status + " for the tracking lookup: "
          + (status == 401 ? "the access token was refused" : "the project may not use the Track API (" + code(error) + ")"));
    }
    if ((status == 400 || status == 404) && notFound(text(error.path("code")))) return null;
    if (status != 200) throw new IOException("FedEx answered " + status + " for the tracking lookup" + describe(error));
    return newest(body.path("output").path("completeTrackResults"));
  }

  /** One number was asked, so every result is about it (FedEx may echo it in its own spelling). */
  private static JsonNode newest(JsonNode completeResults) throws IOException {
    JsonNode best = null;
    Instant bestAt = null;
    String failed = null;
    for (JsonNode complete : completeResults) {
      for (JsonNode result : complete.path("trackResults")) {
        String code = text(result.path("error").path("code"));
        if (code != null) {
          if (!notFound(code)) failed = code;
          continue;
        }
        Instant at = FedExTracking.lastEventAt(result);
        if (best == null || (at != null && (bestAt == null || at.isAfter(bestAt)))) {
          best = result;
          bestAt = at;
        }
      }
    }
    if (best == null && failed != null) {
      throw new IOException("FedEx could not track the parcel: " + failed);
    }
    return best;
  }

  private Lookup.RateLimited rateLimited(HttpResponse<String> r, JsonNode error) {
    String header = r.headers().firstValue("Retry-After").orElse(null);
    Duration wait = RetryAfter.parse(header, clock);
    String message = text(error.path("message"));
    boolean daily = message != null && message.toLowerCase(Locale.ROOT).contains("quota");
    if (wait == null && daily) {
      // "Daily transaction quota exceeded. Retry after 12:00AM GMT"
      Instant midnight = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      wait = Duration.between(clock.instant(), midnight);
    }
    return new Lookup.RateLimited("FedEx answered 429 for the tracking lookup ("
        + (daily ? "daily quota spent" : "rate limited") + ", Retry-After "
        + (header == null ? "not given" : header + " s") + ")", wait);
  }

  private ClientCredentialsToken token(ConnectorSettings s) {
    // one token per connector: its settings are the key (their toString never prints a value)
    return tokens.computeIfAbsent(s, k -> new ClientCredentialsToken(http, URI.create(base(k) + "/oauth/token"),
        k.require(CLIENT_ID), k.require(CLIENT_SECRET), ClientCredentialsToken.Style.FORM_BODY, Map.of(), clock));
  }

  private HttpResponse<String> post(String trackingNumber, ConnectorSettings s, String bearer, Duration timeout)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("includeDetailedScans", true);
    body.putArray("trackingInfo").addObject().putObject("trackingNumberInfo").put("trackingNumber", trackingNumber);
    HttpRequest request = HttpRequest.newBuilder(URI.create(base(s) + "/track/v1/trackingnumbers")).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("X-locale", s.string(LOCALE, DEFAULT_LOCALE))
        // echoed in FedEx's answer and logs: ties a support case to one call
        .header("x-customer-transaction-id", UUID.randomUUID().toString())
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking FedEx", e);
    }
  }

  static String base(ConnectorSettings s) {
    return s.string(API_BASE, DEFAULT_BASE).replaceAll("/+$", "");
  }

  /** FedEx's codes for a number it has no parcel for (TRACKING.TRACKINGNUMBER.NOTFOUND / .INVALID / .EMPTY). */
  private static boolean notFound(String code) {
    return code != null && code.startsWith("TRACKING.TRACKINGNUMBER.");
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
