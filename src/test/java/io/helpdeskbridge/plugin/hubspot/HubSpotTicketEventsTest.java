package io.helpdeskbridge.plugin.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.TicketOpened;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deliveries shaped as HubSpot's webhooks page documents them (a JSON array of events). */
class HubSpotTicketEventsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant RECEIVED = Instant.parse("2026-11-24T03:00:00Z");

  static String creation(long eventId, long ticketId, int attempt) {
    return "{\"eventId\":" + eventId + ",\"subscriptionId\":2001,\"portalId\":62515,\"appId\":54321,\"occurredAt\":1764000000000,"
        + "\"subscriptionType\":\"ticket.creation\",\"attemptNumber\":" + attempt + ",\"objectId\":" + ticketId
        + ",\"changeSource\":\"CRM_UI\",\"changeFlag\":\"CREATED\"}";
  }

  static String propertyChange(long eventId, long ticketId, String property, String value, long at) {
    return "{\"eventId\":" + eventId + ",\"subscriptionId\":2002,\"portalId\":62515,\"appId\":54321,\"occurredAt\":" + at + ","
        + "\"subscriptionType\":\"ticket.propertyChange\",\"attemptNumber\":0,\"objectId\":" + ticketId + ",\"propertyName\":\""
        + property + "\",\"propertyValue\":\"" + value + "\",\"changeSource\":\"CRM_UI\"}";
  }

  static JsonNode batch(String... events) throws Exception {
    return JSON.readTree("[" + String.join(",", events) + "]");
  }

  @Test
  void aTicketCreationNamesTheTicketForTheOrderLookup() throws Exception {
    List<OrderEvent> events = HubSpotTicketEvents.normalize(batch(creation(1, 512, 0)), "order_number", RECEIVED);

    assertThat(events).hasSize(1);
    TicketOpened t = (TicketOpened) events.get(0);
    assertThat(t.source()).isEqualTo("hubspot");
    assertThat(t.ticketId()).isEqualTo("512");
    assertThat(t.vendorType()).isEqualTo("ticket.creation");
    assertThat(t.occurredAt()).isEqualTo(Instant.ofEpochMilli(1764000000000L));
    assertThat(t.order().orderId()).isNull();
    assertThat(t.order().vendorOrderId()).isEqualTo("hubspot:62515:ticket:512");
    assertThat(HubSpotTicketEvents.ticketId(t.order().vendorOrderId())).contains("512");
    assertThat(HubSpotTicketEvents.ticketId("shopify:450789469")).isEmpty();
  }

  @Test
  void aChangeOfTheOrderPropertyCarriesTheOrderAndOtherPropertiesMeanNothing() throws Exception {
    JsonNode delivery = batch(propertyChange(7, 513, "order_number", "#1002", 1764000001000L),
        propertyChange(8, 514, "hs_pipeline_stage", "4", 1764000001000L));

    List<OrderEvent> events = HubSpotTicketEvents.normalize(delivery, "order_number", RECEIVED);

    assertThat(events).hasSize(1);
    TicketOpened t = (TicketOpened) events.get(0);
    assertThat(t.ticketId()).isEqualTo("513");
    assertThat(t.order().orderId()).isEqualTo("1002");
    assertThat(t.factId()).isEqualTo("ticket:513:order:1002");
    assertThat(HubSpotTicketEvents.normalize(delivery, null, RECEIVED)).as("no order property mapped").isEmpty();
    assertThat(HubSpotTicketEvents.normalize(batch(propertyChange(9, 513, "order_number", " ", 1L)), "order_number", RECEIVED))
        .as("order number cleared").isEmpty();
  }

  @Test
  void oneTicketCreatedAndGivenItsOrderInOneBatchIsOneEventWithTheOrder() throws Exception {
    JsonNode delivery = batch(creation(1, 512, 0), propertyChange(2, 512, "order_number", "1001", 1764000002000L),
        creation(3, 600, 0));

    List<OrderEvent> events = HubSpotTicketEvents.normalize(delivery, "order_number", RECEIVED);

    assertThat(events).extracting(e -> ((TicketOpened) e).ticketId()).containsExactly("512", "600");
    assertThat(events.get(0).order().orderId()).isEqualTo("1001");
    assertThat(events.get(1).order().orderId()).isNull();
  }

  @Test
  void unknownObjectsAndOddShapesMeanNothing() throws Exception {
    String contact = "{\"eventId\":5,\"subscriptionId\":1,\"portalId\":62515,\"occurredAt\":1,\"subscriptionType\":\"contact.creation\","
        + "\"objectId\":123}";
    assertThat(HubSpotTicketEvents.normalize(batch(contact), "order_number", RECEIVED)).isEmpty();
    assertThat(HubSpotTicketEvents.normalize(JSON.readTree("[1,\"x\",null]"), "order_number", RECEIVED)).isEmpty();
    assertThat(HubSpotTicketEvents.normalize(JSON.readTree("{\"subscriptionType\":\"ticket.creation\"}"), "order_number", RECEIVED))
        .as("no ticket id").isEmpty();
    assertThat(HubSpotTicketEvents.vendorType(batch(creation(1, 512, 0), contact, creation(2, 513, 0))))
        .isEqualTo("ticket.creation,contact.creation");
  }

  @Test
  void aDeliveryOfOneEventIsKeyedByPortalSubscriptionEventAndTime() throws Exception {
    assertThat(HubSpotTicketEvents.deliveryId(batch(creation(77, 512, 0)))).contains("62515-2001-77-1764000000000");
  }

  @Test
  void aRetriedBatchIsTheSameDeliveryWhateverItsOrderAndAttemptNumbers() throws Exception {
    String first = HubSpotTicketEvents.deliveryId(batch(creation(1, 512, 0), creation(2, 513, 0))).orElseThrow();
    String retried = HubSpotTicketEvents.deliveryId(batch(creation(2, 513, 3), creation(1, 512, 3))).orElseThrow();
    String rebatched = HubSpotTicketEvents.deliveryId(batch(creation(1, 512, 1), creation(3, 514, 0))).orElseThrow();

    assertThat(first).startsWith("batch-2-").hasSize("batch-2-".length() + 16);
    assertThat(retried).isEqualTo(first);
    assertThat(rebatched).isNotEqualTo(first);
  }

  @Test
  void aDeliveryWithAnEventWithoutIdHasNoDeliveryId() throws Exception {
    assertThat(HubSpotTicketEvents.deliveryId(batch(creation(1, 512, 0), "{\"subscriptionType\":\"ticket.creation\",\"objectId\":1}")))
        .isEmpty();
    assertThat(HubSpotTicketEvents.deliveryId(JSON.readTree("[]"))).isEmpty();
  }
}
