package io.helpdeskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChangeRendererTest {

  private static Mapping shipped;

  private final ChangeRenderer renderer = new ChangeRenderer();

  @BeforeAll
  static void loadShippedMapping() throws IOException {
    shipped = load("refund-issued", Files.readString(Path.of("mappings/refund-issued.yaml")));
  }

  private static Mapping load(String id, String text) {
    return new MappingLoader()
        .load(List.of(new BridgeHome.ConfigFile(id + ".yaml", "mappings/" + id + ".yaml", text)))
        .get(id);
  }

  static RefundIssued refund(String refundId, String reason) {
    return new RefundIssued("stripe", "evt_1", Instant.parse("2024-01-02T03:04:05Z"), OrderRef.ofOrder("1001"),
        "charge.refunded", Money.of(2500, "usd"), refundId, "ch_1", reason);
  }

  @Test
  void shippedMappingRendersTheExactNoteWithoutRefundIdOrReason() {
    TicketChange change = renderer.render(shipped, refund(null, null));

    assertThat(change.note()).isEqualTo(
        "Refund of 25.00 USD issued in stripe for order 1001.\nCharge id: ch_1\nReason: not given");
    assertThat(change.publicNote()).isFalse();
    assertThat(change.addTags()).containsExactly("refund_issued");
    assertThat(change.removeTags()).containsExactly("refund_pending");
    assertThat(change.fields()).isEmpty();
    assertThat(change.priority()).isNull();
    assertThat(change.status()).isNull();
  }

  @Test
  void shippedMappingShowsRefundIdAndReasonWhenPresent() {
    TicketChange change = renderer.render(shipped, refund("re_1", "requested_by_customer"));

    assertThat(change.note()).isEqualTo(
        "Refund of 25.00 USD issued in stripe for order 1001.\n"
            + "Refund id: re_1\nCharge id: ch_1\nReason: requested_by_customer");
  }

  @Test
  void nothingIsHtmlEscaped() {
    TicketChange change = renderer.render(shipped, refund("re_1", "<b>&\"'"));

    assertThat(change.note()).endsWith("Reason: <b>&\"'");
  }

  @Test
  void fieldsPriorityAndStatusAreRenderedAndUnchangedBecomesNull() {
    Mapping m = load("with-fields", """
        id: with-fields
        on: RefundIssued
        change:
          note: "  note {{amount.decimal}}  "
          public: true
          fields:
            refund_total: "{{amount}}"
            refund_currency: "{{amount.currency}}"
          priority: high
        """);

    TicketChange change = renderer.render(m, refund(null, null));

    assertThat(change.note()).isEqualTo("note 25.00");
    assertThat(change.fields()).containsExactly(
        Map.entry("refund_total", "25.00 USD"), Map.entry("refund_currency", "USD"));
    assertThat(change.priority()).isEqualTo("high");
    assertThat(change.status()).isNull();
    assertThat(change.publicNote()).isTrue();
  }

  @Test
  void fieldThatRendersEmptyIsLeftOut() {
    Mapping m = load("cond", """
        id: cond
        on: RefundIssued
        change:
          fields:
            refund_reason: "{{reason}}"
            refund_total: "{{amount}}"
        """);

    TicketChange change = renderer.render(m, refund(null, null));

    assertThat(change.fields()).containsOnlyKeys("refund_total");
  }

  @Test
  void mappingWithoutNoteRendersANullNote() {
    Mapping m = load("no-note", """
        id: no-note
        on: RefundIssued
        change:
          status: solved
        """);

    TicketChange change = renderer.render(m, refund(null, null));

    assertThat(change.note()).isNull();
    assertThat(change.status()).isEqualTo("solved");
  }

  @Test
  void mappingForAnotherEventTypeIsRefusedNamingBothTypes() {
    Mapping m = load("delivered", """
        id: delivered
        on: ShipmentDelivered
        change:
          note: delivered
        """);

    assertThatThrownBy(() -> renderer.render(m, refund(null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ShipmentDelivered")
        .hasMessageContaining("RefundIssued")
        .hasMessageContaining("'delivered'");
  }

  @Test
  void newTicketUsesTheSubjectTemplateWhenThereIsOne() {
    Mapping m = load("create", """
        id: create
        on: RefundIssued
        ticket:
          when-missing: create
          subject: " Refund for {{order.orderId}} "
        change:
          note: "Refunded {{amount}}"
          tags:
            add: [refund_issued]
        """);
    RefundIssued event = new RefundIssued("stripe", "evt_1", Instant.EPOCH,
        new OrderRef("1001", "jane@example.com", null, null), "charge.refunded", Money.of(2500, "usd"), null, "ch_1", null);
    TicketChange change = renderer.render(m, event);

    NewTicket t = renderer.newTicket(m, event, change, "[marker]");

    assertThat(t.subject()).isEqualTo("Refund for 1001");
    assertThat(t.description()).isEqualTo("Refunded 25.00 USD\n\n[marker]");
    assertThat(t.publicDescription()).isFalse();
    assertThat(t.requesterEmail()).isEqualTo("jane@example.com");
    assertThat(t.orderId()).isEqualTo("1001");
    assertThat(t.externalId()).isEqualTo("1001");
    assertThat(t.tags()).containsExactly("refund_issued");
  }

  @Test
  void newTicketWithoutSubjectTemplateNamesTheEventTypeAndOrder() {
    RefundIssued event = refund(null, null);

    NewTicket t = renderer.newTicket(shipped, event, renderer.render(shipped, event), "[m]");

    assertThat(t.subject()).isEqualTo("RefundIssued for order 1001");
    assertThat(t.tags()).containsExactly("refund_issued");
  }

  @Test
  void newTicketWithoutOrderIdFallsBackToTheOrderKey() {
    RefundIssued event = new RefundIssued("stripe", "evt_1", Instant.EPOCH, new OrderRef(null, null, "pi_9", null),
        "charge.refunded", Money.of(100, "eur"), null, "ch_9", null);

    NewTicket t = renderer.newTicket(shipped, event, renderer.render(shipped, event), "[m]");

    assertThat(t.subject()).isEqualTo("RefundIssued for order payment:pi_9");
    assertThat(t.orderId()).isNull();
  }

  @Test
  void theOrderStatusFieldIsSetOnlyWhenTheVendorSaysTheOrderIsFullyRefunded() {
    java.util.function.Function<Boolean, RefundIssued> refund = full -> new RefundIssued("stripe", "evt_1", Instant.EPOCH,
        OrderRef.ofOrder("1001"), "charge.refunded", Money.of(2500, "usd"), null, "ch_1", null, full);

    assertThat(renderer.render(shipped, refund.apply(true)).fields()).containsExactly(java.util.Map.entry("order_status", "refunded"));
    assertThat(renderer.render(shipped, refund.apply(false)).fields()).isEmpty();
    assertThat(renderer.render(shipped, refund.apply(null)).fields()).isEmpty();
  }
}
