package io.helpdeskbridge.plugin.aftership;

import static io.helpdeskbridge.plugin.aftership.AfterShipNormalizerTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link AfterShipEventSource#shipmentStates}: every tracking report, for the stale-shipment sweep. */
class AfterShipShipmentStatesTest {

  private final AfterShipEventSource source = new AfterShipEventSource();

  private List<ShipmentState> states(JsonNode payload) {
    return source.shipmentStates(new WebhookRequest("aftership", Map.of(), new byte[0], Instant.EPOCH), payload);
  }

  @Test
  void anInTransitUpdateIsAStateThoughItMeansNoEvent() throws Exception {
    JsonNode payload = fixture("tracking_update.in-transit.json");
    assertThat(AfterShipNormalizer.normalize(payload)).as("no event").isEmpty();

    assertThat(states(payload)).containsExactly(new ShipmentState("aftership", "1Z999AA10123456784", "UPS",
        "t3sttr4ck1ng1ntr4ns1t00000000005", "InTransit", false, null, Instant.parse("2026-03-02T23:04:00Z"), null));
  }

  @Test
  void deliveredHasEnded() throws Exception {
    ShipmentState s = states(fixture("tracking_update.delivered.json")).get(0);

    assertThat(s.delivered()).isTrue();
    // the newest checkpoint, whatever its tag
    assertThat(s.lastEventAt()).isEqualTo(Instant.parse("2026-03-07T00:02:00Z"));
    assertThat(s.trackingUrl()).startsWith("https://tools.usps.com/");
  }

  @Test
  void aLostParcelHasNotEndedButAReturnedOneHas() throws Exception {
    JsonNode lost = fixture("tracking_update.exception.json");
    assertThat(states(lost).get(0).delivered()).isFalse();

    ((com.fasterxml.jackson.databind.node.ObjectNode) lost.get("msg")).put("subtag", "Exception_011");
    assertThat(states(lost).get(0).delivered()).isTrue();
  }

  @Test
  void estimatesAreReadAsInstantsTheLatestBoundOfARange() throws Exception {
    assertThat(states(fixture("edd_revise.range.json")).get(0).estimatedDelivery())
        .isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
    assertThat(states(fixture("edd_revise.legacy.json")).get(0).estimatedDelivery())
        .isEqualTo(Instant.parse("2026-03-10T11:00:00Z"));
  }

  @Test
  void aWallClockCheckpointIsReadAsUtcAndTheFallbackLinkIsUsed() throws Exception {
    ShipmentState s = states(fixture("tracking_update.attempt-fail.json")).get(0);

    assertThat(s.lastEventAt()).isEqualTo(Instant.parse("2026-03-03T08:41:00Z"));
    assertThat(s.trackingUrl()).isEqualTo("https://shop.aftership.com/tracking/JD014600006281230703");
    assertThat(s.carrier()).isEqualTo("DHL Express");
  }

  @Test
  void aPendingTrackingWithoutCheckpointsHasNoLastEvent() throws Exception {
    ShipmentState s = states(fixture("tracking_pending_time.json")).get(0);

    assertThat(s.status()).isEqualTo("Pending");
    assertThat(s.lastEventAt()).isNull();
    assertThat(s.delivered()).isFalse();
  }

  @Test
  void aPayloadWithoutATrackingNumberHasNoState() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(states(json.readTree("{\"event\":\"tracking_update\",\"msg\":{\"slug\":\"ups\"}}"))).isEmpty();
    assertThat(states(json.readTree("{\"event\":\"tracking_update\"}"))).isEmpty();
    assertThat(source.shipmentStates(null, json.readTree("\"x\""))).isEmpty();
  }
}
