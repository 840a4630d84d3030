package io.helpdeskbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.event.OrderEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The try-out machinery the CLI and the console share. */
class TryOutTest {
  @TempDir Path home;

  private TryOut tryOut() {
    return new TryOut(BridgeConfig.load(BridgeSettings.from(Map.of("BRIDGE_HOME", home.toString(), "STRIPE_WEBHOOK_SECRET",
        "whsec_x", "SHOPIFY_WEBHOOK_SECRET", "shpss_x")), Plugins.discover(), false));
  }

  @Test
  void theBundledSamplesOfEnabledSourcesAreListedAndTried() throws Exception {
    TryOut t = tryOut();
    assertThat(t.samples()).extracting(TryOut.Sample::key).contains("stripe/charge.refunded", "shopify/refunds-create")
        .noneMatch(k -> k.startsWith("easypost/"));

    TryOut.Result r = t.withMapping(t.mapping("refund-issued"), t.sampleEvents("stripe/charge.refunded"));
    assertThat(r.planned()).hasSize(1);
    assertThat(r.planned().get(0).change().note()).startsWith("Refund of 25.00 USD issued in stripe for order 1001.");
    // a file name writes the topic's "/" as "-": the topic header is found all the same
    assertThat(t.sampleEvents("shopify/refunds-create")).extracting(OrderEvent::type).contains("RefundIssued");
    assertThatThrownBy(() -> t.sampleEvents("stripe/../../etc")).hasMessageContaining("no bundled sample");
  }

  @Test
  void aCanonicalEventGoesStraightToTheMappingAndOtherTypesAreNamed() throws Exception {
    TryOut t = tryOut();
    byte[] canonical = """
        {"type":"PaymentFailed","source":"stripe","sourceEventId":"evt_c","occurredAt":"2026-11-24T10:00:00Z",
         "order":{"orderId":"7"},"vendorType":"payment_intent.payment_failed"}""".getBytes(StandardCharsets.UTF_8);
    TryOut.Result r = t.withMapping(t.mapping("refund-issued"), t.events(canonical, null, Map.of(), "pasted"));
    assertThat(r.planned()).isEmpty();
    assertThat(r.notes()).containsExactly("(PaymentFailed is not a RefundIssued: mapping refund-issued does not apply)");
    assertThatThrownBy(() -> t.events("{".getBytes(StandardCharsets.UTF_8), null, Map.of(), "pasted"))
        .hasMessageStartingWith("pasted: not valid JSON");
    assertThatThrownBy(() -> t.events("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), "stripe", Map.of(), "pasted"))
        .hasMessage("pasted: no stripe source turns this payload into a canonical event; the bridge would record it as ignored"
            + " (stripe would refuse the delivery: event has no id)");
    byte[] customer = "{\"id\":\"evt_c1\",\"object\":\"event\",\"type\":\"customer.created\",\"data\":{\"object\":{}}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> t.events(customer, "stripe", Map.of(), "pasted"))
        .hasMessageContaining("(stripe customer.created: Stripe customer.created is not a type the bridge reads");
    assertThatThrownBy(() -> t.mapping("nope")).hasMessageContaining("neither a route file under routes/ nor a mapping");
  }

  @Test
  void aShopifyPayloadWithOnlyItsTopicIsReadAsTheLiveIntakeReadsItAndAMissingTopicIsNamed() throws Exception {
    TryOut t = tryOut();
    byte[] refund = getClass().getClassLoader().getResourceAsStream("samples/shopify/refunds-create.json").readAllBytes();
    // the README's example: only the topic; the signature, shop and delivery id are what Shopify would send
    List<OrderEvent> events = t.events(refund, "shopify", Map.of("X-Shopify-Topic", "refunds/create"), "refund.json");
    assertThat(events).extracting(OrderEvent::type).containsExactly("RefundIssued");
    // without the --source, every enabled source is asked, and Shopify's answer is the same
    assertThat(t.events(refund, null, Map.of("X-Shopify-Topic", "refunds/create"), "refund.json"))
        .extracting(OrderEvent::type).containsExactly("RefundIssued");

    assertThatThrownBy(() -> t.events(refund, "shopify", Map.of(), "refund.json"))
        .hasMessageContaining("shopify reads the event type from the X-Shopify-Topic header, which was not given"
            + " (-H X-Shopify-Topic=<type>)");
    // a header given by hand wins over the one the try-out would make: a forged signature is refused as live
    assertThatThrownBy(() -> t.events(refund, "shopify", Map.of("X-Shopify-Topic", "refunds/create",
        "X-Shopify-Hmac-Sha256", "Zm9yZ2Vk"), "refund.json"))
        .hasMessageContaining("shopify would refuse the delivery");
  }
}
