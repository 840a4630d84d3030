package io.helpdeskbridge.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.InboxRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One order's story, delivery by delivery: what the vendor sent (the stored delivery), the
 * canonical events it stands for (read by the source's plugin as it reads them today, which is
 * also what a replay would apply), and what those events did to tickets (the audit trail).
 * Payloads and events are masked.
 */
record OrderTimeline(String orderKey, List<Step> steps) {

  /** The most deliveries one timeline shows. */
  static final int LIMIT = 200;

  /** One delivery and what came of it. */
  record Step(InboxRow delivery, List<Canonical> events, String eventsNote, List<AuditTrail.Entry> changes) {}

  /** A canonical event: its type, when the vendor says it happened, and its fields as masked JSON. */
  record Canonical(String type, Instant occurredAt, String json) {}

  static OrderTimeline of(String orderKey, ConsoleData data, BridgeConfig config) {
    List<Step> steps = new ArrayList<>();
    for (InboxRow row : data.deliveriesOfOrder(orderKey, LIMIT)) steps.add(step(row, data, config));
    return new OrderTimeline(orderKey, steps);
  }

  /** One delivery with its canonical events and ticket changes. */
  static Step step(InboxRow row, ConsoleData data, BridgeConfig config) {
    List<Canonical> events = new ArrayList<>();
    String note = null;
    try {
      for (OrderEvent e : canonical(row, config)) {
        events.add(new Canonical(e.type(), e.occurredAt(),
            PayloadMasker.body(TryOut.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(e))));
      }
      if (events.isEmpty()) note = "no canonical event: the bridge ignores this " + row.vendorType();
    } catch (Exception e) {
      note = "cannot read it as canonical events now: " + PayloadMasker.text(String.valueOf(e.getMessage()));
    }
    return new Step(row, events, note, data.changes(row.id()));
  }

  /** The canonical events of a stored delivery, by its source's plugin (pure: nothing is looked up or stored). */
  static List<OrderEvent> canonical(InboxRow row, BridgeConfig config) throws Exception {
    ConnectorSettings source = config.sources().stream().filter(s -> s.id().equals(row.source())).findFirst()
        .orElseThrow(() -> new IllegalStateException("source '" + row.source() + "' is not enabled"));
    EventSource plugin = config.plugins().source(source.plugin()).orElseThrow();
    Map<String, String> headers = TryOut.JSON.readValue(row.headersJson(), new TypeReference<Map<String, String>>() {});
    byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
    JsonNode payload = TryOut.JSON.readTree(body);
    return plugin.normalize(new WebhookRequest(row.source(), headers, body, row.receivedAt()), payload, source);
  }
}
