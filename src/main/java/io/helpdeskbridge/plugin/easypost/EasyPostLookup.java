package io.helpdeskbridge.plugin.easypost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.ShipmentState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

/**
 * Where the order's first parcel stands, from the EasyPost tracker that already follows it: {@code
 * GET /v2/trackers?tracking_code=...&carrier=...&page_size=1}. Listing never creates a tracker (a
 * paid call), so a parcel EasyPost does not follow yields nothing. A carrier name EasyPost spells
 * differently (the shop's {@code tracking_company}) would hide the tracker, so an empty answer with
 * a carrier is asked once more without it.
 *
 * <p>The {@link ShipmentState} is "ended" (no stale-shipment sweep) for {@code delivered}, {@code
 * return_to_sender}, {@code failure} and {@code cancelled}: the parcel will move no more, and the
 * non-delivered ones were already reported as exceptions by the webhook. {@code error} is not ended:
 * a parcel EasyPost cannot track is worth a look when it stays that way.
 *
 * <p>Settings: {@code api-key} (HTTP Basic user, empty password; unset = no lookups), {@code
 * api-base} (default {@code https://api.easypost.com}), {@code lookup-timeout-ms} (default 3000).
 *
 * @see <a href="https://docs.easypost.com/docs/trackers#retrieve-a-list-of-trackers">EasyPost: list trackers</a>
 */
public final class EasyPostLookup implements Lookup {
  static final String API_KEY = "api-key";
  static final String API_BASE = "api-base";
  static final String TIMEOUT_MS = "lookup-timeout-ms";
  static final Set<String> ENDED = Set.of("delivered", "return_to_sender", "failure", "cancelled");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public EasyPostLookup() {}

  @Override
  public String id() {
    return EasyPostNormalizer.SOURCE;
  }

  @Override
  public Stage stage() {
    return Stage.SHIPMENT;
  }

  @Override
  public String describes() {
    return "shipment (EasyPost)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(API_KEY);
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    Parcel parcel = known.parcels().stream()
        .filter(p -> p.trackingNumber() != null && !p.trackingNumber().isBlank()).findFirst().orElse(null);
    if (parcel == null) return Found.nothing();
    String code = parcel.trackingNumber().trim();
    String carrier = parcel.carrier() == null || parcel.carrier().isBlank() ? null : parcel.carrier().trim();
    JsonNode trackers = trackers(code, carrier, settings);
    if (trackers.isEmpty() && carrier != null) trackers = trackers(code, null, settings);
    return trackers.isEmpty() ? Found.nothing() : found(trackers.get(0));
  }

  static Found found(JsonNode t) {
    String status = text(t.path("status"));
    ShipmentState state = new ShipmentState(EasyPostNormalizer.SOURCE, text(t.path("tracking_code")),
        text(t.path("carrier")), text(t.path("id")), status, status != null && ENDED.contains(status),
        EasyPostNormalizer.instant(text(t.path("est_delivery_date"))), lastEventAt(t), text(t.path("public_url")));
    Instant eta = state.estimatedDelivery();
    return Found.builder()
        .value("shipment_status", status(status, text(t.path("status_detail"))))
        .value("carrier", EasyPostWords.carrier(state.carrier()))
        .value("tracking_number", state.trackingNumber())
        .value("tracking_url", state.trackingUrl())
        .value("estimated_delivery", eta == null ? null : eta.atZone(ZoneOffset.UTC).toLocalDate().toString())
        .shipment(state)
        .build();
  }

  /** {@code in transit (arrived at a carrier facility)}: the status in words, and the detail when it adds something. */
  static String status(String status, String detail) {
    return status == null ? null : EasyPostWords.status(status, detail);
  }

  /** The newest tracking detail's time, else the tracker's {@code updated_at}. */
  private static Instant lastEventAt(JsonNode tracker) {
    Instant newest = null;
    for (JsonNode detail : tracker.path("tracking_details")) {
      Instant at = EasyPostNormalizer.instant(text(detail.path("datetime")));
      if (at != null && (newest == null || at.isAfter(newest))) newest = at;
    }
    return newest != null ? newest : EasyPostNormalizer.instant(text(tracker.path("updated_at")));
  }

  private static JsonNode trackers(String code, String carrier, ConnectorSettings settings) throws IOException {
    String base = settings.string(API_BASE, "https://api.easypost.com").replaceAll("/+$", "");
    String query = "tracking_code=" + enc(code) + (carrier == null ? "" : "&carrier=" + enc(carrier)) + "&page_size=1";
    String basic = Base64.getEncoder().encodeToString((settings.require(API_KEY) + ":").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/trackers?" + query))
        .timeout(Duration.ofMillis(settings.integer(TIMEOUT_MS, 3000)))
        .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) return JSON.createArrayNode();
      if (r.statusCode() == 429) {
        throw new Lookup.RateLimited("EasyPost answered 429 for the tracker lookup (rate limited, Retry-After "
            + r.headers().firstValue("Retry-After").map(s -> s + " s").orElse("not given") + ")",
            io.helpdeskbridge.spi.RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null)));
      }
      // EasyPost's error.message names the problem; a 401's is left out all the same, as it concerns the key
      if (r.statusCode() != 200) {
        String message = r.statusCode() == 401 || r.statusCode() == 403 ? "the API key was refused" : errorMessage(r.body());
        throw new IOException("EasyPost answered " + r.statusCode() + " for the tracker lookup"
            + (message.isBlank() ? "" : ": " + message));
      }
      return JSON.readTree(r.body()).path("trackers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String errorMessage(String body) {
    try {
      return JSON.readTree(body).path("error").path("message").asText("");
    } catch (IOException notJson) {
      return "";
    }
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
