package io.helpdeskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mustachejava.MustacheException;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

  private final TemplateRenderer renderer = new TemplateRenderer();

  private static RefundIssued refund(Money amount, String reason) {
    return new RefundIssued("stripe", "evt_1", Instant.parse("2024-01-02T03:04:05Z"),
        new OrderRef("1001", "jane@example.com", null, null), "charge.refunded", amount, null, "ch_1", reason);
  }

  private String render(String template, Object event) {
    return renderer.render("t", template, event);
  }

  @Test
  void moneyPrintsByItsCurrencyRule() {
    assertThat(render("{{amount}}", refund(Money.of(2500, "usd"), null))).isEqualTo("25.00 USD");
    assertThat(render("{{amount}}", refund(Money.of(500, "jpy"), null))).isEqualTo("500 JPY");
  }

  @Test
  void moneyPartsAreReadableAsKeys() {
    RefundIssued e = refund(Money.of(2500, "usd"), null);

    assertThat(render("{{amount.currency}}", e)).isEqualTo("USD");
    assertThat(render("{{amount.decimal}}", e)).isEqualTo("25.00");
    assertThat(render("{{amount.minor}}", e)).isEqualTo("2500");
  }

  @Test
  void nestedRecordsTypeAndOtherValuesRender() {
    RefundIssued e = refund(Money.of(2500, "usd"), null);

    assertThat(render("{{order.orderId}}/{{order.email}}", e)).isEqualTo("1001/jane@example.com");
    assertThat(render("{{type}}", e)).isEqualTo("RefundIssued");
    assertThat(render("{{occurredAt}}", e)).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(render("{{#order}}{{orderId}}{{/order}}", e)).isEqualTo("1001");
  }

  @Test
  void nullValuesRenderEmptyAndTriggerInvertedSections() {
    RefundIssued e = refund(Money.of(2500, "usd"), null);

    assertThat(render("[{{reason}}]", e)).isEqualTo("[]");
    assertThat(render("{{^reason}}none{{/reason}}", e)).isEqualTo("none");
    assertThat(render("{{order.paymentId}}|{{^order.paymentId}}-{{/order.paymentId}}", e)).isEqualTo("|-");
  }

  @Test
  void noHtmlEscapingInAnyForm() {
    RefundIssued e = refund(Money.of(2500, "usd"), "<b>&\"'");

    assertThat(render("{{reason}}", e)).isEqualTo("<b>&\"'");
    assertThat(render("{{{reason}}}", e)).isEqualTo("<b>&\"'");
    assertThat(render("{{&reason}}", e)).isEqualTo("<b>&\"'");
  }

  @Test
  void nullTemplateRendersNull() {
    assertThat(renderer.render("t", null, refund(Money.of(1, "usd"), null))).isNull();
  }

  @Test
  void malformedTemplateFailsToCompile() {
    assertThatThrownBy(() -> renderer.compile("mappings/x.yaml#note", "{{#reason}} never closed"))
        .isInstanceOf(MustacheException.class);
  }

  @Test
  void sameNameWithDifferentTemplatesDoesNotReuseTheCompiledOne() {
    RefundIssued e = refund(Money.of(2500, "usd"), "r");

    assertThat(renderer.render("same", "A {{reason}}", e)).isEqualTo("A r");
    assertThat(renderer.render("same", "B {{reason}}", e)).isEqualTo("B r");
  }

  @Test
  void contextExposesTheEventAsNestedMaps() {
    Map<String, Object> ctx = TemplateRenderer.context(refund(Money.of(2500, "usd"), null));

    assertThat(ctx).containsEntry("type", "RefundIssued").containsEntry("source", "stripe").containsEntry("reason", null);
    assertThat(ctx.get("order")).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) ctx.get("order")).get("orderId")).isEqualTo("1001");
    assertThat(ctx.get("amount")).hasToString("25.00 USD");
  }

  @Test
  void aListIsASectionOfItsItemsAndAnEmptyOneRendersNothing() {
    String t = "{{#missing}}- {{.}}\n{{/missing}}";
    assertThat(new TemplateRenderer().render("list", t, enriched(java.util.List.of()))).isEmpty();
    assertThat(new TemplateRenderer().render("list2", t, enriched(java.util.List.of("payment (Stripe): no answer", "shipment (UPS): 503"))))
        .isEqualTo("- payment (Stripe): no answer\n- shipment (UPS): 503\n");
  }

  private static io.helpdeskbridge.event.EnrichedTicket enriched(java.util.List<String> missing) {
    return new io.helpdeskbridge.event.EnrichedTicket("1", "s", "a@b.c", true, "1001", null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, !missing.isEmpty(), missing);
  }
}
