package io.helpdeskbridge.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot's ticket webhooks ({@code POST /webhooks/hubspot}): a new ticket, or a ticket whose order
 * property was filled in, gets its order's context through {@code routes/hubspot.yaml} (a {@link
 * io.helpdeskbridge.event.TicketOpened} for the {@code enrich:} step). The plugin id {@code hubspot}
 * is also the HubSpot helpdesk's, so one {@code connectors/hubspot.yaml} serves both roles; the
 * connector is a source only once {@code webhook-secret} is set.
 *
 * <p>Settings: {@code webhook-secret} (the app's client secret, which signs the webhooks; {@code
 * old,new} while it is rotated), {@code webhook-url} (the target URL set in the app, which the
 * signature covers), and for the order lookup the helpdesk's {@code access-token}, {@code api-base}
 * and {@code fields.order_id}. What a delivery holds and how it is deduped: {@link
 * HubSpotTicketEvents}; the signature: {@link HubSpotWebhookSignature}.
 */
public final class HubSpotTicketSource implements EventSource {
  static final String WEBHOOK_SECRET = "webhook-secret";
  static final String WEBHOOK_URL = "webhook-url";

  @Override
  public String id() {
    return HubSpotTicketEvents.SOURCE;
  }

  /** HubSpot posts a JSON array of up to 100 events. */
  @Override
  public boolean acceptsArrayBody() {
    return true;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock) throws WebhookRejected {
    HubSpotWebhookSignature.verify(request.header(HubSpotWebhookSignature.HEADER),
        request.header(HubSpotWebhookSignature.TIMESTAMP_HEADER), webhookUrl(settings), request.body(),
        settings.requireList(WEBHOOK_SECRET), clock.instant());
  }

  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    if (HubSpotTicketEvents.events(payload).isEmpty()) {
      throw WebhookRejected.badRequest("the body holds no HubSpot event (a JSON array of event objects is expected)");
    }
    return HubSpotTicketEvents.deliveryId(payload)
        .orElseThrow(() -> WebhookRejected.badRequest("a HubSpot event has no eventId"));
  }

  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return HubSpotTicketEvents.vendorType(payload);
  }

  @Override
  public List<OrderEvent> normalize(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return HubSpotTicketEvents.normalize(payload, orderProperty(settings), request == null ? null : request.receivedAt());
  }

  /**
   * The order number of a ticket a {@code ticket.creation} named, read from the CRM ({@link
   * HubSpotTicketReader}); empty for any reference that is not a HubSpot ticket.
   */
  @Override
  public Optional<String> lookupOrderNumber(OrderRef ref, ConnectorSettings settings) throws IOException {
    Optional<String> ticket = HubSpotTicketEvents.ticketId(ref.vendorOrderId());
    if (ticket.isEmpty()) return Optional.empty();
    try {
      return new HubSpotTicketReader(HubSpotConfig.from(settings)).orderNumber(ticket.get());
    } catch (IOException e) {
      // a note saying "no order found" on a ticket that names one would mislead the agent: wait for HubSpot
      throw new OrderLookupUnavailable(e.getMessage(), e);
    }
  }

  /** For tests and tools: the headers HubSpot sends with {@code body}, signed at {@code now} with the first secret. */
  @Override
  public Map<String, String> signForSample(String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    String timestamp = String.valueOf(now.toEpochMilli());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HubSpotWebhookSignature.HEADER, HubSpotWebhookSignature.sign(HubSpotWebhookSignature.METHOD,
        HubSpotWebhookSignature.decodeUri(webhookUrl(settings)), body, timestamp, settings.requireList(WEBHOOK_SECRET).get(0)));
    headers.put(HubSpotWebhookSignature.TIMESTAMP_HEADER, timestamp);
    return headers;
  }

  /**
   * The public URL HubSpot signs; required once the connector takes webhooks. The start checks it
   * ({@link HubSpotHelpdesk#connect}), so a missing one is a configuration error, not a 400 per delivery.
   */
  static String webhookUrl(ConnectorSettings settings) {
    String url = settings.require(WEBHOOK_URL).trim();
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new IllegalStateException(settings.file() + ": hubspot " + WEBHOOK_URL + " must be the full http(s) URL HubSpot"
          + " posts to, got '" + url + "'");
    }
    return url;
  }

  private static String orderProperty(ConnectorSettings settings) {
    String p = settings.map("fields").get("order_id");
    return p == null || p.isBlank() ? null : p.trim();
  }
}
