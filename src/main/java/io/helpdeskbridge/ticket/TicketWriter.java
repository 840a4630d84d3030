package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.mapping.ChangeRenderer;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.store.WriteLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates an event to its ticket and writes the mapping's change exactly once: the store's
 * index first, then the helpdesk's own lookups; a pending/written log around the write, and a
 * marker check on the ticket when a previous attempt may have written before it died.
 */
public final class TicketWriter implements TicketSink {
  private static final Logger LOG = LoggerFactory.getLogger(TicketWriter.class);

  private final Store store;
  private final Map<String, Mapping> mappings;
  private final Helpdesks helpdesks;
  private final ChangeRenderer renderer = new ChangeRenderer();

  public TicketWriter(Store store, Map<String, Mapping> mappings, Helpdesks helpdesks) {
    this.store = store;
    this.mappings = mappings;
    this.helpdesks = helpdesks;
  }

  @Override
  public boolean hasMapping(String id) {
    return mappings.containsKey(id);
  }

  @Override
  public boolean hasHelpdesk(String name) {
    return helpdesks.get(name).isPresent();
  }

  @Override
  public TicketOutcome write(long inboxId, OrderEvent event, String mappingId, String helpdeskName) throws TicketWriteFailed {
    Mapping mapping = mappings.get(mappingId);
    if (mapping == null) throw new TicketWriteFailed("no mapping '" + mappingId + "' (known: " + mappings.keySet() + ")", null);
    Helpdesks.Entry hd = helpdesks.get(helpdeskName)
        .orElseThrow(() -> new TicketWriteFailed("no helpdesk connector '" + helpdeskName + "'", null));
    TicketChange change = renderer.render(mapping, event);
    String marker = Marker.of(event, mappingId);
    try {
      Located located = correlate(event, mapping, hd, true);
      if (located == null) {
        switch (mapping.whenMissing()) {
          case SKIP -> {
            TicketOutcome out = new TicketOutcome(TicketOutcome.Action.SKIPPED, hd.id(), null,
                "no ticket found for " + event.order().key() + " (mapping " + mappingId + " says skip)");
            audit(inboxId, event, hd.id(), out);
            return out;
          }
          case DEAD_LETTER -> throw new TicketWriteFailed(
              "no ticket found for " + event.order().key() + " (mapping " + mappingId + " says dead-letter)", null);
          case CREATE -> {
            // pending first: should we die after the create, the retry finds the ticket (index or the
            // create's Idempotency-Key) and its marker, and writes nothing twice
            String key = hd.id() + " " + marker;
            store.writeLog().pending(key, hd.id(), "new");
            TicketRef ref = hd.retry().call(() -> hd.connection().create(renderer.newTicket(mapping, event, change, marker),
                idempotencyKey(hd.id(), marker)));
            store.correlation().remember(hd.id(), event.order().key(), ref.id(), "created");
            store.writeLog().written(key);
            TicketOutcome out = new TicketOutcome(TicketOutcome.Action.CREATED, hd.id(), ref.id(), null);
            audit(inboxId, event, hd.id(), out);
            return out;
          }
        }
      }
      TicketOutcome out;
      try {
        out = writeOnce(hd, located.ticket(), change, marker);
      } catch (HelpdeskRetry.GaveUp e) {
        if (e.last().status() != 404 || !"index".equals(located.foundBy())) throw e;
        // the remembered ticket is gone (deleted or merged): forget it and correlate afresh
        store.correlation().forget(hd.id(), event.order().key());
        Located again = correlate(event, mapping, hd, false);
        if (again == null) throw e;
        out = writeOnce(hd, again.ticket(), change, marker);
      }
      audit(inboxId, event, hd.id(), out);
      return out;
    } catch (HelpdeskRetry.GaveUp e) {
      throw new TicketWriteFailed(hd.id() + ": " + e.getMessage(), e);
    }
  }

  private record Located(TicketRef ticket, String foundBy) {}

  private Located correlate(OrderEvent event, Mapping mapping, Helpdesks.Entry hd, boolean useIndex) throws HelpdeskRetry.GaveUp {
    String orderKey = event.order().key();
    for (String strategy : mapping.find()) {
      if (strategy.equals("index")) {
        if (!useIndex) continue;
        Optional<String> id = store.correlation().lookup(hd.id(), orderKey);
        if (id.isPresent()) return new Located(new TicketRef(hd.id(), id.get()), "index");
        continue;
      }
      String value = lookupValue(strategy, event);
      if (value == null || value.isBlank()) continue;
      HelpdeskConnection.Lookup lookup = new HelpdeskConnection.Lookup(strategy, value);
      Optional<TicketRef> found = hd.retry().call(() -> hd.connection().find(lookup));
      if (found.isPresent()) {
        store.correlation().remember(hd.id(), orderKey, found.get().id(), strategy);
        return new Located(found.get(), strategy);
      }
    }
    return null;
  }

  /** What a strategy searches with: the order number, or the tracking number, email or payment id field. */
  static String lookupValue(String strategy, OrderEvent event) {
    return switch (strategy) {
      case "field:tracking_number" -> event.order().trackingNumber();
      case "field:email" -> event.order().email();
      case "field:payment_id" -> event.order().paymentId();
      default -> event.order().orderId();
    };
  }

  private TicketOutcome writeOnce(Helpdesks.Entry hd, TicketRef ticket, TicketChange change, String marker)
      throws HelpdeskRetry.GaveUp {
    String key = hd.id() + " " + marker;
    Optional<WriteLog.State> state = store.writeLog().state(key);
    if (state.isPresent() && state.get() == WriteLog.State.WRITTEN) {
      return new TicketOutcome(TicketOutcome.Action.ALREADY_APPLIED, hd.id(), ticket.id(), "write log says written");
    }
    // a change without a note (fields only) is idempotent by itself: nothing to look for
    if (state.isPresent() && change.note() != null && hd.retry().call(() -> hd.connection().hasMarker(ticket, marker))) {
      store.writeLog().written(key);
      LOG.info("{} ticket {} already carries {}: not writing it again", hd.id(), ticket.id(), marker);
      return new TicketOutcome(TicketOutcome.Action.ALREADY_APPLIED, hd.id(), ticket.id(), "marker found on the ticket after an interrupted attempt");
    }
    store.writeLog().pending(key, hd.id(), ticket.id());
    hd.retry().call(() -> {
      hd.connection().apply(ticket, change, marker);
      return null;
    });
    store.writeLog().written(key);
    return new TicketOutcome(TicketOutcome.Action.APPLIED, hd.id(), ticket.id(), null);
  }

  private void audit(long inboxId, OrderEvent event, String helpdesk, TicketOutcome out) {
    store.audit().record(new AuditTrail.Entry(inboxId, event.source(), event.sourceEventId(), event.type(), event.order().key(),
        helpdesk, out.ticketId(), out.action().db(), out.detail(), Instant.now()));
  }

  /** Stable per event and helpdesk, at most 64 hex characters (Zendesk allows 255). */
  static String idempotencyKey(String helpdesk, String marker) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((helpdesk + "\n" + marker).getBytes(StandardCharsets.UTF_8));
      return "hdb-" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
