package io.helpdeskbridge.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OAuth 2.0 client-credentials access token (RFC 6749 4.4), fetched once and reused until a
 * minute before it expires, as carrier APIs (UPS, FedEx, USPS) want: they rate-limit the token
 * endpoint harder than the API. Thread-safe; one instance per connector and credentials.
 *
 * <p>The client's credentials go where the vendor wants them ({@link Style}). A refused request
 * throws an {@link IOException} naming the endpoint and status, never the secret or the token.
 */
public final class ClientCredentialsToken {

  /** Where the client id and secret travel. */
  public enum Style {
    /** {@code Authorization: Basic base64(id:secret)}, form body {@code grant_type=client_credentials} (UPS). */
    BASIC_HEADER,
    /** Form body {@code grant_type, client_id, client_secret} (FedEx). */
    FORM_BODY,
    /** JSON body {@code {"grant_type","client_id","client_secret"}} (USPS). */
    JSON_BODY
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EARLY = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final Style style;
  private final Map<String, String> extraForm;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  public ClientCredentialsToken(HttpClient http, URI tokenUrl, String clientId, String clientSecret, Style style,
      Map<String, String> extraForm, Clock clock) {
    this.http = http;
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.style = style;
    this.extraForm = extraForm == null ? Map.of() : new LinkedHashMap<>(extraForm);
    this.clock = clock;
  }

  /** The current token, fetching a new one when there is none or it is about to expire. */
  public synchronized String get(Duration timeout) throws IOException {
    if (token != null && clock.instant().isBefore(renewAt)) return token;
    HttpResponse<String> r = send(timeout);
    if (r.statusCode() == 429) {
      throw new Lookup.RateLimited("the token endpoint " + tokenUrl.getPath() + " answered 429",
          RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), clock));
    }
    if (r.statusCode() / 100 != 2) {
      throw new IOException("the token endpoint " + tokenUrl.getPath() + " answered " + r.statusCode()
          + (r.statusCode() == 400 || r.statusCode() == 401 ? " (client id or secret refused)" : ""));
    }
    JsonNode body = JSON.readTree(r.body());
    String t = body.path("access_token").asText("");
    if (t.isEmpty()) throw new IOException("the token endpoint " + tokenUrl.getPath() + " answered without an access_token");
    // UPS sends expires_in as a string, others as a number
    long seconds = body.path("expires_in").asLong(0);
    if (seconds <= 0 && body.path("expires_in").isTextual()) seconds = parseLong(body.path("expires_in").asText());
    token = t;
    renewAt = clock.instant().plusSeconds(Math.max(0, seconds)).minus(EARLY);
    return token;
  }

  /** One API call made with a token: the request carrying it as {@code Bearer}, sent. */
  @FunctionalInterface
  public interface Call<T> {
    HttpResponse<T> send(String token) throws IOException;
  }

  /**
   * Makes {@code call} with the current token; when the API answers 401 (the token was revoked or
   * expired early), fetches one fresh token and makes it once more. The second answer is returned
   * whatever it is.
   */
  public <T> HttpResponse<T> call(Duration timeout, Call<T> call) throws IOException {
    HttpResponse<T> r = call.send(get(timeout));
    if (r.statusCode() != 401) return r;
    invalidate();
    return call.send(get(timeout));
  }

  /** Forgets the token, after the API answered 401 with it (revoked or expired early). */
  public synchronized void invalidate() {
    token = null;
    renewAt = Instant.MIN;
  }

  private HttpResponse<String> send(Duration timeout) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(tokenUrl).timeout(timeout).header("Accept", "application/json");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    String body;
    switch (style) {
      case BASIC_HEADER -> {
        b.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        form.putAll(extraForm);
        body = form(form);
        b.header("Content-Type", "application/x-www-form-urlencoded");
      }
      case FORM_BODY -> {
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.putAll(extraForm);
        body = form(form);
        b.header("Content-Type", "application/x-www-form-urlencoded");
      }
      default -> {
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.putAll(extraForm);
        body = JSON.writeValueAsString(form);
        b.header("Content-Type", "application/json");
      }
    }
    try {
      return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching a token from " + tokenUrl.getPath());
    } catch (IOException e) {
      // the JDK's message names host and port at most, never the body
      throw new IOException("the token endpoint " + tokenUrl.getPath() + " could not be reached ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static String form(Map<String, String> values) {
    StringBuilder s = new StringBuilder();
    values.forEach((k, v) -> {
      if (s.length() > 0) s.append('&');
      s.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return s.toString();
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
