package io.helpdeskbridge.plugin.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Known;
import io.helpdeskbridge.spi.Lookup.Parcel;
import io.helpdeskbridge.spi.ShipmentState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The USPS lookup against a stand-in of apis.usps.com: {@code POST /oauth2/v3/token} (JSON client
 * credentials, as USPS's examples send them; {@code expires_in} as a string, as USPS answers) and
 * {@code GET /tracking/v3/tracking/{number}?expand=DETAIL} with the Bearer token, answering the
 * fields of USPS's Tracking 3.0 specification, and USPS's {@code {"apiVersion","error":{...}}}
 * errors.
 */
class UspsLookupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_ID = "uspsClientIdK8w2";
  private static final String SECRET = "uspsSecret-Qm4nB7xLr2";
  private static final String NUMBER = "9400111899223344556677";

  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
  private final Lookup lookup = new UspsLookup(clock);

  private static ConnectorSettings settings() {
    return new ConnectorSettings("usps", "usps", "connectors/usps.yaml",
        Map.of("client-id", CLIENT_ID, "client-secret", SECRET, "api-base", "http://127.0.0.1:" + wm.getPort()));
  }

  private static Known order(Parcel... parcels) {
    return new Known("1001", null, null, List.of(parcels));
  }

  /** USPS's token answer as its examples show it (expires_in and issued_at as strings). */
  static String token(String accessToken, long expiresIn) {
    return """
        {"access_token":"%s","token_type":"Bearer","issued_at":"1763726400000","expires_in":"%d","status":"approved",
         "scope":"addresses tracking labels prices","issuer":"api.usps.com","client_id":"%s",
         "application_name":"helpdesk-bridge","api_products":"[Public Access I]","public_key":"LS0tLS1CRUdJTiBQVUJMSUMgS0VZ"}"""
        .formatted(accessToken, expiresIn, CLIENT_ID);
  }

  /** A tracking answer with the fields of USPS's Tracking 3.0 response. */
  static String tracking(String number, String category, String status, String expected, String events) {
    return """
        {"trackingNumber":"%s","additionalInfo":null,"ADPScripting":null,"archiveRestoreInfo":null,
         "associatedLabel":null,"carrierRelease":false,"mailClass":"USPS Ground Advantage",
         "destinationCity":"BROOKLYN","destinationCountryCode":"US","destinationState":"NY","destinationZIP":"11201",
         "editedLabelId":null,"emailEnabled":true,"endOfDay":null,"eSOFEligible":false,
         %s
         "expectedDeliveryType":null,"guaranteedDeliveryTimeStamp":null,"guaranteedDetails":null,"itemShape":"PARCEL",
         "kahalaIndicator":false,"mailType":"DOMESTIC_MAIL","onTime":false,"originCity":"PORTLAND","originCountry":"US",
         "originState":"OR","originZIP":"97218","proofOfDeliveryEnabled":false,"predictedDeliveryTimeStamp":null,
         "predictedDeliveryDate":null,"redeliveryEnabled":false,"restoreEnabled":false,"RRAMenabled":false,
         "RREEnabled":false,"services":[],"serviceTypeCode":"001","status":"%s","statusCategory":"%s",
         "statusSummary":"Your item arrived at our KEARNY NJ DISTRIBUTION CENTER destination facility on November 21, 2026 at 4:12 am.",
         "trackingProofOfDeliveryEnabled":false,"valueofArticle":null,"trackingEvents":[%s]}"""
        .formatted(number, expected == null ? "" : "\"expectedDeliveryTimeStamp\":\"" + expected + "\",",
            status, category, events);
  }

  static String event(String type, String local, String gmt, String offset) {
    return """
        {"eventType":"%s","eventTimestamp":"%s","GMTTimestamp":%s,"GMTOffset":"%s","eventCountry":null,
         "eventCity":"KEARNY","eventState":"NJ","eventZIP":"07032","firm":null,"name":null,"authorizedAgent":false,
         "eventCode":"10","actionCode":null,"reasonCode":null}"""
        .formatted(type, local, gmt == null ? "null" : "\"" + gmt + "\"", offset);
  }

  private static String inTransit(String number) {
    return tracking(number, "In Transit", "Arrived at USPS Regional Destination Facility", "2026-11-24T21:00:00",
        event("Arrived at USPS Regional Destination Facility", "2026-11-21T04:12:00", "2026-11-21T09:12:00Z", "-05:00")
            + "," + event("Departed USPS Facility", "2026-11-20T19:30:00", null, "-8:00")
            + "," + event("USPS picked up item", "2026-11-19T16:02:00", "2026-11-20T00:02:00Z", "-08:00"));
  }

  private static void tokenAnswers(String accessToken) {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).willReturn(okJson(token(accessToken, 28799))));
  }

  private static void trackingAnswers(String number, String accessToken, String body) {
    wm.stubFor(get(urlPathEqualTo("/tracking/v3/tracking/" + number)).withQueryParam("expand", equalTo("DETAIL"))
        .withHeader("Authorization", equalTo("Bearer " + accessToken)).willReturn(okJson(body)));
  }

  private static List<LoggedRequest> tokenRequests() {
    return wm.findAll(postRequestedFor(urlPathEqualTo("/oauth2/v3/token")));
  }

  private static List<LoggedRequest> trackingRequests() {
    return wm.findAll(getRequestedFor(urlPathMatching("/tracking/v3/tracking/.*")));
  }

  @Test
  void fetchesOneTokenWithTheAppsCredentialsAndReusesIt() throws IOException {
    String other = "9205590164917312751089";
    tokenAnswers("tok-1");
    trackingAnswers(NUMBER, "tok-1", inTransit(NUMBER));
    trackingAnswers(other, "tok-1", inTransit(other));

    lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings());
    clock.advance(Duration.ofHours(7));
    lookup.lookUp(order(new Parcel(other, "USPS")), settings());

    assertThat(tokenRequests()).hasSize(1);
    LoggedRequest t = tokenRequests().get(0);
    assertThat(t.getHeader("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(t.getBodyAsString())).isEqualTo(JSON.readTree(
        "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + SECRET + "\"}"));
    assertThat(trackingRequests()).extracting(LoggedRequest::getUrl).containsExactly(
        "/tracking/v3/tracking/" + NUMBER + "?expand=DETAIL", "/tracking/v3/tracking/" + other + "?expand=DETAIL");
    assertThat(trackingRequests()).allSatisfy(r -> {
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-1");
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    });
  }

  @Test
  void aTokenAboutToExpireIsRenewedBeforeUse() throws IOException {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(token("tok-1", 3600))).willSetStateTo("second"));
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(okJson(token("tok-2", 3600))));
    trackingAnswers(NUMBER, "tok-1", inTransit(NUMBER));
    trackingAnswers(NUMBER, "tok-2", inTransit(NUMBER));

    lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings());
    clock.advance(Duration.ofSeconds(3600 - 59));
    lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings());

    assertThat(tokenRequests()).hasSize(2);
    assertThat(trackingRequests()).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void readsStatusExpectedDeliveryNewestEventAndLink() throws IOException {
    tokenAnswers("tok-1");
    trackingAnswers(NUMBER, "tok-1", inTransit(NUMBER));

    Found found = lookup.lookUp(order(new Parcel("1Z999AA10123456784", "UPS"), new Parcel(NUMBER, "USPS")), settings());

    String url = "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + NUMBER;
    assertThat(found.values()).containsExactly(
        Map.entry("shipment_status", "in transit (Arrived at USPS Regional Destination Facility)"),
        Map.entry("carrier", "USPS"),
        Map.entry("tracking_number", NUMBER),
        Map.entry("tracking_url", url),
        Map.entry("estimated_delivery", "2026-11-24"));
    // the newest event is the one with the latest GMT time (the local 19:30 at -8:00 is 03:30Z)
    assertThat(found.shipments()).containsExactly(new ShipmentState("usps", NUMBER, "USPS", null, "in_transit", false,
        Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-21T09:12:00Z"), url));
  }

  @Test
  void aScannedNumberIsAskedWithoutItsRoutingPrefixButRememberedAsTheShopGaveIt() throws IOException {
    String scanned = "42011201" + NUMBER;
    tokenAnswers("tok-1");
    trackingAnswers(NUMBER, "tok-1", tracking(NUMBER, "Delivered", "Delivered, In/At Mailbox", null,
        event("Delivered, In/At Mailbox", "2026-11-24T13:05:00", "2026-11-24T18:05:00Z", "-05:00")));

    Found found = lookup.lookUp(order(new Parcel(scanned, null)), settings());

    assertThat(trackingRequests()).extracting(LoggedRequest::getUrl)
        .containsExactly("/tracking/v3/tracking/" + NUMBER + "?expand=DETAIL");
    ShipmentState state = found.shipments().get(0);
    assertThat(state.trackingNumber()).as("the sweep matches on the shop's number").isEqualTo(scanned);
    assertThat(state.delivered()).isTrue();
    assertThat(found.values()).containsEntry("shipment_status", "delivered (Delivered, In/At Mailbox)")
        .doesNotContainKey("estimated_delivery");
  }

  @Test
  void aRefusedTokenIsReplacedOnceAndARefusalOfTheNewOneIsAnError() throws IOException {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(token("tok-revoked", 28799))).willSetStateTo("second"));
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(okJson(token("tok-2", 28799))));
    wm.stubFor(get(urlPathMatching("/tracking/v3/tracking/.*")).withHeader("Authorization", equalTo("Bearer tok-revoked"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"apiVersion\":\"/tracking/v3\",\"error\":{\"code\":\"401\",\"message\":\"Invalid access token tok-revoked\"}}")));
    trackingAnswers(NUMBER, "tok-2", inTransit(NUMBER));

    Found found = lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings());

    assertThat(found.values()).containsEntry("tracking_number", NUMBER);
    assertThat(tokenRequests()).hasSize(2);
    assertThat(trackingRequests()).hasSize(2);

    wm.resetAll();
    tokenAnswers("tok-3");
    wm.stubFor(get(urlPathMatching("/tracking/v3/tracking/.*")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"apiVersion\":\"/tracking/v3\",\"error\":{\"code\":\"401\",\"message\":\"Invalid access token tok-3\"}}")));
    IOException refused = catchThrowableOfType(() -> lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings()),
        IOException.class);
    assertThat(refused).hasMessage("USPS answered 401 for the tracking lookup: a fresh access token was refused too");
  }

  @Test
  void aNumberUspsDoesNotKnowIsNothing() throws IOException {
    tokenAnswers("tok-1");
    wm.stubFor(get(urlPathMatching("/tracking/v3/tracking/.*")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"apiVersion\":\"/tracking/v3\",\"error\":{\"code\":\"404\",\"message\":\"Resource Not Found\","
            + "\"errors\":[{\"status\":\"404\",\"code\":\"404\",\"title\":\"Not Found\",\"detail\":\"Package with tracking number not found.\"}]}}")));

    assertThat(lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings())).isEqualTo(Found.nothing());
    assertThat(trackingRequests()).hasSize(1);
  }

  @Test
  void parcelsOfOtherCarriersCostNoCallNotEvenForAToken() throws IOException {
    Known others = order(
        new Parcel(NUMBER, "FedEx"),                        // a USPS-looking number, but the shop says FedEx
        new Parcel("1234567890", "DHL Express"),
        new Parcel("1Z999AA10123456784", null),             // UPS
        new Parcel("961234567890123456789012", null),       // FedEx Ground 96...
        new Parcel("1234567890", null),                     // DHL Express
        new Parcel("RR123456785DE", null));                 // Deutsche Post's S10

    assertThat(lookup.lookUp(others, settings())).isEqualTo(Found.nothing());
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aSpentQuotaIsRateLimitedWithUspsRetryAfter() {
    tokenAnswers("tok-1");
    wm.stubFor(get(urlPathMatching("/tracking/v3/tracking/.*")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "1800").withHeader("Content-Type", "application/json")
        .withBody("{\"apiVersion\":\"/tracking/v3\",\"error\":{\"code\":\"429\",\"message\":\"Exceeded quota limit.\","
            + "\"errors\":[{\"title\":\"Too Many Requests.\",\"detail\":\"Quota limit exceeded. The number of requests has "
            + "exceeded the quota established for the time period.\",\"status\":\"429\"}]}}")));

    Lookup.RateLimited limited = catchThrowableOfType(() -> lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings()),
        Lookup.RateLimited.class);

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(limited).hasMessage("USPS answered 429 for the tracking lookup (the app's quota; Retry-After 1800 s)");
  }

  @Test
  void aRateLimitedTokenEndpointIsRateLimitedToo() {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

    Lookup.RateLimited limited = catchThrowableOfType(() -> lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings()),
        Lookup.RateLimited.class);

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(trackingRequests()).isEmpty();
  }

  @Test
  void errorsSayWhatUspsSaidButNameNoSecretOrToken() {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client " + CLIENT_ID + " / " + SECRET + " refused\"}")));
    IOException badCredentials = catchThrowableOfType(
        () -> lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings()), IOException.class);
    assertThat(badCredentials).hasMessage("the token endpoint /oauth2/v3/token answered 401 (client id or secret refused)");

    wm.resetAll();
    tokenAnswers("tok-secret-looking-1");
    wm.stubFor(get(urlPathMatching("/tracking/v3/tracking/.*")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"apiVersion\":\"/tracking/v3\",\"error\":{\"code\":\"503\",\"message\":\"Service Unavailable\"}}")));
    IOException down = catchThrowableOfType(() -> lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings()),
        IOException.class);
    assertThat(down).hasMessage("USPS answered 503 for the tracking lookup: Service Unavailable");

    wm.resetAll();
    tokenAnswers("tok-secret-looking-1");
    wm.stubFor(get(urlPathMatching("/tracking/v3/tracking/.*")).willReturn(aResponse().withStatus(403)));
    IOException forbidden = catchThrowableOfType(() -> lookup.lookUp(order(new Parcel(NUMBER, "USPS")), settings()),
        IOException.class);
    assertThat(forbidden).hasMessage("USPS answered 403 for the tracking lookup: the app may not use the Tracking API");

    for (IOException e : List.of(badCredentials, down, forbidden)) {
      assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("tok-secret-looking-1");
    }
  }

  @Test
  void enabledOnlyWithIdAndSecret() {
    assertThat(lookup.enabled(settings())).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("usps", Map.of("client-id", CLIENT_ID)))).isFalse();
    assertThat(lookup.enabled(ConnectorSettings.of("usps", Map.of("client-secret", SECRET)))).isFalse();
    assertThat(lookup.id()).isEqualTo("usps").isEqualTo(new UspsSpec().id());
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.SHIPMENT);
    assertThat(lookup.describes()).isEqualTo("shipment (USPS)");
  }

  /** A clock the test moves, for the token's lifetime. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
