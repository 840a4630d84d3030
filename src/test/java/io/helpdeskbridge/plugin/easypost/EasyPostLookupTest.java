package io.helpdeskbridge.plugin.easypost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Known;
import io.helpdeskbridge.spi.Lookup.Parcel;
import io.helpdeskbridge.spi.ShipmentState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tracker lookup against a stand-in of EasyPost's {@code GET /v2/trackers}, which answers
 * {@code {"trackers":[...],"has_more":false}} with Tracker objects as documented (status,
 * status_detail, est_delivery_date, public_url, tracking_details[].datetime).
 */
class EasyPostLookupTest {
  private static final String KEY = "EZTK0123456789abcdefTestKey";
  private static final String CODE = "9400111899223197428490";
  // a fresh stand-in per class, reset before each test
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Lookup lookup = new EasyPostLookup();

  private static ConnectorSettings settings() {
    return ConnectorSettings.of("easypost", Map.of("api-key", KEY, "api-base", "http://127.0.0.1:" + wm.getPort()));
  }

  private static Known parcel(String carrier) {
    return new Known("1001", null, null, List.of(new Parcel(" ", null), new Parcel(CODE, carrier)));
  }

  private static String tracker(String status, String detail, String details) {
    return """
        {"id":"trk_c8e0edb5bb284caa934a0d3db23a148z","object":"Tracker","mode":"production",
         "tracking_code":"%s","status":"%s","status_detail":"%s",
         "created_at":"2026-11-18T15:00:00Z","updated_at":"2026-11-19T09:30:00Z",
         "signed_by":null,"weight":null,"est_delivery_date":"2026-11-22T00:00:00Z","shipment_id":null,
         "carrier":"USPS","tracking_details":[%s],"carrier_detail":null,"finalized":false,"is_return":false,
         "public_url":"https://track.easypost.com/djE6dHJrX2M4ZTBlZGI1"}"""
        .formatted(CODE, status, detail, details);
  }

  private static String detail(String status, String datetime) {
    return """
        {"object":"TrackingDetail","message":"Arrived at USPS Regional Facility","description":"",
         "status":"%s","status_detail":"arrived_at_facility","datetime":"%s","source":"USPS","carrier_code":"",
         "tracking_location":{"object":"TrackingLocation","city":"SOUTH SAN FRANCISCO","state":"CA","country":null,"zip":"94080"}}"""
        .formatted(status, datetime);
  }

  private static void trackers(String... trackers) {
    wm.stubFor(get(urlPathEqualTo("/v2/trackers"))
        .willReturn(okJson("{\"trackers\":[" + String.join(",", trackers) + "],\"has_more\":false}")));
  }

  private static List<LoggedRequest> requests() {
    return wm.findAll(anyRequestedFor(anyUrl()));
  }

  @Test
  void findsTheTrackerOfTheFirstParcelWithBasicAuth() throws IOException {
    trackers(tracker("in_transit", "arrived_at_facility",
        detail("pre_transit", "2026-11-18T16:00:00Z") + "," + detail("in_transit", "2026-11-19T08:12:00Z")
            + "," + detail("in_transit", "2026-11-18T22:40:00Z")));

    Found found = lookup.lookUp(parcel("USPS"), settings());

    assertThat(requests()).hasSize(1);
    LoggedRequest r = requests().get(0);
    assertThat(r.getUrl()).isEqualTo("/v2/trackers?tracking_code=" + CODE + "&carrier=USPS&page_size=1");
    assertThat(r.getHeader("Authorization")).isEqualTo(
        "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)));
    assertThat(found.values()).containsExactly(
        Map.entry("shipment_status", "in transit (arrived at a carrier facility)"),
        Map.entry("carrier", "USPS"),
        Map.entry("tracking_number", CODE),
        Map.entry("tracking_url", "https://track.easypost.com/djE6dHJrX2M4ZTBlZGI1"),
        Map.entry("estimated_delivery", "2026-11-22"));
    assertThat(found.shipments()).containsExactly(new ShipmentState("easypost", CODE, "USPS",
        "trk_c8e0edb5bb284caa934a0d3db23a148z", "in_transit", false, Instant.parse("2026-11-22T00:00:00Z"),
        Instant.parse("2026-11-19T08:12:00Z"), "https://track.easypost.com/djE6dHJrX2M4ZTBlZGI1"));
  }

  @Test
  void aParcelAtItsEndIsNotSweptAndWithoutDetailsTheTrackerUpdateIsTheLastEvent() throws IOException {
    for (String status : List.of("delivered", "return_to_sender", "failure", "cancelled")) {
      wm.resetAll();
      trackers(tracker(status, "unknown", ""));

      ShipmentState state = lookup.lookUp(parcel(null), settings()).shipments().get(0);

      assertThat(state.delivered()).as(status).isTrue();
      assertThat(state.lastEventAt()).isEqualTo(Instant.parse("2026-11-19T09:30:00Z"));
    }
    for (String status : List.of("pre_transit", "in_transit", "out_for_delivery", "available_for_pickup", "error")) {
      assertThat(EasyPostLookup.ENDED).as(status).doesNotContain(status);
    }
  }

  @Test
  void withoutACarrierNoneIsSent() throws IOException {
    trackers(tracker("delivered", "arrived_at_destination", ""));

    Found found = lookup.lookUp(parcel(null), settings());

    assertThat(requests().get(0).getUrl()).isEqualTo("/v2/trackers?tracking_code=" + CODE + "&page_size=1");
    assertThat(found.values()).containsEntry("shipment_status", "delivered (arrived at the destination)");
  }

  @Test
  void aCarrierEasyPostSpellsOtherwiseIsDroppedOnASecondTry() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v2/trackers")).withQueryParam("carrier", equalTo("United States Postal Service"))
        .willReturn(okJson("{\"trackers\":[],\"has_more\":false}")));
    wm.stubFor(get(urlPathEqualTo("/v2/trackers")).withQueryParam("carrier", absent())
        .willReturn(okJson("{\"trackers\":[" + tracker("in_transit", "unknown", "") + "],\"has_more\":false}")));

    Found found = lookup.lookUp(parcel("United States Postal Service"), settings());

    assertThat(requests()).extracting(LoggedRequest::getUrl).containsExactlyInAnyOrder(
        "/v2/trackers?tracking_code=" + CODE + "&carrier=United+States+Postal+Service&page_size=1",
        "/v2/trackers?tracking_code=" + CODE + "&page_size=1");
    assertThat(found.values()).containsEntry("shipment_status", "in transit");
  }

  @Test
  void noParcelMeansNoCallAndNoTrackerMeansNothing() throws IOException {
    assertThat(lookup.lookUp(new Known("1001", "bob@example.com", null, null), settings())).isEqualTo(Found.nothing());
    assertThat(requests()).isEmpty();

    trackers();
    assertThat(lookup.lookUp(parcel(null), settings())).isEqualTo(Found.nothing());
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aServerErrorIsAnIOExceptionThatNamesNoKey() {
    wm.stubFor(get(urlPathEqualTo("/v2/trackers")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"INTERNAL_SERVER_ERROR\",\"message\":\"We're sorry, something went wrong.\",\"errors\":[]}}")));

    IOException e = catchThrowableOfType(() -> lookup.lookUp(parcel("USPS"), settings()), IOException.class);

    assertThat(e).hasMessage("EasyPost answered 500 for the tracker lookup: We're sorry, something went wrong.");
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void aRefusedKeyIsNotDescribedByEasyPostsWords() {
    wm.stubFor(get(urlPathEqualTo("/v2/trackers")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"APIKEY.INACTIVE\",\"message\":\"The API key " + KEY + " is inactive.\",\"errors\":[]}}")));

    IOException e = catchThrowableOfType(() -> lookup.lookUp(parcel("USPS"), settings()), IOException.class);

    assertThat(e).hasMessage("EasyPost answered 401 for the tracker lookup: the API key was refused");
  }

  @Test
  void enabledOnlyWithAnApiKey() {
    assertThat(lookup.enabled(settings())).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("easypost", Map.of("webhook-secret", "ep_x")))).isFalse();
    assertThat(lookup.id()).isEqualTo(new EasyPostEventSource().id());
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.SHIPMENT);
    assertThat(lookup.describes()).isEqualTo("shipment (EasyPost)");
  }
}
