package io.helpdeskbridge.plugin.easypost;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EasyPostNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant RECEIVED = Instant.parse("2026-03-01T00:00:00Z");

  static JsonNode fixture(String name) throws IOException {
    return resource("vendor/easypost/" + name);
  }

  static JsonNode resource(String path) throws IOException {
    try (InputStream in = EasyPostNormalizerTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static ObjectNode editable(String name) throws IOException {
    return (ObjectNode) fixture(name).deepCopy();
  }

  private static ObjectNode tracker(ObjectNode envelope) {
    return (ObjectNode) envelope.get("result");
  }

  private static List<OrderEvent> normalize(JsonNode payload) {
    return EasyPostNormalizer.normalize(payload, RECEIVED);
  }

  private static <T extends OrderEvent> T single(List<OrderEvent> events, Class<T> type) {
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(type);
    return type.cast(events.get(0));
  }

  private static OrderRef tracking(String number, String carrier) {
    return new OrderRef(null, null, null, null, number, carrier);
  }

  // --- exceptions ---

  @Test
  void returnToSenderIsAnExceptionReadFromTheNewestTrackingDetail() throws IOException {
    ShipmentException e =
        single(normalize(fixture("tracker.updated.return.json")), ShipmentException.class);

    // the details are out of order on purpose: the newest by datetime is the middle one
    assertThat(e)
        .isEqualTo(
            new ShipmentException(
                "easypost",
                "evt_test_return",
                Instant.parse("2026-02-10T14:00:05Z"),
                tracking("9400100000000000000000", "USPS"),
                "tracker.updated",
                "USPS",
                "9400100000000000000000",
                "being returned to the sender",
                "Insufficient address; return to sender",
                "PORTLAND, OR, US",
                "https://track.easypost.com/test-return"));
    assertThat(e.order().key()).isEqualTo("tracking:9400100000000000000000");
    assertThat(e.type()).isEqualTo("ShipmentException");
  }

  @ParameterizedTest
  @CsvSource({
    "return_to_sender, being returned to the sender",
    "failure, undeliverable",
    "error, not trackable (carrier error)",
    "cancelled, cancelled"
  })
  void everyExceptionStatusIsAnExceptionInWords(String status, String words) throws IOException {
    ObjectNode payload = editable("tracker.updated.return.json");
    tracker(payload).put("status", status).put("status_detail", "unknown");

    ShipmentException e = single(normalize(payload), ShipmentException.class);

    assertThat(e.status()).isEqualTo(words);
    assertThat(e.detail()).isEqualTo("Insufficient address; return to sender");
  }

  @ParameterizedTest
  @CsvSource({
    "delivery_exception, delivery exception",
    "address_correction, address needs correcting",
    "lost, lost",
    "damaged, damaged",
    "refused, refused by the recipient",
    "held, held by the carrier",
    "transit_exception, problem in transit"
  })
  void everyExceptionDetailIsAnExceptionWhateverTheStatus(String detail, String words) throws IOException {
    ObjectNode payload = editable("tracker.updated.estimate-later.json");
    tracker(payload).put("status_detail", detail);

    ShipmentException e = single(normalize(payload), ShipmentException.class);

    // "in transit" says nothing about the trouble: the detail alone is the status
    assertThat(e.status()).isEqualTo(words);
    assertThat(e.detail()).isEqualTo("Departed FedEx location");
    assertThat(e.lastLocation()).isEqualTo("MEMPHIS, TN, US");
  }

  @Test
  void withoutTrackingDetailsTheStatusSaysItAllAndLocationAndLinkAreUnknown()
      throws IOException {
    ShipmentException e =
        single(normalize(fixture("tracker.updated.lost.json")), ShipmentException.class);

    assertThat(e)
        .isEqualTo(
            new ShipmentException(
                "easypost",
                "evt_test_lost",
                Instant.parse("2026-02-20T10:00:00Z"),
                tracking("EZ4000000004", "USPS"),
                "tracker.updated",
                "USPS",
                "EZ4000000004",
                "lost",
                null,
                null,
                null));
  }

  @Test
  void aBlankMessageFallsBackToTheDescriptionThenToNothing() throws IOException {
    ObjectNode payload = editable("tracker.updated.return.json");
    ArrayNode details = (ArrayNode) tracker(payload).get("tracking_details");
    ObjectNode newest = (ObjectNode) details.get(1);
    newest.put("message", "  ").put("description", "Return to sender requested");

    assertThat(single(normalize(payload), ShipmentException.class).detail())
        .isEqualTo("Return to sender requested");

    newest.putNull("description");
    // the status already says "being returned to the sender"
    assertThat(single(normalize(payload), ShipmentException.class).detail()).isNull();
  }

  @Test
  void locationSkipsBlankPartsAndIsNullWhenNothingIsKnown() throws IOException {
    ObjectNode payload = editable("tracker.updated.return.json");
    ObjectNode location =
        (ObjectNode) tracker(payload).get("tracking_details").get(1).get("tracking_location");

    location.put("city", "").putNull("state");
    assertThat(single(normalize(payload), ShipmentException.class).lastLocation()).isEqualTo("US");

    location.put("country", " ");
    assertThat(single(normalize(payload), ShipmentException.class).lastLocation()).isNull();

    location.removeAll();
    location.put("city", "PORTLAND").put("state", "OR");
    assertThat(single(normalize(payload), ShipmentException.class).lastLocation())
        .isEqualTo("PORTLAND, OR");
  }

  @Test
  void newestDetailPrefersReadableTimesAndTheLaterEntryOnATie() throws IOException {
    ObjectNode payload = editable("tracker.updated.return.json");
    ArrayNode details = (ArrayNode) tracker(payload).get("tracking_details");
    details.addObject().put("message", "no time at all").put("datetime", "yesterday");
    assertThat(single(normalize(payload), ShipmentException.class).detail())
        .isEqualTo("Insufficient address; return to sender");

    details.addObject().put("message", "same time, listed later").put("datetime", "2026-02-10T13:42:00Z");
    assertThat(single(normalize(payload), ShipmentException.class).detail())
        .isEqualTo("same time, listed later");

    // an offset time later than every UTC one wins, compared as instants
    details.addObject().put("message", "local time").put("datetime", "2026-02-10T06:00:00-08:00");
    assertThat(single(normalize(payload), ShipmentException.class).detail()).isEqualTo("local time");
  }

  // --- delivered ---

  @Test
  void deliveredUsesTheDeliveredTrackingDetailTime() throws IOException {
    ShipmentDelivered d =
        single(normalize(fixture("tracker.updated.delivered.json")), ShipmentDelivered.class);

    assertThat(d)
        .isEqualTo(
            new ShipmentDelivered(
                "easypost",
                "evt_test_delivered",
                Instant.parse("2026-02-12T17:30:02Z"),
                tracking("1Z999AA10123456784", "UPS"),
                "tracker.updated",
                "UPS",
                "1Z999AA10123456784",
                Instant.parse("2026-02-12T16:58:00Z")));
  }

  @Test
  void deliveredWithoutADeliveredDetailFallsBackToTheEventTime() throws IOException {
    ObjectNode payload = editable("tracker.updated.delivered.json");
    ((ArrayNode) tracker(payload).get("tracking_details")).remove(1);

    assertThat(single(normalize(payload), ShipmentDelivered.class).deliveredAt())
        .isEqualTo(Instant.parse("2026-02-12T17:30:02Z"));

    payload.remove("created_at");
    assertThat(single(normalize(payload), ShipmentDelivered.class).deliveredAt())
        .isEqualTo(Instant.parse("2026-02-12T17:31:40Z"));
  }

  @Test
  void deliveredWinsOverADetailThatWouldOtherwiseBeAnException() throws IOException {
    ObjectNode payload = editable("tracker.updated.delivered.json");
    tracker(payload).put("status_detail", "damaged");

    assertThat(single(normalize(payload), ShipmentDelivered.class).trackingNumber())
        .isEqualTo("1Z999AA10123456784");
  }

  @Test
  void anExceptionStatusWinsOverALaterEstimate() throws IOException {
    ObjectNode payload = editable("tracker.updated.estimate-later.json");
    tracker(payload).put("status", "failure");

    assertThat(single(normalize(payload), ShipmentException.class).status()).startsWith("undeliverable");
  }

  // --- delayed ---

  @Test
  void aLaterEstimateIsADelayWithTheVendorsOwnStrings() throws IOException {
    ShipmentDelayed d =
        single(normalize(fixture("tracker.updated.estimate-later.json")), ShipmentDelayed.class);

    assertThat(d)
        .isEqualTo(
            new ShipmentDelayed(
                "easypost",
                "evt_test_estimate_later",
                Instant.parse("2026-02-11T06:10:00Z"),
                tracking("794612345678", "FedEx"),
                "tracker.updated",
                "FedEx",
                "794612345678",
                "2026-02-12T00:00:00Z",
                "2026-02-14T00:00:00Z",
                "https://track.easypost.com/test-estimate"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"delayed", "weather_delay"})
  void statusDetailDelayedIsADelayEvenWithoutAPreviousEstimate(String detail) throws IOException {
    ObjectNode payload = editable("tracker.updated.estimate-later.json");
    payload.set("previous_attributes", JSON.createObjectNode().put("status_detail", "in_transit"));
    tracker(payload).put("status_detail", detail);

    ShipmentDelayed d = single(normalize(payload), ShipmentDelayed.class);

    assertThat(d.previousEstimate()).isNull();
    assertThat(d.newEstimate()).isEqualTo("2026-02-14T00:00:00Z");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        // previous, new: none of these is a delay
        "2026-02-14T00:00:00Z, 2026-02-14T00:00:00Z",
        "2026-02-14T00:00:00Z, 2026-02-12T00:00:00Z",
        "null, 2026-02-14T00:00:00Z",
        "2026-02-14T00:00:00Z, null",
        "soon, 2026-02-14T00:00:00Z",
        "2026-02-12T00:00:00Z, next week",
        "2026-02-14, 2026-02-14T18:00:00Z",
      })
  void anEstimateThatIsNotReadablyLaterIsNotADelay(String previous, String estimate)
      throws IOException {
    ObjectNode payload = editable("tracker.updated.estimate-later.json");
    ObjectNode before = JSON.createObjectNode();
    if (previous != null) {
      before.put("est_delivery_date", previous);
    }
    payload.set("previous_attributes", before);
    if (estimate == null) {
      tracker(payload).putNull("est_delivery_date");
    } else {
      tracker(payload).put("est_delivery_date", estimate);
    }

    assertThat(normalize(payload)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2026-02-12T00:00:00Z, 2026-02-12T00:00:01Z",
    "2026-02-12, 2026-02-13",
    "2026-02-12, 2026-02-13T00:00:00Z",
    "2026-02-12T18:00:00-08:00, 2026-02-13T03:00:00Z",
    "2026-02-12T00:00:00, 2026-02-12T09:00:00Z",
  })
  void estimatesAreComparedLeniently(String previous, String estimate) {
    assertThat(EasyPostNormalizer.later(estimate, previous)).isTrue();
    assertThat(EasyPostNormalizer.later(previous, estimate)).isFalse();
  }

  // --- nothing to do ---

  @Test
  void unknownRightAfterCreationIsNormal() throws IOException {
    assertThat(normalize(fixture("tracker.created.unknown.json"))).isEmpty();
  }

  @Test
  void trackerCreatedForAParcelAlreadyInTroubleIsReported() throws IOException {
    ObjectNode payload = editable("tracker.created.unknown.json");
    tracker(payload).put("status", "failure").put("status_detail", "unknown");

    ShipmentException e = single(normalize(payload), ShipmentException.class);

    assertThat(e.vendorType()).isEqualTo("tracker.created");
    assertThat(e.sourceEventId()).isEqualTo("evt_test_created");
    assertThat(e.status()).isEqualTo("undeliverable");
    assertThat(e.detail()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "failure, lost, undeliverable (lost)",
    "return_to_sender, refused, being returned to the sender (refused by the recipient)",
    "return_to_sender, return, being returned to the sender",
    // codes newer than the vocabulary stay readable, never dropped
    "failure, seized_by_customs, undeliverable (seized by customs)",
    "held_at-border, unknown, held at border"
  })
  void statusAndDetailReadAsWords(String status, String detail, String words) throws IOException {
    ObjectNode payload = editable("tracker.updated.return.json");
    tracker(payload).put("status", status).put("status_detail", detail);
    if (!status.equals("failure") && !status.equals("return_to_sender")) {
      assertThat(normalize(payload)).as("an unknown status is no exception").isEmpty();
      assertThat(EasyPostWords.status(status, detail)).isEqualTo(words);
      return;
    }

    assertThat(single(normalize(payload), ShipmentException.class).status()).isEqualTo(words);
  }

  @Test
  void carrierNamesReadAsAnAgentWouldWriteThem() {
    assertThat(EasyPostWords.carrier("DHLExpress")).isEqualTo("DHL Express");
    assertThat(EasyPostWords.carrier("USPS")).isEqualTo("USPS");
    assertThat(EasyPostWords.carrier("Some_New-Carrier")).isEqualTo("Some New Carrier");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pre_transit", "in_transit", "out_for_delivery", "available_for_pickup"})
  void ordinaryProgressMeansNothing(String status) throws IOException {
    ObjectNode payload = editable("tracker.updated.estimate-later.json");
    payload.set("previous_attributes", JSON.createObjectNode().put("status", "pre_transit"));
    tracker(payload).put("status", status).put("status_detail", "arrived_at_facility");

    assertThat(normalize(payload)).isEmpty();
  }

  @Test
  void otherEventsAreIgnoredEvenWhenTheirResultHasATrackerLikeStatus() throws IOException {
    assertThat(normalize(fixture("batch.created.json"))).isEmpty();

    ObjectNode notATracker = editable("tracker.updated.return.json");
    tracker(notATracker).put("object", "Shipment");
    assertThat(normalize(notATracker)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "\"tracker.updated\"",
        "{\"description\":\"tracker.updated\"}",
        "{\"id\":\"evt_x\",\"description\":\"tracker.updated\",\"result\":null}",
        "{\"id\":\"evt_x\",\"description\":\"tracker.updated\",\"result\":[1,2]}",
        "{\"id\":\"evt_x\",\"description\":7,\"result\":{\"tracking_code\":\"X\",\"status\":\"failure\"}}",
        "{\"id\":\"evt_x\",\"description\":\"tracker.updated\","
            + "\"result\":{\"status\":\"failure\",\"tracking_code\":12345}}",
        "{\"description\":\"tracker.updated\",\"result\":{\"status\":\"failure\",\"tracking_code\":\"X\"}}",
        "{\"id\":\"evt_x\",\"description\":\"tracker.updated\",\"previous_attributes\":7,"
            + "\"result\":{\"status\":\"in_transit\",\"tracking_code\":\"X\",\"est_delivery_date\":\"2026-01-09\"}}",
      })
  void oddPayloadsNeverThrow(String json) throws IOException {
    assertThat(normalize(JSON.readTree(json))).isEmpty();
    assertThat(EasyPostNormalizer.normalize(null, RECEIVED)).isEmpty();
  }

  @Test
  void brokenOptionalPartsAreSimplyUnknown() throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"id\":\"evt_x\",\"description\":\"tracker.updated\",\"previous_attributes\":7,"
                + "\"result\":{\"status\":\"failure\",\"tracking_code\":\"X\",\"carrier\":[],"
                + "\"tracking_details\":{\"not\":\"a list\"}}}");

    assertThat(single(normalize(payload), ShipmentException.class))
        .isEqualTo(
            new ShipmentException(
                "easypost", "evt_x", RECEIVED, tracking("X", null), "tracker.updated", null, "X",
                "undeliverable", null, null, null));
  }

  @Test
  void occurredAtIsTheEventsCreationThenItsUpdateThenTheReceipt() throws IOException {
    ObjectNode payload = editable("tracker.updated.return.json");
    assertThat(single(normalize(payload), ShipmentException.class).occurredAt())
        .isEqualTo(Instant.parse("2026-02-10T14:00:05Z"));

    payload.put("created_at", "not a time");
    assertThat(single(normalize(payload), ShipmentException.class).occurredAt())
        .isEqualTo(Instant.parse("2026-02-10T14:00:09Z"));

    payload.remove("updated_at");
    assertThat(single(normalize(payload), ShipmentException.class).occurredAt())
        .isEqualTo(RECEIVED);
  }

  @Test
  void normalizingIsPureSoAStoredDeliveryGivesTheSameEventsAgain() throws IOException {
    JsonNode payload = fixture("tracker.updated.return.json");
    String before = payload.toString();

    assertThat(normalize(payload)).isEqualTo(normalize(payload));
    assertThat(payload.toString()).isEqualTo(before);
  }
}
