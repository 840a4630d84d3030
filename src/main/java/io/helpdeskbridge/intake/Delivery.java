package io.helpdeskbridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.util.List;

/**
 * What one verified delivery says, read the one way the live intake, {@code try} and the vendor
 * contract tests share: the plugin's event id, vendor type and canonical events. Reading it twice
 * two ways is how a dry run came to disagree with the bridge.
 *
 * @param events the canonical events; empty when the delivery means nothing to the bridge; null
 *     when the plugin failed to read it (kept all the same: the dispatcher tries again and
 *     dead-letters it with {@code normalizeError})
 * @param ignoredBecause why an empty delivery is ignored, in words an operator can act on; else null
 */
public record Delivery(String eventId, String vendorType, List<OrderEvent> events, String ignoredBecause,
    RuntimeException normalizeError) {

  /** Reads a delivery whose signature was checked (or that came on a channel without one). */
  public static Delivery read(String sourceId, EventSource plugin, ConnectorSettings settings, WebhookRequest request,
      JsonNode payload) throws WebhookRejected {
    String eventId = plugin.eventId(request, payload);
    String vendorType = plugin.vendorType(request, payload);
    List<OrderEvent> events;
    try {
      events = plugin.normalize(request, payload, settings);
    } catch (RuntimeException e) {
      return new Delivery(eventId, vendorType, null, null, e);
    }
    String ignored = null;
    if (events.isEmpty()) {
      String why = plugin.ignoredBecause(request, payload, settings);
      ignored = sourceId + " " + vendorType + ": " + (why != null && !why.isBlank() ? why
          : "the " + sourceId + " plugin made no canonical event of it, so it changes no ticket");
    }
    return new Delivery(eventId, vendorType, List.copyOf(events), ignored, null);
  }

  public boolean ignored() {
    return events != null && events.isEmpty();
  }
}
