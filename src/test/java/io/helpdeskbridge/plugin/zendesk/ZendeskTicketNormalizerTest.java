package io.helpdeskbridge.plugin.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.event.TicketOpened;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZendeskTicketNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");
  private static final String EVENT_ID = "inv-1";

  static JsonNode sample(String name) throws IOException {
    String path = "samples/zendesk/" + name;
    try (InputStream in = ZendeskTicketNormalizerTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return JSON.readTree(in);
    }
  }

  /** A trigger body as the documented template renders it, with a few fields set. */
  static ObjectNode trigger(String... keyValues) {
    ObjectNode body = JSON.createObjectNode();
    body.put("ticket_id", "35436").put("event", "ticket_updated").put("subject", "Help please");
    body.put("description", "Something is wrong").put("requester_email", "jane@example.com");
    body.put("tags", "web_widget").put("group_id", "360000000001").put("order_number", "");
    body.put("refund_amount", "").put("refund_currency", "").put("refund_reason", "");
    body.put("updated_at", "2026-02-10T14:05Z").put("actor_email", "agent@example.com");
    for (int i = 0; i < keyValues.length; i += 2) {
      body.put(keyValues[i], keyValues[i + 1]);
    }
    return body;
  }

  /** An event-subscription delivery in the shape of Zendesk's ticket events reference. */
  static ObjectNode subscription(String type, String subject, String description, String... tags) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", type).put("account_id", 88888888).put("id", "01HNZ5EXAMPLE0EVENT0ID000")
        .put("time", "2026-02-10T14:05:09Z").put("zendesk_event_version", "2022-11-06")
        .put("subject", "zen:ticket:35436");
    ObjectNode detail = body.putObject("detail");
    detail.put("id", "35436").put("subject", subject).put("description", description)
        .put("group_id", "360000000001").put("requester_id", "20978392")
        .put("status", "OPEN").put("updated_at", "2026-02-10T14:05:08Z");
    var tagArray = detail.putArray("tags");
    for (String t : tags) tagArray.add(t);
    body.putObject("event");
    return body;
  }

  private static List<OrderEvent> normalize(JsonNode payload) {
    return ZendeskTicketNormalizer.normalize(payload, EVENT_ID, RECEIVED, "refund_approved", "USD");
  }

  private static <T extends OrderEvent> T single(List<OrderEvent> events, Class<T> type) {
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(type);
    return type.cast(events.get(0));
  }

  // --- order reference ---

  @Test
  void theOrderFieldWinsAndLosesItsHash() {
    TicketOpened t =
        single(normalize(trigger("order_number", "#2002", "subject", "About #1001")), TicketOpened.class);

    assertThat(t.order()).isEqualTo(new OrderRef("2002", null, "jane@example.com", null, null, null));
    assertThat(t.order().key()).isEqualTo("order:2002");
  }

  @Test
  void aHashNumberInTheSubjectIsTheOrder() {
    TicketOpened t =
        single(normalize(trigger("subject", "Where is my order #1001?", "description", "order 3003")),
            TicketOpened.class);

    assertThat(t.order().orderId()).isEqualTo("1001");
    assertThat(t.order().email()).isEqualTo("jane@example.com");
  }

  @Test
  void orderWordsInTheDescriptionAreReadWhenTheSubjectHasNone() {
    TicketOpened t =
        single(normalize(trigger("subject", "Parcel missing", "description", "Hi, my order 1001 never came")),
            TicketOpened.class);

    assertThat(t.order().orderId()).isEqualTo("1001");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Where is #1001?|1001",
        "ORDER 1001|1001",
        "Order No. 1001 is late|1001",
        "order no 1001|1001",
        "order nr. 1001|1001",
        "order number 1001|1001",
        "Order: #1001|1001",
        "order #1001|1001",
        "re #12345 and #678|12345",
        "#12 is too short|",
        "ordered 1001 items|",
        "reorder 1001|",
        "#1001abc is no number|",
        "call 555 1234|",
      })
  void orderNumbersInText(String subject, String expected) {
    assertThat(ZendeskTicketNormalizer.orderNumber(null, subject, null)).isEqualTo(expected);
  }

  @Test
  void onlyTheEmailWhenTheTicketNamesNoOrder() {
    TicketOpened t =
        single(normalize(trigger("subject", "Hello", "description", "Can you call me back?")),
            TicketOpened.class);

    assertThat(t.order().orderId()).isNull();
    assertThat(t.order().email()).isEqualTo("jane@example.com");
    assertThat(t.order().key()).isEqualTo("email:jane@example.com");
  }

  // --- TicketOpened ---

  @Test
  void bundledTicketCreatedSampleIsATicketOpenedForOrder1001() throws IOException {
    TicketOpened t = single(normalize(sample("ticket_created.json")), TicketOpened.class);

    assertThat(t.source()).isEqualTo("zendesk");
    assertThat(t.sourceEventId()).isEqualTo(EVENT_ID);
    assertThat(t.vendorType()).isEqualTo("ticket_created");
    assertThat(t.ticketId()).isEqualTo("35436");
    assertThat(t.subject()).isEqualTo("Where is my order #1001?");
    assertThat(t.tags()).containsExactly("shipping", "web_widget");
    assertThat(t.order().orderId()).isEqualTo("1001");
    assertThat(t.occurredAt()).isEqualTo(Instant.parse("2026-01-05T10:15:00Z"));
    assertThat(t.factId()).isEqualTo("ticket:35436:order:1001");
  }

  @Test
  void refundIssuedOrFailedTagsWithoutTheRefundTagAreATicketOpened() {
    for (String tags : List.of("refund_issued", "refund_failed vip", "refund_approved_later")) {
      assertThat(normalize(trigger("tags", tags))).as(tags).singleElement().isInstanceOf(TicketOpened.class);
    }
  }

  @Test
  void tagsAsASpaceSeparatedStringOrAJsonArrayReadAlike() {
    ObjectNode asString = trigger("tags", "  vip  shipping\tvip ");
    ObjectNode asArray = trigger();
    asArray.putArray("tags").add("vip").add("shipping").add("").add(7);

    assertThat(single(normalize(asString), TicketOpened.class).tags()).containsExactly("vip", "shipping");
    assertThat(single(normalize(asArray), TicketOpened.class).tags()).containsExactly("vip", "shipping", "7");
  }

  @Test
  void theTimeIsUpdatedAtWhenReadableElseTheReceiptTime() {
    assertThat(single(normalize(trigger("updated_at", "2026-02-10T14:05:09+01:00")), TicketOpened.class)
            .occurredAt())
        .isEqualTo(Instant.parse("2026-02-10T13:05:09Z"));
    for (String unreadable : List.of("", "February 10, 2026", "{{ticket.updated_at_with_timestamp}}")) {
      assertThat(single(normalize(trigger("updated_at", unreadable)), TicketOpened.class).occurredAt())
          .as(unreadable)
          .isEqualTo(RECEIVED);
    }
  }

  @Test
  void aNumericTicketIdIsRead() {
    ObjectNode body = trigger();
    body.put("ticket_id", 35436);

    assertThat(single(normalize(body), TicketOpened.class).ticketId()).isEqualTo("35436");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"ticket_id\":\"\"}", "{\"ticket_id\":\"  \"}", "{\"ticket_id\":null}",
      "{\"ticket_id\":1.5}", "{\"ticket_id\":{}}", "[]"})
  void aBodyWithoutATicketIdMeansNothing(String json) throws IOException {
    assertThat(normalize(JSON.readTree(json))).isEmpty();
    assertThat(ZendeskTicketNormalizer.ticketId(JSON.readTree(json))).isNull();
  }

  // --- RefundRequested ---

  @Test
  void bundledRefundSampleIsARefundRequestOf25Dollars() throws IOException {
    RefundRequested r = single(normalize(sample("ticket_refund_approved.json")), RefundRequested.class);

    assertThat(r.source()).isEqualTo("zendesk");
    assertThat(r.vendorType()).isEqualTo("ticket_updated");
    assertThat(r.ticketId()).isEqualTo("35436");
    assertThat(r.amount()).isEqualTo(Money.of(2500, "USD"));
    assertThat(r.reason()).isEqualTo("Parcel lost in transit");
    assertThat(r.groupId()).isEqualTo("360000000001");
    assertThat(r.requestedBy()).isEqualTo("agent@example.com");
    assertThat(r.tags()).containsExactly("refund_approved", "shipping", "web_widget");
    assertThat(r.order().orderId()).isEqualTo("1001");
    assertThat(r.order().email()).isEqualTo("jane@example.com");
    assertThat(r.occurredAt()).isEqualTo(Instant.parse("2026-01-06T09:30:00Z"));
    assertThat(r.factId()).isEqualTo("refund-request:35436:2500USD");
  }

  @Test
  void aRefundWithoutAnAmountIsStillReported() {
    RefundRequested r =
        single(normalize(trigger("tags", "refund_approved", "order_number", "1001")), RefundRequested.class);

    assertThat(r.amount()).isNull();
    assertThat(r.reason()).isNull();
    assertThat(r.factId()).isEqualTo("refund-request:35436:none");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "25|USD|2500",
        "25.00|USD|2500",
        "25,00|USD|2500",
        "25,5|EUR|2550",
        "1,234.50|USD|123450",
        "1.234,50|EUR|123450",
        "1,000,000|USD|100000000",
        "1.000.000|JPY|1000000",
        "500|JPY|500",
        "500.00|JPY|500",
        "12.345|KWD|12345",
      })
  void amountsBecomeMinorUnitsOfTheirCurrency(String raw, String currency, long minor) {
    assertThat(ZendeskTicketNormalizer.amount(raw, currency)).isEqualTo(Money.of(minor, currency));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|USD",
        "$25|USD",
        "-25|USD",
        "0|USD",
        "25.001|USD",
        "1,000|USD",
        "1.000|JPY",
        "1,00,000|USD",
        "25.5|JPY",
        "25.|USD",
        "12,34.50|USD",
        "1.234.50,00|EUR",
        "25|dollars",
        "25|$",
      })
  void unreadableAmountsAreNullNotErrors(String raw, String currency) {
    assertThat(ZendeskTicketNormalizer.amount(raw, currency)).isNull();
  }

  @Test
  void theCurrencyComesFromTheBodyElseTheDefault() {
    RefundRequested eur =
        single(normalize(trigger("tags", "refund_approved", "refund_amount", "25,00", "refund_currency", "eur")),
            RefundRequested.class);
    RefundRequested fallback =
        single(
            ZendeskTicketNormalizer.normalize(
                trigger("tags", "refund_approved", "refund_amount", "500"), EVENT_ID, RECEIVED, "refund_approved", "JPY"),
            RefundRequested.class);

    assertThat(eur.amount()).isEqualTo(Money.of(2500, "EUR"));
    assertThat(fallback.amount()).isEqualTo(Money.of(500, "JPY"));
    assertThat(fallback.amount().format()).isEqualTo("500 JPY");
  }

  @Test
  void anUnreadableAmountGivesARequestWithoutAmount() {
    RefundRequested r =
        single(normalize(trigger("tags", "refund_approved", "refund_amount", "twenty-five")), RefundRequested.class);

    assertThat(r.amount()).isNull();
  }

  @Test
  void theRefundTagIsASetting() {
    ObjectNode body = trigger("tags", "refund_ok refund_approved");

    assertThat(
            ZendeskTicketNormalizer.normalize(body, EVENT_ID, RECEIVED, "refund_ok", "USD"))
        .singleElement()
        .isInstanceOf(RefundRequested.class);
    assertThat(
            ZendeskTicketNormalizer.normalize(trigger("tags", "refund_approved"), EVENT_ID, RECEIVED, "refund_ok", "USD"))
        .singleElement()
        .isInstanceOf(TicketOpened.class);
  }

  // --- event subscriptions ---

  @Test
  void aTicketCreatedEventSubscriptionIsATicketOpened() {
    ObjectNode body =
        subscription("zen:event-type:ticket.created", "Late parcel", "Hi, order no. 1001 is late", "vip", "shipping");

    TicketOpened t = single(normalize(body), TicketOpened.class);

    assertThat(t.vendorType()).isEqualTo("zen:event-type:ticket.created");
    assertThat(t.ticketId()).isEqualTo("35436");
    assertThat(t.subject()).isEqualTo("Late parcel");
    assertThat(t.tags()).containsExactly("vip", "shipping");
    assertThat(t.order()).isEqualTo(OrderRef.ofOrder("1001"));
    assertThat(t.occurredAt()).isEqualTo(Instant.parse("2026-02-10T14:05:09Z"));
  }

  @Test
  void anEventSubscriptionTaggedForRefundIsARequestWithoutAmount() {
    ObjectNode body =
        subscription("zen:event-type:ticket.tags_changed", "Refund #1001", "", "refund_approved");

    RefundRequested r = single(normalize(body), RefundRequested.class);

    assertThat(r.amount()).isNull();
    assertThat(r.groupId()).isEqualTo("360000000001");
    assertThat(r.requestedBy()).isNull();
    assertThat(r.order().orderId()).isEqualTo("1001");
    assertThat(r.order().email()).isNull();
  }

  @Test
  void anEventSubscriptionFallsBackToTheZenTicketSubjectAndTheDetailTime() {
    ObjectNode body = subscription("zen:event-type:ticket.status_changed", "Hello", "#1001");
    ((ObjectNode) body.get("detail")).remove("id");
    body.remove("time");

    TicketOpened t = single(normalize(body), TicketOpened.class);

    assertThat(t.ticketId()).isEqualTo("35436");
    assertThat(t.occurredAt()).isEqualTo(Instant.parse("2026-02-10T14:05:08Z"));
  }

  @Test
  void nonTicketEventSubscriptionsMeanNothingEvenWithADetailId() {
    ObjectNode user = subscription("zen:event-type:user.active_changed", "x", "#1001");

    assertThat(normalize(user)).isEmpty();
    assertThat(ZendeskTicketNormalizer.ticketId(user)).isNull();
    assertThat(ZendeskTicketNormalizer.vendorType(user)).isEqualTo("zen:event-type:user.active_changed");
  }

  @Test
  void aTriggerBodyWhoseSubjectLooksLikeAZenSubjectIsStillATriggerBody() {
    // only "type" decides the shape; a trigger's subject is the ticket's title
    TicketOpened t = single(normalize(trigger("subject", "zen:ticket:99 order 1001")), TicketOpened.class);

    assertThat(t.ticketId()).isEqualTo("35436");
    assertThat(t.subject()).isEqualTo("zen:ticket:99 order 1001");
  }

  @Test
  void normalizingTwiceGivesEqualEvents() throws IOException {
    JsonNode payload = sample("ticket_refund_approved.json");

    assertThat(normalize(payload)).isEqualTo(normalize(payload.deepCopy()));
  }

  // --- odd values in every field ---

  private static final List<String> KEYS = List.of("ticket_id", "event", "subject", "description",
      "requester_email", "tags", "group_id", "order_number", "refund_amount", "refund_currency",
      "refund_reason", "updated_at", "actor_email", "type", "id", "time");

  @Provide
  Arbitrary<List<Tuple.Tuple2<String, String>>> oddFields() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.of("", " ", "#", "#1001", "order no.", "refund_approved", "refund_approved vip", "25,00",
            "1,000", "9".repeat(40), "0.0000001", "jpy", "xx", "zen:event-type:ticket.created",
            "zen:event-type:user.created", "2026-02-30T00:00Z", "{{ticket.id}}"));
    return Arbitraries.of(KEYS).flatMap(k -> value.map(v -> Tuple.of(k, v))).list().ofMaxSize(12);
  }

  @Property(tries = 300)
  void oddValuesNeverThrowAndEveryEventHasItsEssentials(@ForAll("oddFields") List<Tuple.Tuple2<String, String>> fields) {
    ObjectNode body = trigger("tags", "refund_approved");
    fields.forEach(f -> body.put(f.get1(), f.get2()));

    List<OrderEvent> events = normalize(body);

    assertThat(events).hasSizeLessThanOrEqualTo(1).allSatisfy(e -> {
      assertThat(e.source()).isEqualTo("zendesk");
      assertThat(e.sourceEventId()).isEqualTo(EVENT_ID);
      assertThat(e.occurredAt()).isNotNull();
      assertThat(e.order().key()).isNotBlank();
    });
  }
}
