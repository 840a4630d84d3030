package io.helpdeskbridge.plugin.ups;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.helpdeskbridge.plugin.ups.UpsStandIn.activity;
import static io.helpdeskbridge.plugin.ups.UpsStandIn.pkg;
import static io.helpdeskbridge.plugin.ups.UpsStandIn.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UPS lookup against {@link UpsStandIn}: the token is fetched once and reused, replaced when it
 * is about to expire or refused; the request is UPS's to the letter; not-found in each of UPS's
 * shapes is nothing; 429 pauses the connector; no failure names a credential or a token.
 */
class UpsLookupTest {
  static final String N = "1Z999AA10123456784";
  static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());
  static UpsStandIn ups;

  private final Lookup lookup = new UpsLookup(HttpClient.newHttpClient(), Clock.systemUTC());

  @BeforeAll
  static void start() {
    WM.start();
    ups = new UpsStandIn(WM);
  }

  @AfterAll
  static void stop() {
    WM.stop();
  }

  @BeforeEach
  void reset() {
    ups.reset();
  }

  static ConnectorSettings settings() {
    return settings(Map.of());
  }

  static ConnectorSettings settings(Map<String, Object> more) {
    Map<String, Object> values = new LinkedHashMap<>(Map.of("client-id", UpsStandIn.CLIENT_ID,
        "client-secret", UpsStandIn.CLIENT_SECRET, "api-base", ups.base()));
    values.putAll(more);
    return ConnectorSettings.of("ups", values);
  }

  static Known parcels(Parcel... parcels) {
    return new Known("1001", null, null, List.of(parcels));
  }

  static String onTheWay(String number) {
    return pkg(number, null, "005", "On the Way", "20261127",
        activity("I", "AR", "005", "Arrived at Facility", "20261124", "034100", "-05:00", "08:41:00"));
  }

  static void assertNoSecretIn(String text) {
    assertThat(text).doesNotContain(UpsStandIn.CLIENT_SECRET).doesNotContain(UpsStandIn.CLIENT_ID)
        .doesNotContain("tok-");
  }

  @Test
  void asksUpsWithOneTokenAndTheHeadersUpsRequires() throws IOException {
    ups.tokens(token("tok-A", 14399)).track(N, onTheWay(N));

    Found first = lookup.lookUp(parcels(new Parcel(N, "UPS")), settings());
    Found second = lookup.lookUp(parcels(new Parcel(N, null)), settings());

    assertThat(ups.tokenRequests()).singleElement().satisfies(t -> {
      assertThat(t.getHeader("Authorization")).isEqualTo(UpsStandIn.basic());
      assertThat(t.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
      assertThat(t.getBodyAsString()).isEqualTo("grant_type=client_credentials");
    });
    List<LoggedRequest> calls = ups.trackRequests();
    assertThat(calls).hasSize(2).allSatisfy(r -> {
      assertThat(r.getUrl()).isEqualTo(UpsStandIn.TRACK_PATH + N + "?locale=en_US&returnSignature=false&returnPOD=false");
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-A");
      assertThat(r.getHeader("transId")).matches("[0-9a-f]{32}");
      assertThat(r.getHeader("transactionSrc")).isEqualTo("helpdesk-bridge");
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    });
    assertThat(calls.get(0).getHeader("transId")).isNotEqualTo(calls.get(1).getHeader("transId"));
    String url = "https://www.ups.com/track?loc=en_US&tracknum=" + N;
    assertThat(first.values()).containsExactly(
        Map.entry("shipment_status", "in transit (On the Way)"),
        Map.entry("carrier", "UPS"),
        Map.entry("tracking_number", N),
        Map.entry("tracking_url", url),
        Map.entry("estimated_delivery", "2026-11-27"));
    assertThat(first.shipments()).containsExactly(new ShipmentState("ups", N, "UPS", null, "in_transit", false,
        Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-24T08:41:00Z"), url));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theSourceAndLocaleSettingsReachUps() throws IOException {
    ups.tokens(token("tok-A", 14399)).track(N, onTheWay(N));

    Found found = lookup.lookUp(parcels(new Parcel(N, "UPS")),
        settings(Map.of("transaction-src", "acme-support", "locale", "de_DE")));

    LoggedRequest r = ups.trackRequests().get(0);
    assertThat(r.getHeader("transactionSrc")).isEqualTo("acme-support");
    assertThat(r.queryParameter("locale").firstValue()).isEqualTo("de_DE");
    assertThat(found.values()).containsEntry("tracking_url", "https://www.ups.com/track?loc=de_DE&tracknum=" + N);
  }

  @Test
  void aTokenAboutToExpireIsReplacedAndTheNewOneReused() throws IOException {
    // valid for 60 s: within the minute's margin, so already due for renewal at the next call
    ups.tokens(token("tok-short", 60), token("tok-long", 14399)).track(N, onTheWay(N));

    for (int i = 0; i < 3; i++) lookup.lookUp(parcels(new Parcel(N, "UPS")), settings());

    assertThat(ups.tokenRequests()).hasSize(2);
    assertThat(ups.trackRequests()).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer tok-short", "Bearer tok-long", "Bearer tok-long");
  }

  @Test
  void aRefusedTokenIsDroppedAndTheCallMadeOnceMoreWithAFreshOne() throws IOException {
    ups.tokens(token("tok-revoked", 14399), token("tok-fresh", 14399)).refuse("tok-revoked").track(N, onTheWay(N));

    Found found = lookup.lookUp(parcels(new Parcel(N, "UPS")), settings());

    assertThat(found.values()).containsEntry("shipment_status", "in transit (On the Way)");
    assertThat(ups.tokenRequests()).hasSize(2);
    assertThat(ups.trackRequests()).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer tok-revoked", "Bearer tok-fresh");
  }

  @Test
  void aTokenRefusedTwiceIsAFailureThatNamesNoSecret() {
    ups.tokens(token("tok-1", 14399), token("tok-2", 14399)).refuse("tok-1").refuse("tok-2");

    IOException e = catchThrowableOfType(() -> lookup.lookUp(parcels(new Parcel(N, "UPS")), settings()), IOException.class);

    assertThat(e).isNotInstanceOf(Lookup.RateLimited.class)
        .hasMessage("UPS answered 401 for the tracking lookup: the access token was refused");
    assertThat(ups.trackRequests()).hasSize(2);
  }

  @Test
  void refusedCredentialsAreAFailureThatNamesNoSecret() {
    ups.tokenRefused();

    IOException e = catchThrowableOfType(() -> lookup.lookUp(parcels(new Parcel(N, "UPS")), settings()), IOException.class);

    assertThat(e).hasMessage("the token endpoint /security/v1/oauth/token answered 401 (client id or secret refused)");
    assertNoSecretIn(e.getMessage());
    assertThat(ups.trackRequests()).isEmpty();
  }

  @Test
  void notFoundInEachOfUpsShapesIsNothing() throws IOException {
    ups.tokens(token("tok-A", 14399))
        // 404 with UPS's error body
        .answer("1Z999AA10000000001", UpsStandIn.error(404, "TW0001", "Tracking Information Not Found"))
        // 200 whose shipment holds only a warning
        .answer("1Z999AA10000000002", okJson("""
            {"trackResponse":{"shipment":[{"inquiryNumber":"1Z999AA10000000002",
              "warnings":[{"code":"TW0001","message":"Tracking Information Not Found"}]}]}}"""))
        // 400: UPS does not take the number for one of its own
        .answer("1Z999AA10000000003", UpsStandIn.error(400, "TV1002", "Invalid inquiry number"));

    for (String n : List.of("1Z999AA10000000001", "1Z999AA10000000002", "1Z999AA10000000003")) {
      assertThat(lookup.lookUp(parcels(new Parcel(n, "UPS")), settings())).as(n).isEqualTo(Found.nothing());
    }
    assertThat(ups.trackRequests()).hasSize(3);
  }

  @Test
  void a429PausesTheConnectorForUpsRetryAfter() {
    ups.tokens(token("tok-A", 14399))
        .answer(N, UpsStandIn.error(429, "10429", "Too Many Requests").withHeader("Retry-After", "30"))
        .answer("1Z999AA10000000009", UpsStandIn.error(429, "10429", "Too Many Requests"));

    Lookup.RateLimited limited = catchThrowableOfType(
        () -> lookup.lookUp(parcels(new Parcel(N, "UPS")), settings()), Lookup.RateLimited.class);
    Lookup.RateLimited unsaid = catchThrowableOfType(
        () -> lookup.lookUp(parcels(new Parcel("1Z999AA10000000009", "UPS")), settings()), Lookup.RateLimited.class);

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limited).hasMessage("UPS answered 429 for the tracking lookup (rate limited, Retry-After 30 s)");
    assertThat(unsaid.retryAfter()).as("the connector's rate-limit-delay-seconds applies").isNull();
  }

  @Test
  void aServerErrorIsAFailureNamingUpsCodeAndNoSecret() {
    ups.tokens(token("tok-A", 14399)).answer(N, UpsStandIn.error(503, "190001", "The service is temporarily unavailable"));

    IOException e = catchThrowableOfType(() -> lookup.lookUp(parcels(new Parcel(N, "UPS")), settings()), IOException.class);

    assertThat(e).isNotInstanceOf(Lookup.RateLimited.class)
        .hasMessage("UPS answered 503 for the tracking lookup: 190001 The service is temporarily unavailable");
    assertNoSecretIn(e.getMessage());
  }

  @Test
  void aBlockedMerchantIsNotDescribedByUpsWords() {
    ups.tokens(token("tok-A", 14399)).answer(N, UpsStandIn.error(403, "250001", "Blocked Merchant " + UpsStandIn.CLIENT_ID));

    IOException e = catchThrowableOfType(() -> lookup.lookUp(parcels(new Parcel(N, "UPS")), settings()), IOException.class);

    assertThat(e).hasMessage("UPS answered 403 for the tracking lookup: the account is blocked for tracking (250001)");
    assertNoSecretIn(e.getMessage());
  }

  @Test
  void answersOnlyForUpsParcelsAndAsksNothingAboutOthers() throws IOException {
    ups.tokens(token("tok-A", 14399)).track(N, onTheWay(N));

    Known others = parcels(
        new Parcel(N, "USPS"), // a 1Z-looking number the platform says is USPS's: the platform wins
        new Parcel("9400111899223344556677", null), // USPS by its number
        new Parcel("123456789012", "FedEx"),
        new Parcel("  ", "UPS"),
        new Parcel(null, "UPS"));

    assertThat(lookup.lookUp(others, settings())).isEqualTo(Found.nothing());
    assertThat(lookup.lookUp(new Known("1001", "jane@example.com", null, null), settings())).isEqualTo(Found.nothing());
    assertThat(WM.getAllServeEvents()).isEmpty();

    Found found = lookup.lookUp(parcels(new Parcel("123456789012", "FedEx"), new Parcel("1z 999 aa1 01 2345 6784", null),
        new Parcel("1Z999AA10000000002", "UPS")), settings());
    assertThat(ups.trackRequests()).singleElement()
        .satisfies(r -> assertThat(r.getUrl()).startsWith(UpsStandIn.TRACK_PATH + N + "?"));
    assertThat(found.values()).containsEntry("tracking_number", "1z 999 aa1 01 2345 6784");
    assertThat(found.shipments()).extracting(ShipmentState::trackingNumber).containsExactly("1z 999 aa1 01 2345 6784");
  }

  @Test
  void theCarrierNameIsUpsInAnySpellingAndWithoutOneTheNumberDecides() {
    for (String name : List.of("UPS", "ups", "UPSDAP", "UPS Mail Innovations", "UPSMailInnovations", "ups_surepost")) {
      assertThat(UpsLookup.isUps(new Parcel("9274899992137000000000", name))).as(name).isTrue();
    }
    for (String name : List.of("USPS", "FedEx", "DHL Express", "Canada Post")) {
      assertThat(UpsLookup.isUps(new Parcel(N, name))).as(name).isFalse();
    }
    assertThat(UpsLookup.isUps(new Parcel("1Z999AA10123456784", null))).isTrue();
    assertThat(UpsLookup.isUps(new Parcel("1Z 999 AA1 01 2345 6784", " "))).isTrue();
    assertThat(UpsLookup.isUps(new Parcel("1Z999AA1012345678", null))).as("17 characters").isFalse();
    assertThat(UpsLookup.isUps(new Parcel("123456789012", null))).isFalse();
    assertThat(UpsLookup.isUps(new Parcel("1234567890", null))).isFalse();
  }

  @Test
  void aNumberUpsCouldNeverAcceptIsNotSent() throws IOException {
    assertThat(lookup.lookUp(parcels(new Parcel("1Z/../../admin", "UPS")), settings())).isEqualTo(Found.nothing());
    assertThat(lookup.lookUp(parcels(new Parcel("123456", "UPS")), settings())).isEqualTo(Found.nothing());
    assertThat(WM.getAllServeEvents()).isEmpty();
  }

  @Test
  void enabledOnlyWithBothCredentials() {
    assertThat(lookup.enabled(settings())).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("ups", Map.of("client-id", UpsStandIn.CLIENT_ID)))).isFalse();
    assertThat(lookup.enabled(ConnectorSettings.of("ups", Map.of("client-secret", UpsStandIn.CLIENT_SECRET)))).isFalse();
    assertThat(lookup.id()).isEqualTo("ups");
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.SHIPMENT);
    assertThat(lookup.describes()).isEqualTo("shipment (UPS)");
  }
}
