package io.helpdeskbridge.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.event.TicketOpened;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Case Platform Events, as camel-salesforce hands them over with rawPayload, into canonical events. */
class SalesforceCaseNormalizerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant RECEIVED = Instant.parse("2026-11-24T10:16:00Z");
  private static final String CASE_ID = "500xx000001AbCdAAK";

  /** A Streaming API message for a new Case, shaped as Salesforce sends it on /event/Helpdesk_Case_Event__e. */
  static ObjectNode message() {
    try {
      return (ObjectNode) JSON.readTree("""
          {"channel": "/event/Helpdesk_Case_Event__e",
           "data": {"schema": "dffQ2QLzDNHqwB8_sHMxdA",
                    "payload": {"CaseId__c": "500xx000001AbCdAAK", "CaseNumber__c": "00001026", "ChangeType__c": "created",
                                "Subject__c": "Where is my parcel?", "Description__c": "I ordered two mugs.",
                                "ContactEmail__c": "jane@example.com", "SuppliedEmail__c": "jane.web@example.com",
                                "Order_Number__c": "#1001", "Tags__c": "web;vip", "Refund_Amount__c": null,
                                "Refund_Currency__c": null, "Refund_Reason__c": null, "OwnerId__c": "00Gxx000000QueueAAA",
                                "CreatedDate": "2026-11-24T10:15:30.000Z", "CreatedById": "005xx000001SwiUAAS",
                                "EventUuid": "0b4e2d3c-5f1a-4c7e-9d2b-7a1e8f9c0d11"},
                    "event": {"replayId": 4711, "EventUuid": "0b4e2d3c-5f1a-4c7e-9d2b-7a1e8f9c0d11"}}}
          """);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode payload(ObjectNode message) {
    return (ObjectNode) message.path("data").path("payload");
  }

  private static List<OrderEvent> normalize(JsonNode body) {
    return SalesforceCaseNormalizer.normalize(body, "salesforce", SalesforceCaseNormalizer.eventId(body, null), RECEIVED,
        "refund_approved", "USD");
  }

  @Test
  void aNewCaseIsATicketOpenedOnTheCaseWithItsOrderEmailAndTags() {
    List<OrderEvent> events = normalize(message());

    assertThat(events).singleElement().isInstanceOfSatisfying(TicketOpened.class, t -> {
      assertThat(t.source()).isEqualTo("salesforce");
      assertThat(t.sourceEventId()).isEqualTo("0b4e2d3c-5f1a-4c7e-9d2b-7a1e8f9c0d11");
      assertThat(t.ticketId()).isEqualTo(CASE_ID);
      assertThat(t.order().orderId()).isEqualTo("1001");
      assertThat(t.order().email()).isEqualTo("jane@example.com");
      assertThat(t.order().key()).isEqualTo("order:1001");
      assertThat(t.subject()).isEqualTo("Where is my parcel?");
      assertThat(t.tags()).containsExactly("web", "vip");
      assertThat(t.vendorType()).isEqualTo("case_created");
      assertThat(t.occurredAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30Z"));
    });
  }

  @Test
  void withoutTheOrderFieldTheOrderComesFromTheSubjectThenTheDescriptionThenTheEmail() {
    ObjectNode m = message();
    payload(m).putNull("Order_Number__c");
    payload(m).put("Subject__c", "Refund for order no. 1002 please");
    assertThat(((TicketOpened) normalize(m).get(0)).order().orderId()).isEqualTo("1002");

    payload(m).put("Subject__c", "Broken mug");
    payload(m).put("Description__c", "It is order #1003, arrived yesterday.");
    assertThat(((TicketOpened) normalize(m).get(0)).order().orderId()).isEqualTo("1003");

    payload(m).put("Description__c", "It arrived broken.");
    payload(m).remove("ContactEmail__c");
    TicketOpened byEmail = (TicketOpened) normalize(m).get(0);
    assertThat(byEmail.order().orderId()).isNull();
    assertThat(byEmail.order().key()).isEqualTo("email:jane.web@example.com");
  }

  @Test
  void theRefundTagMakesARefundRequestWithAmountReasonOwnerAndAgent() {
    ObjectNode m = message();
    payload(m).put("ChangeType__c", "updated");
    payload(m).put("Tags__c", "vip;refund_approved");
    payload(m).put("Refund_Amount__c", 25.5);
    payload(m).put("Refund_Currency__c", "EUR");
    payload(m).put("Refund_Reason__c", "requested_by_customer");
    payload(m).put("ActorEmail__c", "agent@acme.example");

    assertThat(normalize(m)).singleElement().isInstanceOfSatisfying(RefundRequested.class, r -> {
      assertThat(r.ticketId()).isEqualTo(CASE_ID);
      assertThat(r.amount()).isEqualTo(Money.of(2550, "EUR"));
      assertThat(r.reason()).isEqualTo("requested_by_customer");
      assertThat(r.groupId()).isEqualTo("00Gxx000000QueueAAA");
      assertThat(r.requestedBy()).isEqualTo("agent@acme.example");
      assertThat(r.tags()).containsExactly("vip", "refund_approved");
      assertThat(r.vendorType()).isEqualTo("case_updated");
      assertThat(r.order().orderId()).isEqualTo("1001");
    });
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "25, null, 2500 USD",
      "'1,234.50', null, 123450 USD",
      "'25,00', EUR, 2500 EUR",
      "'1,000', null, null",
      "abc, null, null",
      "1500, JPY, 1500 JPY"})
  void aTextAmountIsReadAsOnZendeskTickets(String amount, String currency, String expected) {
    ObjectNode m = message();
    payload(m).put("Tags__c", "refund_approved");
    payload(m).put("Refund_Amount__c", amount);
    if (currency != null) payload(m).put("Refund_Currency__c", currency);

    Money got = ((RefundRequested) normalize(m).get(0)).amount();

    if (expected == null) {
      assertThat(got).isNull();
    } else {
      String[] e = expected.split(" ");
      assertThat(got).isEqualTo(Money.of(Long.parseLong(e[0]), e[1]));
    }
  }

  @Test
  void theConnectorsRefundTagAndCurrencyApply() {
    ObjectNode m = message();
    payload(m).put("Tags__c", "refund_ok");
    payload(m).put("Refund_Amount__c", 10);

    List<OrderEvent> events = SalesforceCaseNormalizer.normalize(m, "sf-eu", "e1", RECEIVED, "refund_ok", "GBP");

    assertThat(events).singleElement().isInstanceOfSatisfying(RefundRequested.class, r -> {
      assertThat(r.source()).isEqualTo("sf-eu");
      assertThat(r.amount()).isEqualTo(Money.of(1000, "GBP"));
      assertThat(r.requestedBy()).isEqualTo("005xx000001SwiUAAS");
    });
  }

  @Test
  void theEventIdIsTheEventUuidElseTheReplayId() {
    ObjectNode m = message();
    assertThat(SalesforceCaseNormalizer.eventId(m, "99")).isEqualTo("0b4e2d3c-5f1a-4c7e-9d2b-7a1e8f9c0d11");

    ((ObjectNode) m.path("data").path("event")).remove("EventUuid");
    assertThat(SalesforceCaseNormalizer.eventId(m, null)).isEqualTo("0b4e2d3c-5f1a-4c7e-9d2b-7a1e8f9c0d11");

    payload(m).remove("EventUuid");
    assertThat(SalesforceCaseNormalizer.eventId(m, null)).isEqualTo("replay:4711");
    assertThat(SalesforceCaseNormalizer.replayId(m)).isEqualTo("4711");

    ((ObjectNode) m.path("data").path("event")).remove("replayId");
    assertThat(SalesforceCaseNormalizer.eventId(m, "4712")).isEqualTo("replay:4712");
    assertThat(SalesforceCaseNormalizer.eventId(m, null)).isNull();
  }

  @Test
  void aMessageWithoutACaseIdOrOfAnotherShapeMeansNothing() {
    ObjectNode m = message();
    payload(m).remove("CaseId__c");
    assertThat(normalize(m)).isEmpty();
    assertThat(normalize(JSON.createArrayNode())).isEmpty();
    assertThat(normalize(JSON.createObjectNode().put("data", "x"))).isEmpty();
    assertThat(SalesforceCaseNormalizer.normalize(message(), "salesforce", null, RECEIVED, null, null)).isEmpty();
  }

  @Test
  void aBareStoredPayloadIsReadToo() {
    ObjectNode bare = payload(message()).deepCopy();

    assertThat(normalize(bare)).singleElement().isInstanceOfSatisfying(TicketOpened.class,
        t -> assertThat(t.ticketId()).isEqualTo(CASE_ID));
  }

  @Test
  void salesforceDatesInEitherFormAndTheReceiptTimeOtherwise() {
    ObjectNode m = message();
    payload(m).put("CreatedDate", "2026-11-24T10:15:30.000+0000");
    assertThat(normalize(m).get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30Z"));

    payload(m).put("CreatedDate", "yesterday");
    assertThat(normalize(m).get(0).occurredAt()).isEqualTo(RECEIVED);
  }

  @Test
  void tagsSplitOnSemicolonsCommasAndBlanksWithoutRepeats() {
    assertThat(SalesforceCaseNormalizer.tags("a;b, c  d;a;")).containsExactly("a", "b", "c", "d");
    assertThat(SalesforceCaseNormalizer.tags(null)).isEmpty();
  }
}
