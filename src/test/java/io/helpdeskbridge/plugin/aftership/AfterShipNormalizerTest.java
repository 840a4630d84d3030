package io.helpdeskbridge.plugin.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.event.ShipmentDelivered;
import io.helpdeskbridge.event.ShipmentException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AfterShipNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode fixture(String name) throws IOException {
    return resource("vendor/aftership/" + name);
  }

  static JsonNode sample(String name) throws IOException {
    return resource("samples/aftership/" + name);
  }

  static JsonNode resource(String path) throws IOException {
    try (InputStream in =
        AfterShipNormalizerTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static ObjectNode msg(JsonNode payload) {
    return (ObjectNode) payload.get("msg");
  }

  private static <T extends OrderEvent> T single(List<OrderEvent> events, Class<T> type) {
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(type);
    return type.cast(events.get(0));
  }

  // --- tracking_update: exceptions ---

  @Test
  void bundledSampleIsATrackingNumberOnlyException() throws IOException {
    ShipmentException e =
        single(AfterShipNormalizer.normalize(sample("tracking_update.json")), ShipmentException.class);

    assertThat(e)
        .isEqualTo(
            new ShipmentException(
                "aftership",
                "d26a9e53-d309-468c-bd3e-2262b69f6841",
                Instant.ofEpochSecond(1_772_633_700L),
                new OrderRef(null, null, null, null, "1Z999AA10123456784", "UPS"),
                "tracking_update",
                "UPS",
                "1Z999AA10123456784",
                "undeliverable: incorrect address",
                "The address is incomplete or incorrect. We are trying to obtain a corrected address.",
                "Brooklyn, NY, United States",
                "https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784"));
    assertThat(e.order().key()).isEqualTo("tracking:1Z999AA10123456784");
    assertThat(e.type()).isEqualTo("ShipmentException");
  }

  @Test
  void exceptionWithOrderNumberEmailAndCheckpointsListedNewestFirst() throws IOException {
    ShipmentException e =
        single(
            AfterShipNormalizer.normalize(fixture("tracking_update.exception.json")),
            ShipmentException.class);

    assertThat(e)
        .isEqualTo(
            new ShipmentException(
                "aftership",
                "ad5ed92d-5e78-4610-b58e-437387c5a375",
                Instant.ofEpochSecond(1_772_825_405L),
                new OrderRef("1002", null, "bob@example.com", null, "1Z999AA10123456785", "UPS"),
                "tracking_update",
                "UPS",
                "1Z999AA10123456785",
                "lost",
                "Package not located. Claim opened with the shipper.",
                "Secaucus, NJ, United States",
                "https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456785"));
    assertThat(e.order().key()).isEqualTo("order:1002");
  }

  @Test
  void attemptFailFallsBackToOrderIdCustomersCheckpointMessageAndUpdatedAt() throws IOException {
    ShipmentException e =
        single(
            AfterShipNormalizer.normalize(fixture("tracking_update.attempt-fail.json")),
            ShipmentException.class);

    assertThat(e)
        .isEqualTo(
            new ShipmentException(
                "aftership",
                "87b1d2e9-7c31-4a78-bb2c-6362ee4112db",
                Instant.parse("2026-03-03T08:00:00Z"),
                new OrderRef("A-17", null, "carla@example.com", null, "JD014600006281230703", "DHL Express"),
                "tracking_update",
                "DHL Express",
                "JD014600006281230703",
                "delivery attempt failed",
                "Recipient not at home, delivery notice left",
                "Berlin, BE, Germany",
                "https://shop.aftership.com/tracking/JD014600006281230703"));
  }

  @Test
  void expiredWithoutSubtagReportsTheBareTag() throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");
    msg(payload).put("tag", "Expired").remove(List.of("subtag", "subtag_message"));

    ShipmentException e = single(AfterShipNormalizer.normalize(payload), ShipmentException.class);

    assertThat(e.status()).isEqualTo("no tracking updates for 30 days");
    assertThat(e.detail()).isEqualTo("Package not located. Claim opened with the shipper.");
    assertThat(e.lastLocation()).isEqualTo("Secaucus, NJ, United States");
  }

  @Test
  void exceptionWithoutCheckpointsHasNoLocationAndOnlyTheSubtagMessage() throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");
    msg(payload).putArray("checkpoints");
    msg(payload).remove("courier_tracking_link");

    ShipmentException e = single(AfterShipNormalizer.normalize(payload), ShipmentException.class);

    assertThat(e.lastLocation()).isNull();
    assertThat(e.detail()).isEqualTo("Shipment lost");
    assertThat(e.trackingUrl()).isEqualTo("https://shop.aftership.com/tracking/1Z999AA10123456785");
  }

  @Test
  void exceptionWithoutAnyLinkOrDetailKeepsThoseNull() throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");
    msg(payload).remove(List.of("courier_tracking_link", "aftership_tracking_url", "subtag_message"));
    msg(payload).remove("checkpoints");

    ShipmentException e = single(AfterShipNormalizer.normalize(payload), ShipmentException.class);

    assertThat(e.trackingUrl()).isNull();
    assertThat(e.detail()).isNull();
    assertThat(e.lastLocation()).isNull();
    assertThat(e.status()).isEqualTo("lost");
  }

  @Test
  void checkpointsWithLocalTimesPickTheLatestWallClock() throws IOException {
    // attempt-fail lists oldest first with local times; reversing must not change the answer
    JsonNode payload = fixture("tracking_update.attempt-fail.json");
    ArrayNode checkpoints = (ArrayNode) msg(payload).get("checkpoints");
    JsonNode first = checkpoints.remove(0);
    checkpoints.add(first);

    ShipmentException e = single(AfterShipNormalizer.normalize(payload), ShipmentException.class);

    assertThat(e.lastLocation()).isEqualTo("Berlin, BE, Germany");
    assertThat(e.detail()).isEqualTo("Recipient not at home, delivery notice left");
  }

  @ParameterizedTest
  @CsvSource({
    "Exception, delivery exception",
    "AttemptFail, delivery attempt failed",
    "Expired, no tracking updates for 30 days",
    "exception, delivery exception",
    "ATTEMPTFAIL, delivery attempt failed"
  })
  void everyExceptionTagIsAShipmentExceptionInWords(String tag, String words) throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");
    msg(payload).put("tag", tag).remove(List.of("subtag", "subtag_message"));

    assertThat(AfterShipNormalizer.normalize(payload))
        .singleElement()
        .isInstanceOfSatisfying(ShipmentException.class, e -> assertThat(e.status()).isEqualTo(words));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // the example: a lost FedEx parcel read "Exception/Exception_013"
        "Exception_013 | Shipment lost | lost",
        "Exception_011 | Returned to sender | returned to the sender",
        "Exception_003 | Customer refused delivery | refused by the recipient",
        "AttemptFail_002 | Addressee not available | delivery attempt failed: recipient not available",
        // newer than the vocabulary: AfterShip's own words
        "Exception_019 | Held by the authorities | Held by the authorities",
        // newer and without words: the code, readable, never dropped
        "Exception_019 | | delivery exception (Exception 019)"
      })
  void subStatusesReadAsWords(String subtag, String subtagMessage, String words) throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");
    msg(payload).put("subtag", subtag);
    if (subtagMessage == null) {
      msg(payload).remove("subtag_message");
    } else {
      msg(payload).put("subtag_message", subtagMessage);
    }

    ShipmentException e = single(AfterShipNormalizer.normalize(payload), ShipmentException.class);

    assertThat(e.status()).isEqualTo(words);
    assertThat(e.status()).doesNotContain("_");
  }

  @Test
  void courierSlugsReadAsNamesAndUnknownOnesKeepTheirWords() throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");
    msg(payload).put("slug", "fedex");
    assertThat(single(AfterShipNormalizer.normalize(payload), ShipmentException.class).carrier()).isEqualTo("FedEx");

    msg(payload).put("slug", "la-poste-colissimo");
    assertThat(single(AfterShipNormalizer.normalize(payload), ShipmentException.class).carrier())
        .isEqualTo("la poste colissimo");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Pending", "InfoReceived", "InTransit", "OutForDelivery", "AvailableForPickup", "Lost"})
  void otherTagsMeanNothing(String tag) throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");
    msg(payload).put("tag", tag);

    assertThat(AfterShipNormalizer.normalize(payload)).isEmpty();
  }

  // --- tracking_update: delivered ---

  @Test
  void deliveredTakesTheTimeOfTheNewestDeliveredCheckpoint() throws IOException {
    ShipmentDelivered d =
        single(
            AfterShipNormalizer.normalize(fixture("tracking_update.delivered.json")),
            ShipmentDelivered.class);

    assertThat(d)
        .isEqualTo(
            new ShipmentDelivered(
                "aftership",
                "df3d1a13-9258-43e8-98a8-5022ebb85d9b",
                Instant.ofEpochSecond(1_772_825_405L),
                new OrderRef("1001", null, "jane@example.com", null, "9400111899562537866361", "USPS"),
                "tracking_update",
                "USPS",
                "9400111899562537866361",
                Instant.parse("2026-03-06T19:27:00Z")));
  }

  @Test
  void deliveredCheckpointWithoutOffsetFallsBackToTs() throws IOException {
    JsonNode payload = fixture("tracking_update.delivered.json");
    for (JsonNode cp : msg(payload).get("checkpoints")) {
      ((ObjectNode) cp).put("checkpoint_time", cp.get("checkpoint_time").asText().substring(0, 19));
    }

    ShipmentDelivered d = single(AfterShipNormalizer.normalize(payload), ShipmentDelivered.class);

    assertThat(d.deliveredAt()).isEqualTo(Instant.ofEpochSecond(1_772_825_405L));
  }

  @Test
  void deliveredWithoutCheckpointsUsesTs() throws IOException {
    JsonNode payload = fixture("tracking_update.delivered.json");
    msg(payload).remove("checkpoints");

    ShipmentDelivered d = single(AfterShipNormalizer.normalize(payload), ShipmentDelivered.class);

    assertThat(d.deliveredAt()).isEqualTo(d.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_772_825_405L));
  }

  @Test
  void deliveredWithoutADeliveredCheckpointUsesTheNewestOne() throws IOException {
    JsonNode payload = fixture("tracking_update.delivered.json");
    for (JsonNode cp : msg(payload).get("checkpoints")) {
      ((ObjectNode) cp).put("tag", "InTransit");
    }

    ShipmentDelivered d = single(AfterShipNormalizer.normalize(payload), ShipmentDelivered.class);

    assertThat(d.deliveredAt()).isEqualTo(Instant.parse("2026-03-07T00:02:00Z"));
  }

  // --- edd_revise ---

  @Test
  void bundledEddReviseIsADelayAgainstTheFirstEstimate() throws IOException {
    ShipmentDelayed d =
        single(AfterShipNormalizer.normalize(sample("edd_revise.json")), ShipmentDelayed.class);

    assertThat(d)
        .isEqualTo(
            new ShipmentDelayed(
                "aftership",
                "4739c6fe-0f94-4315-b330-03e020fe358f",
                Instant.ofEpochSecond(1_772_726_531L),
                new OrderRef("1001", null, "jane@example.com", null, "9400111899562537866361", "USPS"),
                "edd_revise",
                "USPS",
                "9400111899562537866361",
                "2026-03-06",
                "2026-03-09",
                "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899562537866361"));
    assertThat(d.type()).isEqualTo("ShipmentDelayed");
  }

  @Test
  void legacyPayloadWithoutAnEarlierEstimateIsADelayWithUnknownPrevious() throws IOException {
    ShipmentDelayed d =
        single(AfterShipNormalizer.normalize(fixture("edd_revise.legacy.json")), ShipmentDelayed.class);

    assertThat(d)
        .isEqualTo(
            new ShipmentDelayed(
                "aftership",
                "477f51d0-3581-4d21-884f-84f7cbfa1f77",
                Instant.ofEpochSecond(1_772_726_531L),
                new OrderRef("2001", null, "dee@example.com", null, "00340434292135100186", "DPD"),
                "edd_revise",
                "DPD",
                "00340434292135100186",
                null,
                "2026-03-10T12:00:00+01:00",
                null));
  }

  @Test
  void rangesAreComparedByTheirUpperEndAndReadAsFromTo() throws IOException {
    ShipmentDelayed d =
        single(AfterShipNormalizer.normalize(fixture("edd_revise.range.json")), ShipmentDelayed.class);

    assertThat(d.previousEstimate()).isEqualTo("2026-03-08 to 2026-03-11");
    assertThat(d.newEstimate()).isEqualTo("2026-03-10 to 2026-03-14");
    assertThat(d.order()).isEqualTo(new OrderRef("1004", null, null, null, "LX123456789CN", "china post"));
    assertThat(d.trackingUrl()).isNull();
  }

  @ParameterizedTest(name = "first {0}, latest {1} -> delayed {2}")
  @CsvSource({
    "2026-03-06, 2026-03-09, true",
    "2026-03-09, 2026-03-09, false",
    "2026-03-09, 2026-03-06, false",
    "2026-03-06T10:00:00, 2026-03-06T18:00:00, true",
    "2026-03-06T18:00:00, 2026-03-06T10:00:00, false",
    "2026-03-06T10:00:00, 2026-03-06, false",
    "2026-03-06, 2026-03-06T23:00:00, false",
    "2026-03-06T10:00:00+01:00, 2026-03-07T09:00:00+01:00, true",
    "2026-03-06, soon, true",
    "whenever, 2026-03-01, true"
  })
  void delayedOnlyWhenTheNewEstimateIsLaterOrCannotBeCompared(
      String first, String latest, boolean delayed) throws IOException {
    JsonNode payload = sample("edd_revise.json");
    ((ObjectNode) msg(payload).get("first_estimated_delivery")).put("datetime", first);
    ((ObjectNode) msg(payload).get("latest_estimated_delivery")).put("datetime", latest);

    List<OrderEvent> events = AfterShipNormalizer.normalize(payload);

    if (delayed) {
      ShipmentDelayed d = single(events, ShipmentDelayed.class);
      assertThat(d.previousEstimate()).isEqualTo(first);
      assertThat(d.newEstimate()).isEqualTo(latest);
    } else {
      assertThat(events).isEmpty();
    }
  }

  @Test
  void withoutLatestEstimateTheCourierThenAfterShipThenCustomEstimateIsUsed() throws IOException {
    JsonNode payload = sample("edd_revise.json");
    msg(payload).remove("latest_estimated_delivery");
    msg(payload).putObject("aftership_estimated_delivery_date").put("estimated_delivery_date", "2026-03-12");
    msg(payload).putObject("custom_estimated_delivery_date").put("datetime", "2026-03-13");

    assertThat(single(AfterShipNormalizer.normalize(payload), ShipmentDelayed.class).newEstimate())
        .isEqualTo("2026-03-09");

    msg(payload).remove("courier_estimated_delivery_date");
    assertThat(single(AfterShipNormalizer.normalize(payload), ShipmentDelayed.class).newEstimate())
        .isEqualTo("2026-03-12");

    msg(payload).remove("aftership_estimated_delivery_date");
    assertThat(single(AfterShipNormalizer.normalize(payload), ShipmentDelayed.class).newEstimate())
        .isEqualTo("2026-03-13");
  }

  @Test
  void reviseWithoutAnyEstimateMeansNothing() throws IOException {
    JsonNode payload = sample("edd_revise.json");
    msg(payload).remove(List.of("latest_estimated_delivery", "courier_estimated_delivery_date"));
    msg(payload).put("expected_delivery", "");

    assertThat(AfterShipNormalizer.normalize(payload)).isEmpty();
  }

  @Test
  void reviseOfADeliveredTrackingMeansNothing() throws IOException {
    JsonNode payload = sample("edd_revise.json");
    msg(payload).put("tag", "Delivered");

    assertThat(AfterShipNormalizer.normalize(payload)).isEmpty();
  }

  // --- other events, order facts, tolerance ---

  @Test
  void pendingTimeAndUnknownEventsMeanNothing() throws IOException {
    assertThat(AfterShipNormalizer.normalize(fixture("tracking_pending_time.json"))).isEmpty();

    JsonNode unknown = fixture("tracking_update.exception.json");
    ((ObjectNode) unknown).put("event", "tracking_created");
    assertThat(AfterShipNormalizer.normalize(unknown)).isEmpty();
  }

  @Test
  void inTransitUpdateMeansNothingButTeachesTrackingToOrder() throws IOException {
    JsonNode payload = fixture("tracking_update.in-transit.json");

    assertThat(AfterShipNormalizer.normalize(payload)).isEmpty();
    assertThat(AfterShipNormalizer.orderFacts(payload))
        .containsExactly(Map.entry("tracking:1Z999AA10123456784", "order:1003"));
  }

  @Test
  void orderFactsNeedBothTrackingNumberAndOrder() throws IOException {
    assertThat(AfterShipNormalizer.orderFacts(sample("tracking_update.json"))).isEmpty();
    assertThat(AfterShipNormalizer.orderFacts(fixture("tracking_update.attempt-fail.json")))
        .containsExactly(Map.entry("tracking:JD014600006281230703", "order:A-17"));
    assertThat(AfterShipNormalizer.orderFacts(null)).isEmpty();
    assertThat(AfterShipNormalizer.orderFacts(JSON.readTree("{\"msg\":[]}"))).isEmpty();
  }

  @Test
  void tsGivenAsDigitsIsAccepted() throws IOException {
    JsonNode payload = sample("tracking_update.json");
    ((ObjectNode) payload).put("ts", "1772633700");

    assertThat(single(AfterShipNormalizer.normalize(payload), ShipmentException.class).occurredAt())
        .isEqualTo(Instant.ofEpochSecond(1_772_633_700L));
  }

  @Test
  void withoutTsOrUpdatedAtThereIsNoTimeAndSoNoEvent() throws IOException {
    JsonNode payload = sample("tracking_update.json");
    ((ObjectNode) payload).remove("ts");
    msg(payload).remove("updated_at");

    assertThat(AfterShipNormalizer.normalize(payload)).isEmpty();
  }

  @Test
  void normalizingTwiceGivesTheSameEvents() throws IOException {
    JsonNode payload = fixture("tracking_update.exception.json");

    assertThat(AfterShipNormalizer.normalize(payload))
        .isEqualTo(AfterShipNormalizer.normalize(payload.deepCopy()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "null",
        "[]",
        "\"text\"",
        "{}",
        "{\"event\":\"tracking_update\"}",
        "{\"event\":\"tracking_update\",\"event_id\":\"e1\",\"ts\":1,\"msg\":[]}",
        "{\"event\":\"tracking_update\",\"event_id\":\"e1\",\"ts\":1,\"msg\":{\"tag\":\"Exception\"}}",
        "{\"event\":\"tracking_update\",\"event_id\":\"e1\",\"msg\":{\"tag\":\"Exception\",\"tracking_number\":\"T1\"}}",
        "{\"event\":\"tracking_update\",\"event_id\":\"e1\",\"ts\":\"x\",\"msg\":{\"tag\":\"Exception\",\"tracking_number\":\"T1\",\"updated_at\":\"yesterday\"}}",
        "{\"event\":\"tracking_update\",\"event_id\":7,\"ts\":1,\"msg\":{\"tag\":\"Exception\",\"tracking_number\":\"T1\"}}",
        "{\"event\":7,\"event_id\":\"e1\",\"ts\":1,\"msg\":{\"tag\":\"Exception\",\"tracking_number\":\"T1\"}}",
        "{\"event\":\"tracking_update\",\"event_id\":\"e1\",\"ts\":1,\"msg\":{\"tag\":5,\"tracking_number\":\"T1\"}}",
        "{\"event\":\"edd_revise\",\"event_id\":\"e1\",\"ts\":1,\"msg\":{\"tracking_number\":\"T1\",\"latest_estimated_delivery\":[1]}}"
      })
  void oddPayloadsYieldNothing(String json) throws IOException {
    JsonNode payload = JSON.readTree(json);

    assertThat(AfterShipNormalizer.normalize(payload)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"checkpoints\":\"none\"}",
        "{\"checkpoints\":[null,1,\"x\",{\"checkpoint_time\":5,\"location\":7}]}",
        "{\"checkpoints\":[{\"checkpoint_time\":\"garbage\",\"city\":\"Oslo\"}],\"emails\":[null,3]}",
        "{\"emails\":\"a@b\",\"customers\":{\"email\":\"x\"},\"order_number\":12}",
        "{\"subtag\":\"\",\"subtag_message\":{}}"
      })
  void oddTrackingPartsStillGiveAnException(String extra) throws IOException {
    ObjectNode payload =
        (ObjectNode)
            JSON.readTree(
                "{\"event\":\"tracking_update\",\"event_id\":\"e1\",\"ts\":1,"
                    + "\"msg\":{\"tag\":\"Exception\",\"tracking_number\":\"T1\",\"slug\":\"ups\"}}");
    msg(payload).setAll((ObjectNode) JSON.readTree(extra));

    assertThatCode(() -> AfterShipNormalizer.normalize(payload)).doesNotThrowAnyException();
    ShipmentException e = single(AfterShipNormalizer.normalize(payload), ShipmentException.class);
    assertThat(e.trackingNumber()).isEqualTo("T1");
    assertThat(e.order()).isEqualTo(new OrderRef(null, null, null, null, "T1", "UPS"));
  }
}
