package io.helpdeskbridge.plugin.fedex;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.helpdeskbridge.plugin.fedex.FedExStandIn.dateAndTime;
import static io.helpdeskbridge.plugin.fedex.FedExStandIn.result;
import static io.helpdeskbridge.plugin.fedex.FedExStandIn.scan;
import static io.helpdeskbridge.plugin.fedex.FedExStandIn.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Known;
import io.helpdeskbridge.spi.Lookup.Parcel;
import io.helpdeskbridge.spi.ShipmentState;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FedEx lookup against {@link FedExStandIn}: the token is fetched once and reused, replaced when
 * it is about to expire or refused; the request is FedEx's to the letter; an unknown number in each
 * of FedEx's shapes is nothing; 429 pauses the connector (until midnight GMT for the daily quota);
 * no failure names a credential or a token.
 */
class FedExLookupTest {
  static final String N = "794843185271";
  static final String URL = "https://www.fedex.com/fedextrack/?trknbr=" + N;
  static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());
  static FedExStandIn fedex;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Lookup lookup = new FedExLookup(HttpClient.newHttpClient(), Clock.systemUTC());

  @BeforeAll
  static void start() {
    WM.start();
    fedex = new FedExStandIn(WM);
  }

  @AfterAll
  static void stop() {
    WM.stop();
  }

  @BeforeEach
  void reset() {
    fedex.reset();
  }

  static ConnectorSettings settings() {
    return settings(Map.of());
  }

  static ConnectorSettings settings(Map<String, Object> more) {
    Map<String, Object> values = new LinkedHashMap<>(Map.of("client-id", FedExStandIn.CLIENT_ID,
        "client-secret", FedExStandIn.CLIENT_SECRET, "api-base", fedex.base()));
    values.putAll(more);
    return ConnectorSettings.of("fedex", values);
  }

  static Known parcels(Parcel... parcels) {
    return new Known("1001", null, null, List.of(parcels));
  }

  static String inTransit(String number) {
    return result(number, "AR", "IT", "Arrived at FedEx location",
        dateAndTime("ESTIMATED_DELIVERY", "2026-11-27T00:00:00-06:00") + ","
            + dateAndTime("ACTUAL_PICKUP", "2026-11-23T16:05:00-07:00"),
        scan("AR", "Arrived at FedEx location", "2026-11-24T03:41:00-06:00") + ","
            + scan("PU", "Picked up", "2026-11-23T16:05:00-07:00"));
  }

  static void assertNoSecretIn(String text) {
    assertThat(text).doesNotContain(FedExStandIn.CLIENT_SECRET).doesNotContain(FedExStandIn.CLIENT_ID)
        .doesNotContain("tok-");
  }

  @Test
  void asksFedExWithOneTokenAndTheRequestFedExDocuments() throws IOException {
    fedex.tokens(token("tok-A", 3599)).track(N, inTransit(N));

    Found first = lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings());
    Found second = lookup.lookUp(parcels(new Parcel(N, null)), settings());

    assertThat(fedex.tokenRequests()).singleElement().satisfies(t -> {
      assertThat(t.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
      assertThat(t.getBodyAsString()).isEqualTo(FedExStandIn.tokenForm());
      assertThat(t.containsHeader("Authorization")).isFalse();
    });
    List<LoggedRequest> calls = fedex.trackRequests();
    assertThat(calls).hasSize(2).allSatisfy(r -> {
      assertThat(r.getUrl()).isEqualTo(FedExStandIn.TRACK_PATH);
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-A");
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(r.getHeader("X-locale")).isEqualTo("en_US");
      assertThat(r.getHeader("x-customer-transaction-id")).matches("[0-9a-f-]{36}");
      assertThat(JSON.readTree(r.getBodyAsString())).isEqualTo(JSON.readTree(
          "{\"includeDetailedScans\":true,\"trackingInfo\":[{\"trackingNumberInfo\":{\"trackingNumber\":\"" + N + "\"}}]}"));
    });
    assertThat(first.values()).containsExactly(
        Map.entry("shipment_status", "in transit (Arrived at FedEx location)"),
        Map.entry("carrier", "FedEx"),
        Map.entry("tracking_number", N),
        Map.entry("tracking_url", URL),
        Map.entry("estimated_delivery", "2026-11-27"));
    assertThat(first.shipments()).containsExactly(new ShipmentState("fedex", N, "FedEx", null, "in_transit", false,
        Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-24T09:41:00Z"), URL));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theLocaleSettingReachesFedEx() throws IOException {
    fedex.tokens(token("tok-A", 3599)).track(N, inTransit(N));

    lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings(Map.of("locale", "fr_CA")));

    assertThat(fedex.trackRequests().get(0).getHeader("X-locale")).isEqualTo("fr_CA");
  }

  @Test
  void aTokenAboutToExpireIsReplacedAndTheNewOneReused() throws IOException {
    fedex.tokens(token("tok-short", 60), token("tok-long", 3599)).track(N, inTransit(N));

    for (int i = 0; i < 3; i++) lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings());

    assertThat(fedex.tokenRequests()).hasSize(2);
    assertThat(fedex.trackRequests()).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer tok-short", "Bearer tok-long", "Bearer tok-long");
  }

  @Test
  void aRefusedTokenIsDroppedAndTheCallMadeOnceMoreWithAFreshOne() throws IOException {
    fedex.tokens(token("tok-expired", 3599), token("tok-fresh", 3599)).refuse("tok-expired").track(N, inTransit(N));

    Found found = lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings());

    assertThat(found.values()).containsEntry("shipment_status", "in transit (Arrived at FedEx location)");
    assertThat(fedex.trackRequests()).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer tok-expired", "Bearer tok-fresh");
  }

  @Test
  void aTokenRefusedTwiceOrRefusedCredentialsAreFailuresThatNameNoSecret() {
    fedex.tokens(token("tok-1", 3599), token("tok-2", 3599)).refuse("tok-1").refuse("tok-2");

    IOException twice = catchThrowableOfType(() -> lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings()), IOException.class);

    assertThat(twice).hasMessage("FedEx answered 401 for the tracking lookup: the access token was refused");
    fedex.reset().tokenRefused();
    Lookup fresh = new FedExLookup(HttpClient.newHttpClient(), Clock.systemUTC());
    IOException refused = catchThrowableOfType(() -> fresh.lookUp(parcels(new Parcel(N, "FedEx")), settings()),
        IOException.class);
    assertThat(refused).hasMessage("the token endpoint /oauth/token answered 401 (client id or secret refused)");
    assertNoSecretIn(twice.getMessage() + refused.getMessage());
  }

  @Test
  void anUnknownNumberInEachOfFedExShapesIsNothing() throws IOException {
    fedex.tokens(token("tok-A", 3599))
        .unknown("111111111111")
        .answer("222222222222", FedExStandIn.error(400, "TRACKING.TRACKINGNUMBER.NOTFOUND",
            "Tracking number cannot be found. Please correct the tracking number and try again."))
        .answer("333333333333", FedExStandIn.error(400, "TRACKING.TRACKINGNUMBER.INVALID", "Invalid tracking number."));

    for (String n : List.of("111111111111", "222222222222", "333333333333")) {
      assertThat(lookup.lookUp(parcels(new Parcel(n, "FedEx")), settings())).as(n).isEqualTo(Found.nothing());
    }
    assertThat(fedex.trackRequests()).hasSize(3);
  }

  @Test
  void aReusedNumberIsTheShipmentWithTheNewestScan() throws IOException {
    String old = result(N, "DL", "DL", "Delivered", dateAndTime("ACTUAL_DELIVERY", "2024-04-26T09:26:00-07:00"),
        scan("DL", "Delivered", "2024-04-26T09:26:00-07:00"));
    fedex.tokens(token("tok-A", 3599)).track(N, old, inTransit(N));

    Found found = lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings());

    assertThat(found.values()).containsEntry("shipment_status", "in transit (Arrived at FedEx location)");
  }

  @Test
  void aDeliveryExceptionShowsFedExReasonAndIsStillSwept() throws IOException {
    String exception = """
        {"trackingNumberInfo":{"trackingNumber":"%s"},
         "latestStatusDetail":{"code":"DE","derivedCode":"DE","statusByLocale":"Delivery exception",
          "description":"Delivery exception","ancillaryDetails":[{"reason":"15",
          "reasonDescription":"Customer not available or business closed",
          "action":"Contact us at <http://www.fedex.com/us/customersupport/call/index.html> to discuss possible delivery or pickup alternatives.",
          "actionDescription":"Customer not Available or Business Closed"}]},
         "estimatedDeliveryTimeWindow":{"window":{"begins":"2026-11-25T08:00:00","ends":"2026-11-25T20:00:00-06:00"},"type":"ESTIMATED_DELIVERY"},
         "scanEvents":[{"date":"2026-11-25T11:26:00-06:00","eventType":"DE",
          "eventDescription":"Customer not available or business closed"}]}""".formatted(N);
    fedex.tokens(token("tok-A", 3599)).track(N, exception);

    Found found = lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings());

    assertThat(found.values()).containsEntry("shipment_status", "error (Customer not available or business closed)")
        .containsEntry("estimated_delivery", "2026-11-25");
    ShipmentState state = found.shipments().get(0);
    assertThat(state.status()).isEqualTo("error");
    assertThat(state.delivered()).isFalse();
    assertThat(state.lastEventAt()).isEqualTo(Instant.parse("2026-11-25T17:26:00Z"));
  }

  @Test
  void a429PausesTheConnectorForFedExRetryAfterOrUntilMidnightGmtForTheDailyQuota() {
    Clock at = Clock.fixed(Instant.parse("2026-11-24T21:30:00Z"), ZoneOffset.UTC);
    Lookup timed = new FedExLookup(HttpClient.newHttpClient(), at);
    fedex.tokens(token("tok-A", 3599))
        .answer(N, FedExStandIn.error(429, "TOO.MANY.REQUESTS",
            "We have received too many requests in a short duration. Please wait a while to try again.")
            .withHeader("Retry-After", "10"))
        .answer("794843185272", FedExStandIn.error(429, "TOO.MANY.REQUESTS",
            "Daily transaction quota exceeded. Retry after 12:00AM GMT"))
        .answer("794843185273", FedExStandIn.error(429, "TOO.MANY.REQUESTS",
            "We have received too many requests in a short duration. Please wait a while to try again."));

    Lookup.RateLimited burst = catchThrowableOfType(
        () -> timed.lookUp(parcels(new Parcel(N, "FedEx")), settings()), Lookup.RateLimited.class);
    Lookup.RateLimited daily = catchThrowableOfType(
        () -> timed.lookUp(parcels(new Parcel("794843185272", "FedEx")), settings()), Lookup.RateLimited.class);
    Lookup.RateLimited unsaid = catchThrowableOfType(
        () -> timed.lookUp(parcels(new Parcel("794843185273", "FedEx")), settings()), Lookup.RateLimited.class);

    assertThat(burst.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(burst).hasMessage("FedEx answered 429 for the tracking lookup (rate limited, Retry-After 10 s)");
    assertThat(daily.retryAfter()).isEqualTo(Duration.ofMinutes(150));
    assertThat(daily).hasMessage("FedEx answered 429 for the tracking lookup (daily quota spent, Retry-After not given)");
    assertThat(unsaid.retryAfter()).as("the connector's rate-limit-delay-seconds applies").isNull();
  }

  @Test
  void aServerErrorOrAFailedResultIsAFailureNamingFedExCodeAndNoSecret() {
    fedex.tokens(token("tok-A", 3599))
        .answer(N, FedExStandIn.error(503, "SERVICE.UNAVAILABLE.ERROR",
            "The service is currently unavailable and we are working to resolve the issue."))
        .track("794843185272", """
            {"trackingNumberInfo":{"trackingNumber":"794843185272"},
             "error":{"code":"SYSTEM.UNAVAILABLE.EXCEPTION","message":"A system error has occurred."}}""");

    IOException down = catchThrowableOfType(() -> lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings()), IOException.class);
    IOException failed = catchThrowableOfType(
        () -> lookup.lookUp(parcels(new Parcel("794843185272", "FedEx")), settings()), IOException.class);

    assertThat(down).isNotInstanceOf(Lookup.RateLimited.class).hasMessage("FedEx answered 503 for the tracking lookup: "
        + "SERVICE.UNAVAILABLE.ERROR The service is currently unavailable and we are working to resolve the issue.");
    assertThat(failed).hasMessage("FedEx could not track the parcel: SYSTEM.UNAVAILABLE.EXCEPTION");
    assertNoSecretIn(down.getMessage() + failed.getMessage());
  }

  @Test
  void aForbiddenProjectIsNotDescribedByFedExWords() {
    fedex.tokens(token("tok-A", 3599)).answer(N, FedExStandIn.error(403, "FORBIDDEN.ERROR",
        "We could not authorize your credentials " + FedExStandIn.CLIENT_ID + ". Please check your permissions."));

    IOException e = catchThrowableOfType(() -> lookup.lookUp(parcels(new Parcel(N, "FedEx")), settings()), IOException.class);

    assertThat(e).hasMessage("FedEx answered 403 for the tracking lookup: the project may not use the Track API (FORBIDDEN.ERROR)");
    assertNoSecretIn(e.getMessage());
  }

  @Test
  void answersOnlyForFedExParcelsAndAsksNothingAboutOthers() throws IOException {
    fedex.tokens(token("tok-A", 3599)).track(N, inTransit(N));

    Known others = parcels(
        new Parcel(N, "UPS"), // a FedEx-looking number the platform says is UPS's: the platform wins
        new Parcel("9400111899223344556677", null), // USPS (22 digits starting 94)
        new Parcel("92612999897543581234567890", null),
        new Parcel("1234567890", null), // DHL Express (10 digits)
        new Parcel("1Z999AA10123456784", null),
        new Parcel(" ", "FedEx"));

    assertThat(lookup.lookUp(others, settings())).isEqualTo(Found.nothing());
    assertThat(WM.getAllServeEvents()).isEmpty();

    Found found = lookup.lookUp(parcels(new Parcel("1Z999AA10123456784", "UPS"), new Parcel("7948 4318 5271", null),
        new Parcel("794843185279", "FedEx")), settings());
    assertThat(fedex.trackRequests()).singleElement()
        .satisfies(r -> assertThat(r.getBodyAsString()).contains("\"trackingNumber\":\"" + N + "\""));
    assertThat(found.values()).containsEntry("tracking_number", "7948 4318 5271");
  }

  @Test
  void theCarrierNameIsFedExInAnySpellingAndWithoutOneOnlyFedExNumbersCount() {
    for (String name : List.of("FedEx", "FEDEX", "fedex", "FedExDefault", "FedEx SmartPost", "FedEx Ground", "Federal Express")) {
      assertThat(FedExLookup.isFedEx(new Parcel("9261299989754358123456", name))).as(name).isTrue();
    }
    for (String name : List.of("UPS", "USPS", "DHL eCommerce")) {
      assertThat(FedExLookup.isFedEx(new Parcel(N, name))).as(name).isFalse();
    }
    for (String n : List.of("794843185271", "012345678901234", "9612019059803563050071")) {
      assertThat(FedExLookup.isFedEx(new Parcel(n, null))).as(n).isTrue();
    }
    for (String n : List.of("9400111899223344556677", "92001901755477000000000000", "12345678901234567890",
        "1234567890", "JD014600006281230704", "1Z999AA10123456784")) {
      assertThat(FedExLookup.isFedEx(new Parcel(n, null))).as(n).isFalse();
    }
  }

  @Test
  void enabledOnlyWithBothCredentials() {
    assertThat(lookup.enabled(settings())).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("fedex", Map.of("client-id", FedExStandIn.CLIENT_ID)))).isFalse();
    assertThat(lookup.id()).isEqualTo("fedex");
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.SHIPMENT);
    assertThat(lookup.describes()).isEqualTo("shipment (FedEx)");
  }
}
