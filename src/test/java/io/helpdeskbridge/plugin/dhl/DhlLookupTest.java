package io.helpdeskbridge.plugin.dhl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.enrich.LookupRunner;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Known;
import io.helpdeskbridge.spi.Lookup.Parcel;
import io.helpdeskbridge.spi.ShipmentState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DHL lookup against a stand-in of DHL's Shipment Tracking - Unified API: {@code GET
 * /track/shipments?trackingNumber=} with the {@code DHL-API-Key} header, answering {@code
 * {"shipments":[...]}} shaped as DHL's specification shows it, a problem+json 404 for an unknown
 * number ({@code "title":"No result found"}), and 429 once the quota is spent.
 */
class DhlLookupTest {
  private static final String KEY = "dhl-it-Zx81KqT0aLpV7mWcY2nE";
  private static final String WAYBILL = "1234567890";
  private static final String SERVICE_URL = "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=1234567890";

  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Lookup lookup = new DhlLookup();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static ConnectorSettings settings(Map<String, Object> more) {
    Map<String, Object> values = new HashMap<>(Map.of("api-key", KEY, "api-base", "http://127.0.0.1:" + wm.getPort()));
    values.putAll(more);
    return new ConnectorSettings("dhl", "dhl", "connectors/dhl.yaml", values);
  }

  private static ConnectorSettings settings() {
    return settings(Map.of());
  }

  private static Known order(Parcel... parcels) {
    return new Known("1001", null, null, List.of(parcels));
  }

  /** One shipment as DHL's specification shows it (DHL Express, with its status, estimate and events). */
  static String shipment(String id, String service, String statusCode, String description, String eta, String events) {
    return """
        {"id":"%s","service":"%s",
         "origin":{"address":{"countryCode":"DE","postalCode":"04435","addressLocality":"LEIPZIG - GERMANY"}},
         "destination":{"address":{"countryCode":"US","postalCode":"10001","addressLocality":"NEW YORK, NY - USA"}},
         "status":{"timestamp":"2026-11-19T08:12:00Z","location":{"address":{"addressLocality":"CINCINNATI HUB - USA"}},
          "statusCode":"%s","status":"%s","description":"%s"},
         %s
         "details":{"product":{"productName":"EXPRESS WORLDWIDE"},"totalNumberOfPieces":1,
          "pieceIds":["JD014600006281230704"],"weight":{"value":1.5,"unitText":"kg"}},
         "events":[%s]}"""
        .formatted(id, service, statusCode, statusCode, description,
            eta == null ? "" : "\"estimatedTimeOfDelivery\":\"" + eta + "\",\"estimatedTimeOfDeliveryRemark\":\"By End of Day\","
                + "\"serviceUrl\":\"" + SERVICE_URL + "\",",
            events);
  }

  static String event(String timestamp, String statusCode, String description) {
    return """
        {"timestamp":"%s","location":{"address":{"addressLocality":"LEIPZIG - GERMANY"}},
         "statusCode":"%s","status":"%s","description":"%s"}""".formatted(timestamp, statusCode, statusCode, description);
  }

  private static void answer(String... shipments) {
    wm.stubFor(get(urlPathEqualTo("/track/shipments"))
        .willReturn(okJson("{\"shipments\":[" + String.join(",", shipments) + "],"
            + "\"possibleAdditionalShipmentsUrl\":[\"/track/shipments?trackingNumber=" + WAYBILL + "&service=parcel-de\"]}")));
  }

  private static List<LoggedRequest> requests() {
    return wm.findAll(anyRequestedFor(anyUrl()));
  }

  @Test
  void asksForTheOrdersDhlParcelWithItsKeyAndReadsStatusEstimateEventsAndLink() throws IOException {
    answer(shipment(WAYBILL, "express", "transit", "Arrived at DHL Sort Facility CINCINNATI HUB - USA",
        "2026-11-22T23:59:00-05:00", event("2026-11-19T08:12:00Z", "transit", "Arrived at DHL Sort Facility")
            + "," + event("2026-11-18T16:00:00Z", "pre-transit", "Shipment picked up")
            + "," + event("2026-11-18T22:40:00", "transit", "Departed Facility in LEIPZIG - GERMANY")));

    Found found = lookup.lookUp(order(new Parcel("1Z999AA10123456784", "UPS"), new Parcel(WAYBILL, "DHL Express")),
        settings());

    assertThat(requests()).hasSize(1);
    LoggedRequest r = requests().get(0);
    assertThat(r.getMethod().getName()).isEqualTo("GET");
    assertThat(r.getUrl()).isEqualTo("/track/shipments?trackingNumber=" + WAYBILL);
    assertThat(r.getHeader("DHL-API-Key")).isEqualTo(KEY);
    assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    assertThat(r.containsHeader("Authorization")).isFalse();
    assertThat(found.values()).containsExactly(
        Map.entry("shipment_status", "in transit (Arrived at DHL Sort Facility CINCINNATI HUB - USA)"),
        Map.entry("carrier", "DHL Express"),
        Map.entry("tracking_number", WAYBILL),
        Map.entry("tracking_url", SERVICE_URL),
        Map.entry("estimated_delivery", "2026-11-22"));
    // the estimate is DHL's local day; the last event the newest of the events, whatever their order
    assertThat(found.shipments()).containsExactly(new ShipmentState("dhl", WAYBILL, "DHL Express", null, "in_transit",
        false, Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-19T08:12:00Z"), SERVICE_URL));
  }

  @Test
  void whenSeveralDhlDivisionsKnowTheNumberTheShopsDivisionWins() throws IOException {
    answer(shipment(WAYBILL, "parcel-de", "delivered", "Die Sendung wurde zugestellt.", null, ""),
        shipment(WAYBILL, "express", "transit", "With delivery courier", "2026-11-22", ""));

    Found express = lookup.lookUp(order(new Parcel(WAYBILL, "DHL Express")), settings());
    Found dhl = lookup.lookUp(order(new Parcel(WAYBILL, "DHL")), settings());

    assertThat(express.values()).containsEntry("shipment_status", "in transit (With delivery courier)");
    // a name that says only "DHL" takes DHL's first
    assertThat(dhl.values()).containsEntry("shipment_status", "delivered (Die Sendung wurde zugestellt.)");
    assertThat(dhl.shipments().get(0).delivered()).isTrue();
  }

  @Test
  void withoutServiceUrlOrEventsTheLinkIsDhlsPageAndTheStatusTimeIsTheLastEvent() throws IOException {
    answer(shipment("GM605112270084510000", "ecommerce", "failure", "Shipment refused by recipient", null, ""));

    Found found = lookup.lookUp(order(new Parcel("GM605112270084510000", null)), settings());

    assertThat(found.values()).containsExactly(
        Map.entry("shipment_status", "failure (Shipment refused by recipient)"),
        Map.entry("carrier", "DHL"),
        Map.entry("tracking_number", "GM605112270084510000"),
        Map.entry("tracking_url", DhlShipments.TRACKING_PAGE + "GM605112270084510000"));
    ShipmentState state = found.shipments().get(0);
    assertThat(state.delivered()).as("failure ends the parcel for the sweep").isTrue();
    assertThat(state.estimatedDelivery()).isNull();
    assertThat(state.lastEventAt()).isEqualTo(Instant.parse("2026-11-19T08:12:00Z"));
  }

  @Test
  void aNumberDhlDoesNotKnowIsNothing() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/track/shipments")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"No result found\",\"status\":404,"
            + "\"detail\":\"No shipment with given tracking number found.\",\"instance\":\"/track/shipments\"}")));

    assertThat(lookup.lookUp(order(new Parcel(WAYBILL, "DHL Express")), settings())).isEqualTo(Found.nothing());
    assertThat(requests()).hasSize(1);
  }

  @Test
  void parcelsOfOtherCarriersCostNoCall() throws IOException {
    Known others = order(
        new Parcel(WAYBILL, "USPS"),                       // a DHL-looking number, but the shop says USPS
        new Parcel("123456789012", "FedEx"),
        new Parcel("1Z999AA10123456784", null),            // UPS
        new Parcel("9400111899223344556677", null),        // USPS
        new Parcel("794600000000", null),                  // FedEx Express, 12 digits
        new Parcel(" ", "DHL Express"));                   // no number

    assertThat(lookup.lookUp(others, settings())).isEqualTo(Found.nothing());
    assertThat(lookup.lookUp(new Known("1001", "kim@example.com", null, null), settings())).isEqualTo(Found.nothing());
    assertThat(requests()).isEmpty();
  }

  @Test
  void aSpentQuotaIsRateLimitedWithDhlsRetryAfter() {
    wm.stubFor(get(urlPathEqualTo("/track/shipments")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "120").withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"Too many requests\"}")));

    Lookup.RateLimited limited = catchThrowableOfType(
        () -> lookup.lookUp(order(new Parcel(WAYBILL, "DHL Express")), settings()), Lookup.RateLimited.class);

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(limited).hasMessage("DHL answered 429 for the tracking lookup (its rate limit or daily quota; Retry-After 120 s)");

    wm.resetAll();
    wm.stubFor(get(urlPathEqualTo("/track/shipments")).willReturn(aResponse().withStatus(429)));
    limited = catchThrowableOfType(
        () -> lookup.lookUp(order(new Parcel(WAYBILL, "DHL Express")), settings()), Lookup.RateLimited.class);
    assertThat(limited.retryAfter()).as("the connector's rate-limit-delay-seconds applies").isNull();
  }

  @Test
  void serverErrorsRefusedKeysAndSilenceAreIOExceptionsThatNameNoKey() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/track/shipments")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"The service is temporarily unavailable.\"}")));
    IOException down = catchThrowableOfType(
        () -> lookup.lookUp(order(new Parcel(WAYBILL, "DHL Express")), settings()), IOException.class);
    assertThat(down).hasMessage("DHL answered 503 for the tracking lookup: The service is temporarily unavailable.");

    wm.resetAll();
    wm.stubFor(get(urlPathEqualTo("/track/shipments")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Invalid API key " + KEY + "\"}")));
    IOException refused = catchThrowableOfType(
        () -> lookup.lookUp(order(new Parcel(WAYBILL, "DHL Express")), settings()), IOException.class);
    assertThat(refused).hasMessage("DHL answered 401 for the tracking lookup: the API key was refused");

    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    IOException unreachable = catchThrowableOfType(() -> lookup.lookUp(order(new Parcel(WAYBILL, "DHL Express")),
        settings(Map.of("api-base", "http://127.0.0.1:" + closed))), IOException.class);
    assertThat(unreachable).hasMessage("DHL could not be reached (ConnectException)");

    for (IOException e : List.of(down, refused, unreachable)) assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void theDailyQuotaIsHonouredByTheEngineBeforeDhlIsAsked() {
    answer(shipment(WAYBILL, "express", "transit", "Processed", null, ""));
    LookupRunner runner = new LookupRunner(lookup, settings(Map.of("lookups-per-day", "2", "lookups-per-second", "5",
        "lookup-cache-seconds", "0")));

    for (int n = 0; n < 2; n++) {
      Found f = run(runner, order(new Parcel(WAYBILL, "DHL Express")));
      assertThat(f.values()).containsEntry("tracking_number", WAYBILL);
    }
    LookupRunner.Failed third = catchThrowableOfType(
        () -> runner.run(order(new Parcel(WAYBILL, "DHL Express")), pool), LookupRunner.Failed.class);

    assertThat(third).hasMessage("the daily quota of 2 lookups is used up");
    assertThat(requests()).hasSize(2);
  }

  @Test
  void aRateLimitPausesTheConnectorForEnrichmentAndSweepAlike() {
    wm.stubFor(get(urlPathEqualTo("/track/shipments")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")));
    LookupRunner runner = new LookupRunner(lookup, settings(Map.of("lookups-per-second", "5")));

    LookupRunner.Failed first = catchThrowableOfType(
        () -> runner.run(order(new Parcel(WAYBILL, "DHL Express")), pool), LookupRunner.Failed.class);
    // the sweep asks about another parcel: the pause holds, DHL is not asked
    LookupRunner.Failed second = catchThrowableOfType(() -> runner.run(
        new Known(null, null, null, List.of(new Parcel("JJD0000000000000000001", "DHL"))), pool), LookupRunner.Failed.class);

    assertThat(first.getMessage()).startsWith("DHL answered 429");
    assertThat(second.getMessage()).startsWith("rate limited by the vendor: no calls for");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void enabledOnlyWithAnApiKey() {
    assertThat(lookup.enabled(settings())).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("dhl", Map.of("api-base", "https://api-eu.dhl.com")))).isFalse();
    assertThat(lookup.id()).isEqualTo("dhl").isEqualTo(new DhlSpec().id());
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.SHIPMENT);
    assertThat(lookup.describes()).isEqualTo("shipment (DHL)");
  }

  private Found run(LookupRunner runner, Known known) {
    try {
      return runner.run(known, pool);
    } catch (LookupRunner.Failed e) {
      throw new AssertionError(e.getMessage());
    }
  }
}
