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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates an event to its ticket and writes the mapping's change exactly once: the store's
 * index first, then the helpdesk's own lookups; a pending/written log around the write, and a
 * marker check on the ticket when a previous attempt may have written before it died. Changes for
 * one ticket within a dispatch batch go out as one write.
 */
public final class TicketWriter implements TicketSink {
  private static final Logger LOG = LoggerFactory.getLogger(TicketWriter.class);

  private final Store store;
  private final Map<String, Mapping> mappings;
  private final Helpdesks helpdesks;
  private final ChangeRenderer renderer = new ChangeRenderer();
  private final TicketPace pace;

  public TicketWriter(Store store, Map<String, Mapping> mappings, Helpdesks helpdesks) {
    this(store, mappings, helpdesks, new TicketPace(store.dataSource(), java.time.Clock.systemUTC()));
  }

  public TicketWriter(Store store, Map<String, Mapping> mappings, Helpdesks helpdesks, TicketPace pace) {
    this.store = store;
    this.mappings = mappings;
    this.helpdesks = helpdesks;
    this.pace = pace;
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
    PendingWrites now = new PendingWrites();
    TicketOutcome out = write(inboxId, event, mappingId, helpdeskName, now);
    if (now.isEmpty()) return out;
    PendingWrites.Flushed flushed = flush(now);
    Exception failure = flushed.failures().get(inboxId);
    if (failure instanceof TicketWriteFailed f) throw f;
    if (failure != null) throw new TicketWriteFailed(failure.getMessage(), failure);
    return flushed.outcomes().get(inboxId).get(0);
  }

  /**
   * Correlates and renders now; a change for a ticket that exists is held in {@code pending} and
   * written by {@link #flush} together with the other changes of the batch for the same ticket.
   * Creates, skips and dead-letters happen at once.
   */
  @Override
  public TicketOutcome write(long inboxId, OrderEvent event, String mappingId, String helpdeskName, PendingWrites pending)
      throws TicketWriteFailed {
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
      pending.add(new PendingWrites.Staged(inboxId, event, mappingId, hd, located.ticket(), located.foundBy(), change, marker));
      return new TicketOutcome(TicketOutcome.Action.QUEUED, hd.id(), located.ticket().id(), null);
    } catch (HelpdeskRetry.GaveUp e) {
      throw new TicketWriteFailed(hd.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stages a change for a ticket the event itself names (a helpdesk's ticket webhook, an agent's
   * action): no correlation, the same once-only write as mapped changes, merged with the batch's
   * other changes for that ticket. Without {@code pending} (outside a dispatch batch) it writes now.
   */
  public TicketOutcome writeTo(long inboxId, OrderEvent event, String helpdeskName, String ticketId, TicketChange change,
      String marker, PendingWrites pending) throws TicketWriteFailed {
    Helpdesks.Entry hd = helpdesks.get(helpdeskName)
        .orElseThrow(() -> new TicketWriteFailed("no helpdesk connector '" + helpdeskName + "'", null));
    PendingWrites into = pending == null ? new PendingWrites() : pending;
    into.add(new PendingWrites.Staged(inboxId, event, "(" + marker + ")", hd, new TicketRef(hd.id(), ticketId), "event", change, marker));
    if (pending != null) return new TicketOutcome(TicketOutcome.Action.QUEUED, hd.id(), ticketId, null);
    PendingWrites.Flushed flushed = flush(into);
    Exception failure = flushed.failures().get(inboxId);
    if (failure instanceof TicketWriteFailed f) throw f;
    if (failure != null) throw new TicketWriteFailed(failure.getMessage(), failure);
    return flushed.outcomes().get(inboxId).get(0);
  }

  /** Whether the change carrying {@code marker} reached the helpdesk already (so its inputs need not be gathered again). */
  public boolean written(String helpdeskName, String marker) {
    return helpdesks.get(helpdeskName)
        .flatMap(hd -> store.writeLog().state(hd.id() + " " + marker))
        .filter(state -> state == WriteLog.State.WRITTEN)
        .isPresent();
  }

  /** The helpdesk connection a step writes to, for steps that make calls of their own (problem tickets). */
  public Optional<Helpdesks.Entry> helpdesk(String name) {
    return helpdesks.get(name);
  }

  /**
   * Writes what the batch holds: per ticket, the changes merged into one helpdesk call (two when
   * a public note follows an internal one), within the ticket's update budget. A ticket whose
   * write fails fails the events it carried; other tickets are not held back.
   */
  public PendingWrites.Flushed flush(PendingWrites pending) {
    Map<Long, List<TicketOutcome>> outcomes = new LinkedHashMap<>();
    Map<Long, Exception> failures = new LinkedHashMap<>();
    Map<String, List<PendingWrites.Staged>> byTicket = new LinkedHashMap<>();
    for (PendingWrites.Staged s : pending.staged()) {
      byTicket.computeIfAbsent(s.helpdesk().id() + "\n" + s.ticket().id(), k -> new ArrayList<>()).add(s);
    }
    for (List<PendingWrites.Staged> group : byTicket.values()) {
      List<PendingWrites.Staged> unwritten = new ArrayList<>(group);
      try {
        for (Map.Entry<PendingWrites.Staged, TicketOutcome> done : writeTicket(group, unwritten).entrySet()) {
          PendingWrites.Staged s = done.getKey();
          outcomes.computeIfAbsent(s.inboxId(), k -> new ArrayList<>()).add(done.getValue());
          audit(s.inboxId(), s.event(), s.helpdesk().id(), done.getValue());
        }
      } catch (Exception e) {
        Exception failure = e instanceof HelpdeskRetry.GaveUp g
            ? new TicketWriteFailed(group.get(0).helpdesk().id() + ": " + g.getMessage(), g) : e;
        for (PendingWrites.Staged s : unwritten) failures.putIfAbsent(s.inboxId(), failure);
      }
    }
    return new PendingWrites.Flushed(outcomes, failures);
  }

  /** One ticket's staged changes; {@code unwritten} shrinks as they land, so a failure names only the rest. */
  private Map<PendingWrites.Staged, TicketOutcome> writeTicket(List<PendingWrites.Staged> group,
      List<PendingWrites.Staged> unwritten) throws HelpdeskRetry.GaveUp, TicketPace.Spent {
    Map<PendingWrites.Staged, TicketOutcome> results = new LinkedHashMap<>();
    Helpdesks.Entry hd = group.get(0).helpdesk();
    TicketRef ticket = group.get(0).ticket();
    List<ChangeMerger.Marked<PendingWrites.Staged>> toWrite = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PendingWrites.Staged s : group) {
      String key = hd.id() + " " + s.marker();
      if (!seen.add(key)) {
        // two deliveries announcing one fact (a refund in charge.refunded and refund.created): one note
        results.put(s, new TicketOutcome(TicketOutcome.Action.ALREADY_APPLIED, hd.id(), ticket.id(), "same fact as an event written with it"));
        unwritten.remove(s);
        continue;
      }
      Optional<WriteLog.State> state = store.writeLog().state(key);
      if (state.isPresent() && state.get() == WriteLog.State.WRITTEN) {
        results.put(s, new TicketOutcome(TicketOutcome.Action.ALREADY_APPLIED, hd.id(), ticket.id(), "write log says written"));
        unwritten.remove(s);
        continue;
      }
      // a change without a note (fields only) is idempotent by itself: nothing to look for
      if (state.isPresent() && s.change().note() != null && hd.retry().call(() -> hd.connection().hasMarker(ticket, s.marker()))) {
        store.writeLog().written(key);
        LOG.info("{} ticket {} already carries {}: not writing it again", hd.id(), ticket.id(), s.marker());
        results.put(s, new TicketOutcome(TicketOutcome.Action.ALREADY_APPLIED, hd.id(), ticket.id(),
            "marker found on the ticket after an interrupted attempt"));
        unwritten.remove(s);
        continue;
      }
      toWrite.add(new ChangeMerger.Marked<>(s.change(), s.marker(), s));
    }
    for (ChangeMerger.Write<PendingWrites.Staged> w : ChangeMerger.merge(toWrite)) {
      TicketRef target = writeMerged(hd, ticket, w);
      String detail = w.origins().size() > 1 ? "one write for " + w.origins().size() + " events" : null;
      for (PendingWrites.Staged s : w.origins()) {
        results.put(s, new TicketOutcome(TicketOutcome.Action.APPLIED, hd.id(), target.id(), detail));
        unwritten.remove(s);
      }
    }
    return results;
  }

  /** One helpdesk write; a remembered ticket that is gone (deleted, merged) is forgotten and found afresh. */
  private TicketRef writeMerged(Helpdesks.Entry hd, TicketRef ticket, ChangeMerger.Write<PendingWrites.Staged> w)
      throws HelpdeskRetry.GaveUp, TicketPace.Spent {
    try {
      applyWithin(hd, ticket, w);
      return ticket;
    } catch (HelpdeskRetry.GaveUp e) {
      PendingWrites.Staged first = w.origins().get(0);
      if (e.last().status() != 404 || !"index".equals(first.foundBy())) throw e;
      store.correlation().forget(hd.id(), first.event().order().key());
      Located again = correlate(first.event(), mappings.get(first.mappingId()), hd, false);
      if (again == null) throw e;
      applyWithin(hd, again.ticket(), w);
      return again.ticket();
    }
  }

  private void applyWithin(Helpdesks.Entry hd, TicketRef ticket, ChangeMerger.Write<PendingWrites.Staged> w)
      throws HelpdeskRetry.GaveUp, TicketPace.Spent {
    pace.check(hd.id(), ticket.id(), hd.pace());
    for (PendingWrites.Staged s : w.origins()) store.writeLog().pending(hd.id() + " " + s.marker(), hd.id(), ticket.id());
    hd.retry().call(() -> {
      hd.connection().apply(ticket, w.change(), w.marker());
      return null;
    });
    for (PendingWrites.Staged s : w.origins()) store.writeLog().written(hd.id() + " " + s.marker());
    pace.record(hd.id(), ticket.id(), hd.pace());
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
