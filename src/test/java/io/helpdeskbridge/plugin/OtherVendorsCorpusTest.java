package io.helpdeskbridge.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.plugin.adobecommerce.AdobeCommerceEventSource;
import io.helpdeskbridge.plugin.hubspot.HubSpotTicketSource;
import io.helpdeskbridge.plugin.signifyd.SignifydEventSource;
import io.helpdeskbridge.plugin.zendesk.ZendeskTicketSource;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each corpus payload of Signifyd, Adobe Commerce, Zendesk and HubSpot means, read by the
 * real source with its {@code .headers}: the event types it gives (none when ignored), a dedupe id,
 * and no empty string in any event field (a missing fact is null). The rendered notes are the
 * shared approval test's business.
 */
class OtherVendorsCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of("src/test/resources/vendor");
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource(delimiter = '|', value = {
    "signifyd | cases-creation.pending | ''",
    "signifyd | cases-rescore | ''",
    "signifyd | cases-rescore.declined-again | FraudFlagged",
    "signifyd | cases-review.fraudulent | FraudFlagged",
    "signifyd | cases-review.good.no-score | FraudCleared",
    "signifyd | guarantees-completion.declined | FraudFlagged",
    "signifyd | guarantees-completion.approved | FraudCleared",
    "signifyd | guarantees-completion.canceled | ''",
    "signifyd | cases-test | ''",
    "signifyd | CHECKOUT.REJECT | FraudFlagged",
    "signifyd | SALE.HOLD.no-reason | FraudFlagged",
    "signifyd | TRANSACTION.ACCEPT | FraudCleared",
    "signifyd | SIGNIFYD_REVIEW.REJECT.unknown-reason | FraudFlagged",
    "signifyd | MERCHANT_REVIEW.ACCEPT.after-hold | FraudCleared",
    "adobe-commerce | sales_order_creditmemo_save_after | RefundIssued",
    "adobe-commerce | sales_order_creditmemo_save_after.no-increment-id | RefundIssued",
    "adobe-commerce | sales_order_creditmemo_save_after.open | ''",
    "adobe-commerce | sales_order_creditmemo_save_after.jpy-strings | RefundIssued",
    "adobe-commerce | observer.sales_order_creditmemo_save_after.gateway-refund-id | RefundIssued",
    "adobe-commerce | order_cancel_after | OrderCancelled",
    "adobe-commerce | order_cancel_after.no-increment-id-no-email | OrderCancelled",
    "adobe-commerce | catalog_product_save_after.ignored | ''",
    "zendesk | ticket_created | TicketOpened",
    "zendesk | ticket_created.no-requester-email | TicketOpened",
    "zendesk | ticket_created.refund_approved | RefundRequested",
    "zendesk | ticket_updated.refund_approved | RefundRequested",
    "zendesk | ticket_updated.refund_approved.no-amount-no-email | RefundRequested",
    "zendesk | ticket_updated.refund_approved.comma-decimal-eur | RefundRequested",
    "zendesk | zen-event-type-ticket.created | TicketOpened",
    "zendesk | zen-event-type-ticket.tags_changed.refund_approved | RefundRequested",
    "hubspot | ticket.creation | TicketOpened",
    "hubspot | ticket.propertyChange.order_number | TicketOpened",
    "hubspot | ticket.creation.batch-with-propertyChange | TicketOpened TicketOpened",
    "hubspot | ticket.propertyChange.other-property | ''",
    "hubspot | ticket.propertyChange.order_number-cleared | ''",
  })
  void eachPayloadMeansWhatItsReadmeSays(String vendor, String name, String expected) throws Exception {
    byte[] body = Files.readAllBytes(ROOT.resolve(vendor).resolve(name + ".json"));
    WebhookRequest request = new WebhookRequest(vendor, headers(vendor, name), body, NOW);
    JsonNode payload = JSON.readTree(body);
    EventSource source = source(vendor);

    List<OrderEvent> events = source.normalize(request, payload, settings(vendor));

    assertThat(source.eventId(request, payload)).isNotBlank();
    assertThat(String.join(" ", events.stream().map(e -> e.getClass().getSimpleName()).toList())).isEqualTo(expected);
    for (OrderEvent e : events) assertNoEmptyStrings((Record) e, name);
  }

  private static void assertNoEmptyStrings(Record r, String name) throws Exception {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v = c.getAccessor().invoke(r);
      if (v instanceof String s) assertThat(s).as(name + ": " + c.getName()).isNotBlank();
      if (v instanceof Record inner) assertNoEmptyStrings(inner, name);
    }
  }

  private static Map<String, String> headers(String vendor, String name) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    Path file = ROOT.resolve(vendor).resolve(name + ".headers");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int colon = line.indexOf(':');
        if (colon > 0) headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static EventSource source(String vendor) {
    return switch (vendor) {
      case "signifyd" -> new SignifydEventSource();
      case "adobe-commerce" -> new AdobeCommerceEventSource();
      case "zendesk" -> new ZendeskTicketSource();
      default -> new HubSpotTicketSource();
    };
  }

  private static ConnectorSettings settings(String vendor) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("webhook-secret", "corpus-secret");
    if (vendor.equals("hubspot")) {
      values.put("access-token", "corpus-token");
      values.put("fields", Map.of("order_id", "order_number"));
    }
    return ConnectorSettings.of(vendor, values);
  }
}
