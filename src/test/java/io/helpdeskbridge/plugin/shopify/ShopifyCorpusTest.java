package io.helpdeskbridge.plugin.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.event.OrderCancelled;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each Shopify payload of the vendor contract corpus means, delivered with the headers of its
 * {@code .headers} file as Shopify sends them, so a corpus file says what its README row claims.
 */
class ShopifyCorpusTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "fulfillments-update.multi-parcel.json | UPS 1Z999AA10123451001 is delivery attempted, not delivered",
        "fulfillments-update.status-failure.json | null null is fulfillment request failed",
        "fulfillments-update.status-error.json | USPS null is fulfillment request ran into an error",
        "fulfillments-update.no-tracking.json | -",
        "fulfillment_events-create.returning-to-sender.json | null null is on its way back to the sender",
        "fulfillment_events-create.carrier-picked-up.json | -",
        "fulfillment_events-create.delayed.null-location.json | null null is delayed",
        "fulfillment_events-create.buyer-action-required.json | null null is waiting for the customer to act",
        "refunds-create.multi-transaction.json | refund 86.40 USD",
        "refunds-create.jpy.json | refund 3600 JPY",
        "refunds-create.kwd.json | refund 12.345 KWD",
        "refunds-create.restock-only.2025-07.json | -",
        "refunds-create.failed-transaction.json | -",
        "orders-cancelled.jpy.json | cancelled 1214 (customer)",
        "orders-updated.kwd.multi-parcel.json | -",
      })
  void eachCorpusPayloadMeansWhatItsReadmeSays(String file, String words) throws IOException {
    Map<String, String> headers = headers(file.replace(".json", ".headers"));
    assertThat(headers).containsKeys("X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id",
        "X-Shopify-API-Version", "X-Shopify-Triggered-At");
    byte[] body = ShopifyDeliveries.fixtureBytes(file);
    WebhookRequest request = new WebhookRequest("shopify", headers, body, Instant.parse("2026-11-30T00:00:00Z"));

    List<OrderEvent> events = ShopifyNormalizer.normalize(request, ShopifyDeliveries.JSON.readTree(body), "USD");

    if (words == null) {
      assertThat(events).isEmpty();
      return;
    }
    assertThat(events).hasSize(1);
    assertThat(summary(events.get(0))).isEqualTo(words);
    assertThat(events.get(0).occurredAt()).as("X-Shopify-Triggered-At")
        .isEqualTo(Instant.parse(headers.get("X-Shopify-Triggered-At")));
  }

  private static String summary(OrderEvent e) {
    if (e instanceof ShipmentException x) return x.carrier() + " " + x.trackingNumber() + " is " + x.status();
    if (e instanceof RefundIssued r) return "refund " + r.amount();
    OrderCancelled c = (OrderCancelled) e;
    return "cancelled " + c.order().orderId() + " (" + c.reason() + ")";
  }

  private static Map<String, String> headers(String file) throws IOException {
    try (InputStream in = ShopifyCorpusTest.class.getClassLoader().getResourceAsStream("vendor/shopify/" + file)) {
      assertThat(in).as(file).isNotNull();
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
      return headers;
    }
  }
}
