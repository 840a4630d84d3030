package io.helpdeskbridge.plugin.dhl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;

/**
 * One call of DHL's Shipment Tracking - Unified API: {@code GET /track/shipments?trackingNumber=...}
 * with the app's key in the {@code DHL-API-Key} header (no OAuth). DHL answers 200 with {@code
 * {"shipments":[...]}}, 404 with a problem+json ({@code "title":"No result found"}) for a number it
 * does not know, 401 for a refused key and 429 once the app's rate or daily quota is used up (the
 * starting service level allows 250 calls a day and counts them from 00:00 GMT).
 *
 * @see <a href="https://developer.dhl.com/api-reference/shipment-tracking">DHL Shipment Tracking - Unified</a>
 */
final class DhlTrackingApi {
  static final String API_KEY = "api-key";
  static final String API_BASE = "api-base";
  static final String DEFAULT_BASE = "https://api-eu.dhl.com";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DhlTrackingApi() {}

  /** DHL's answer for one number; null when DHL knows no shipment of it. */
  static JsonNode shipments(String number, ConnectorSettings settings) throws IOException {
    String base = settings.string(API_BASE, DEFAULT_BASE).replaceAll("/+$", "");
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/track/shipments?trackingNumber="
            + URLEncoder.encode(number, StandardCharsets.UTF_8)))
        .timeout(Duration.ofMillis(settings.integer("lookup-timeout-ms", 3000)))
        .header("DHL-API-Key", settings.require(API_KEY))
        .header("Accept", "application/json")
        .GET().build();
    HttpResponse<String> r = send(request);
    int status = r.statusCode();
    if (status == 200) return JSON.readTree(r.body());
    if (status == 404) return null;
    if (status == 429) {
      String header = r.headers().firstValue("Retry-After").orElse(null);
      throw new Lookup.RateLimited("DHL answered 429 for the tracking lookup (its rate limit or daily quota; Retry-After "
          + (header == null ? "not given" : header + " s") + ")", RetryAfter.parse(header));
    }
    // DHL's problem detail names the problem; for a refused key it says nothing the status does not
    String detail = status == 401 || status == 403 ? "the API key was refused" : problem(r.body());
    throw new IOException("DHL answered " + status + " for the tracking lookup" + (detail == null ? "" : ": " + detail));
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking DHL");
    } catch (IOException e) {
      // the JDK names host and port at most; the key travels in a header it never prints
      throw new IOException("DHL could not be reached (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** {@code detail}, else {@code title}, of DHL's problem+json; null when the body is not one. */
  private static String problem(String body) {
    try {
      JsonNode p = JSON.readTree(body);
      if (p == null) return null;
      String detail = VendorJson.text(p.path("detail"));
      return detail != null ? detail : VendorJson.text(p.path("title"));
    } catch (IOException notJson) {
      return null;
    }
  }
}
