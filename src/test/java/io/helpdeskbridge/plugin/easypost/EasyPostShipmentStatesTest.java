package io.helpdeskbridge.plugin.easypost;

import static io.helpdeskbridge.plugin.easypost.EasyPostNormalizerTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link EasyPostEventSource#shipmentStates}: every tracker report, for the stale-shipment sweep. */
class EasyPostShipmentStatesTest {

  private static final Instant T = Instant.parse("2026-02-11T06:10:05Z");
  private final EasyPostEventSource source = new EasyPostEventSource();

  private List<ShipmentState> states(String connector, JsonNode payload) {
    return source.shipmentStates(new WebhookRequest(connector, Map.of(), new byte[0], T), payload);
  }

  @Test
  void anInTransitTrackerIsAStateThoughItMeansNoEvent() throws Exception {
    JsonNode payload = fixture("tracker.updated.estimate-later.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload).remove("previous_attributes");
    assertThat(source.normalize(new WebhookRequest("easypost", Map.of(), new byte[0], T), payload,
        new ConnectorSettings("easypost", "easypost", "x", Map.of()))).as("no event").isEmpty();

    assertThat(states("easypost-eu", payload)).containsExactly(new ShipmentState("easypost", "794612345678", "FedEx",
        "trk_test_estimate", "in_transit", false, Instant.parse("2026-02-14T00:00:00Z"),
        Instant.parse("2026-02-11T05:55:00Z"), "https://track.easypost.com/test-estimate"));
  }

  @Test
  void aDeliveredTrackerHasEnded() throws Exception {
    ShipmentState s = states("easypost", fixture("tracker.updated.delivered.json")).get(0);

    assertThat(s.delivered()).isTrue();
    assertThat(s.status()).isEqualTo("delivered");
    assertThat(s.lastEventAt()).isEqualTo(Instant.parse("2026-02-12T16:58:00Z"));
  }

  @Test
  void aReturnHasEndedAndItsLastEventIsTheNewestDetailNotTheLastListed() throws Exception {
    ShipmentState s = states("easypost", fixture("tracker.updated.return.json")).get(0);

    assertThat(s.delivered()).isTrue();
    assertThat(s.lastEventAt()).isEqualTo(Instant.parse("2026-02-10T13:42:00Z"));
    assertThat(s.estimatedDelivery()).isEqualTo(Instant.parse("2026-02-11T00:00:00Z"));
  }

  @Test
  void aFreshTrackerHasNoEventAndNoEstimateYet() throws Exception {
    ShipmentState s = states("easypost", fixture("tracker.created.unknown.json")).get(0);

    assertThat(s.trackingNumber()).isEqualTo("9400100000000000000093");
    assertThat(s.status()).isEqualTo("unknown");
    assertThat(s.delivered()).isFalse();
    assertThat(s.lastEventAt()).isNull();
    assertThat(s.estimatedDelivery()).isNull();
  }

  @Test
  void whatIsNotATrackerHasNoState() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(states("easypost", fixture("batch.created.json"))).isEmpty();
    assertThat(states("easypost", json.readTree("{\"description\":\"tracker.updated\",\"result\":{\"object\":\"Shipment\","
        + "\"tracking_code\":\"X\"}}"))).isEmpty();
    assertThat(states("easypost", json.readTree("{\"description\":\"tracker.updated\",\"result\":{}}"))).isEmpty();
    assertThat(source.shipmentStates(null, json.readTree("[]"))).isEmpty();
  }
}
