package io.helpdeskbridge.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.correlation.OrderResolver;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.BridgeHeaders;
import io.helpdeskbridge.intake.Sources;
import io.helpdeskbridge.intake.WebhookComponent;
import io.helpdeskbridge.intake.WebhookConsumer;
import io.helpdeskbridge.observe.BridgeMeters;
import io.helpdeskbridge.observe.Correlation;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.sweep.ShipmentBook;
import io.helpdeskbridge.ticket.PendingWrites;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketPace;
import io.helpdeskbridge.resilience.HelpdeskGuard;
import io.helpdeskbridge.spi.HelpdeskException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one inbox row through the routes: normalizes the stored payload with the source's plugin
 * (current code, so replays use today's rules), hands each canonical event to the source's route,
 * and finishes the row as done, ignored (no step wrote anything) or dead (with the error).
 */
public final class InboxProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;
  private final Sources sources;
  private final WebhookComponent routes;
  private final Clock clock;
  private final OrderResolver resolver;
  private final ShipmentBook shipments;

  private final Redelivery redelivery;
  private final Flusher flusher;
  private final java.time.Duration coalesceWindow;

  /** Writes what the ticket steps of a batch held back (the ticket writer's flush). */
  @FunctionalInterface
  public interface Flusher {
    PendingWrites.Flushed flush(PendingWrites pending);

    Flusher NONE = p -> new PendingWrites.Flushed(Map.of(), Map.of());
  }

  /** The most rows of one order taken in one batch. */
  static final int MAX_BATCH = 100;

  public InboxProcessor(Store store, Sources sources, WebhookComponent routes, Clock clock) {
    this(store, sources, routes, clock, Redelivery.defaults(), Flusher.NONE, java.time.Duration.ZERO);
  }

  /**
   * @param coalesceWindow how long a fresh event waits so that what else comes for its order
   *     meanwhile is written to the ticket together with it; zero writes at once
   */
  public InboxProcessor(Store store, Sources sources, WebhookComponent routes, Clock clock, Redelivery redelivery,
      Flusher flusher, java.time.Duration coalesceWindow) {
    this.redelivery = redelivery;
    this.store = store;
    this.sources = sources;
    this.routes = routes;
    this.clock = clock;
    this.flusher = flusher;
    this.coalesceWindow = coalesceWindow;
    this.resolver = new OrderResolver(store.aliases());
    this.shipments = new ShipmentBook(new Jdbc(store.dataSource()), clock);
  }

  /**
   * Applies the row, together with every other row of its order that may go now: they run through
   * the routes in the vendor's order, and the ticket changes they make are written once per ticket.
   */
  public void process(long inboxId) {
    for (int round = 0; round < 1000; round++) {
      InboxRow row = store.inbox().get(inboxId).orElse(null);
      if (row == null || row.status() != InboxStatus.RECEIVED) return;
      Instant now = clock.instant();
      // a waiting row comes back through the sweeper when due (a batch may have deferred it meanwhile)
      if (row.nextAttemptAt() != null && row.nextAttemptAt().isAfter(now)) return;
      boolean ordered = row.orderKey() != null && !row.orderKey().equals("unknown");
      if (ordered) {
        var ahead = store.inbox().earlierWaiting(row.orderKey(), row.id(), now);
        if (ahead.isPresent()) {
          // keep the order: this event waits behind the earlier one of the same order
          store.inbox().defer(row.id(), ahead.get(), "waiting behind an earlier event of " + row.orderKey());
          return;
        }
      }
      if (row.attempts() == 0 && row.nextAttemptAt() == null && !coalesceWindow.isZero()) {
        Instant until = row.receivedAt().plus(coalesceWindow);
        if (until.isAfter(now)) {
          store.inbox().defer(row.id(), until, null);
          return;
        }
      }
      List<InboxRow> batch = ordered ? store.inbox().batch(row.orderKey(), now, MAX_BATCH) : List.of(row);
      if (batch.isEmpty()) batch = List.of(row);
      run(batch);
      // more rows of this order were due than one batch takes: go on until this one is through
    }
  }

  /**
   * What the routes made of one row before the batch's writes; {@code types} are its canonical
   * events and {@code outcomes} what its steps did themselves (both for the meters).
   */
  private record Routed(InboxRow row, int attempt, List<String> types, List<TicketOutcome> outcomes, List<String> lines,
      boolean anyStep, Throwable failure, String ignored) {}

  private void run(List<InboxRow> batch) {
    PendingWrites pending = new PendingWrites();
    List<Routed> toFinish = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      InboxRow row = batch.get(i);
      try (Correlation ids = correlate(row)) {
        store.inbox().startAttempt(row.id(), clock.instant());
        Routed routed = route(row, row.attempts() + 1, pending);
        if (routed.ignored() != null) {
          finish(row, InboxStatus.IGNORED, routed.ignored(), null);
          BridgeMeters.global().ignored(row.source());
        } else if (routed.failure() != null) {
          Instant next = failed(row, routed.attempt(), routed.failure(), routed.lines().isEmpty() ? null : String.join("; ", routed.lines()));
          if (next == null) {
            countDead(routed);
          } else {
            // the rest of the order waits behind it, in order
            for (InboxRow later : batch.subList(i + 1, batch.size())) {
              store.inbox().defer(later.id(), next, "waiting behind an earlier event of " + later.orderKey());
            }
            break;
          }
        } else {
          toFinish.add(routed);
        }
      }
    }
    PendingWrites.Flushed flushed;
    // the flush writes for the whole batch: one order, several events
    try (Correlation ids = Correlation.open()) {
      Correlation.put(Correlation.SOURCE, batch.get(0).source());
      Correlation.put(Correlation.ORDER_KEY, batch.get(0).orderKey());
      try {
        flushed = pending.isEmpty() ? Flusher.NONE.flush(pending) : flusher.flush(pending);
      } catch (RuntimeException e) {
        for (Routed r : toFinish) {
          try (Correlation row = correlate(r.row())) {
            if (failed(r.row(), r.attempt(), e, null) == null) countDead(r);
          }
        }
        return;
      }
    }
    for (Routed r : toFinish) {
      try (Correlation ids = correlate(r.row())) {
        String outcome = String.join("; ", r.lines());
        List<TicketOutcome> written = flushed.outcomes().get(r.row().id());
        if (written != null) outcome += " -> " + written.stream().map(TicketOutcome::toString).collect(Collectors.joining(", "));
        List<TicketOutcome> all = new ArrayList<>(r.outcomes());
        if (written != null) all.addAll(written);
        countWrites(all);
        Exception failure = flushed.failures().get(r.row().id());
        if (failure != null) {
          if (failed(r.row(), r.attempt(), failure, outcome) == null) countDead(r);
        } else if (r.anyStep()) {
          finish(r.row(), InboxStatus.DONE, outcome, null);
          for (String type : r.types()) BridgeMeters.global().applied(r.row().source(), type);
        } else {
          finish(r.row(), InboxStatus.IGNORED, outcome, null);
          BridgeMeters.global().ignored(r.row().source());
        }
      }
    }
  }

  /** The row's ids for the log lines of its processing (closing the scope removes them). */
  private static Correlation correlate(InboxRow row) {
    Correlation ids = Correlation.open();
    Correlation.put(Correlation.SOURCE, row.source());
    Correlation.put(Correlation.EVENT_ID, row.eventId());
    Correlation.put(Correlation.ORDER_KEY, row.orderKey());
    Correlation.put(Correlation.INBOX_ID, row.id());
    return ids;
  }

  /** Each canonical event of a dead row, or one {@code unknown} when the row could not be read. */
  private static void countDead(Routed r) {
    if (r.types().isEmpty()) BridgeMeters.global().dead(r.row().source(), "unknown");
    for (String type : r.types()) BridgeMeters.global().dead(r.row().source(), type);
  }

  /** What the ticket steps did, once per event and ticket; the ticket id joins the log lines that follow. */
  private static void countWrites(List<TicketOutcome> outcomes) {
    for (TicketOutcome o : outcomes) {
      if (o.action() == TicketOutcome.Action.QUEUED || o.action() == TicketOutcome.Action.DRY_RUN) continue;
      BridgeMeters.global().ticketWrite(o.helpdesk(), o.action().db());
      if (o.ticketId() != null) Correlation.put(Correlation.TICKET_ID, o.ticketId());
    }
  }

  /** Normalizes the stored payload with today's plugin and hands each canonical event to the source's route. */
  private Routed route(InboxRow row, int attempt, PendingWrites pending) {
    List<String> lines = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<TicketOutcome> outcomes = new ArrayList<>();
    try {
      Sources.Source source = sources.get(row.source())
          .orElseThrow(() -> new IllegalStateException("source '" + row.source() + "' is no longer enabled"));
      Map<String, String> headers = JSON.readValue(row.headersJson(), new TypeReference<Map<String, String>>() {});
      WebhookRequest request = new WebhookRequest(row.source(), headers, row.body().getBytes(StandardCharsets.UTF_8), row.receivedAt());
      JsonNode payload = JSON.readTree(row.body());
      String origin = row.source() + "/" + row.eventId();
      resolver.learn(source.plugin().orderFacts(request, payload), origin);
      List<OrderEvent> events = source.plugin().normalize(request, payload, source.settings()).stream()
          .map(e -> resolver.resolve(e, origin))
          .map(e -> e.order().orderId() != null ? e : resolver.lookUp(e, origin, ref -> {
            try {
              return source.plugin().lookupOrderNumber(ref, source.settings());
            } catch (io.helpdeskbridge.spi.EventSource.OrderLookupUnavailable unavailable) {
              throw new Redelivery.OrderUnknownYet(row.source(), unavailable);
            } catch (java.io.IOException | RuntimeException failure) {
              LOG.warn("{} could not look up the order of {}: {}", row.source(), ref.key(), failure.getMessage());
              return java.util.Optional.empty();
            }
          }))
          .toList();
      // after resolve: the aliases now name the order of the parcels this delivery reports
      shipments.recordAll(() -> source.plugin().shipmentStates(request, payload), store.aliases(), origin);
      events.forEach(e -> types.add(e.type()));
      if (events.isEmpty()) {
        return new Routed(row, attempt, types, outcomes, lines, false, null, "ignored: no canonical event for " + row.vendorType());
      }
      WebhookConsumer route = routes.consumer(row.source()).orElse(null);
      if (route == null) {
        // a route file being reloaded has no consumer for a moment: the first delivery waits for it
        if (attempt == 1) return new Routed(row, attempt, types, outcomes, lines, false, new Redelivery.RouteMissing(row.source()), null);
        return new Routed(row, attempt, types, outcomes, lines, false, null, "ignored: no route consumes webhook:" + row.source());
      }
      boolean anyStep = false;
      for (OrderEvent event : events) {
        Correlation.put(Correlation.ORDER_KEY, event.order().key());
        Exchange done = route.deliver(ex -> {
          ex.getMessage().setBody(event);
          ex.getMessage().setHeader(BridgeHeaders.EVENT_TYPE, event.type());
          ex.getMessage().setHeader(BridgeHeaders.SOURCE, event.source());
          ex.getMessage().setHeader(BridgeHeaders.VENDOR_TYPE, event.vendorType());
          ex.getMessage().setHeader(BridgeHeaders.ORDER_KEY, event.order().key());
          ex.getMessage().setHeader(BridgeHeaders.INBOX_ID, row.id());
          ex.setProperty(BridgeHeaders.PENDING_WRITES, pending);
        });
        if (done.getException() != null) return new Routed(row, attempt, types, outcomes, lines, anyStep, done.getException(), null);
        @SuppressWarnings("unchecked")
        List<TicketOutcome> written = done.getProperty(BridgeHeaders.OUTCOMES, List.class);
        if (written == null || written.isEmpty()) {
          lines.add(event.type() + ": no route step handled it");
        } else {
          anyStep = true;
          outcomes.addAll(written);
          lines.add(event.type() + ": " + written.stream().map(TicketOutcome::toString).collect(Collectors.joining(", ")));
        }
      }
      return new Routed(row, attempt, types, outcomes, lines, anyStep, null, null);
    } catch (Exception e) {
      return new Routed(row, attempt, types, outcomes, lines, false, e, null);
    }
  }

  /**
   * A passing failure waits for its next attempt; anything else, or the last attempt, is dead. A
   * spent budget (the ticket's or the account's) is not a failure: the row waits without using an
   * attempt, however long the backlog.
   * Returns when the row is due again, or null when it is dead.
   */
  private Instant failed(InboxRow row, int attempt, Throwable failure, String outcome) {
    String error = describe(failure);
    HelpdeskException wait = waiting(failure);
    if (wait != null) {
      Instant at = clock.instant().plus(wait.retryAfter().orElse(java.time.Duration.ofSeconds(1)));
      store.inbox().postpone(row.id(), at, wait.getMessage());
      LOG.info("{} {} {} (order {}) waits until {}: {}", row.source(), row.vendorType(), row.eventId(), row.orderKey(), at,
          wait.getMessage());
      return at;
    }
    Instant next = Redelivery.passing(failure) ? redelivery.next(attempt, clock.instant()) : null;
    if (next == null) {
      finish(row, InboxStatus.DEAD, outcome, attempt > 1 ? error + " (delivery " + attempt + " of " + redelivery.maxAttempts() + ")" : error);
      return null;
    }
    store.inbox().defer(row.id(), next, error);
    LOG.warn("{} {} {} (order {}) failed delivery {} of {}, next at {}: {}", row.source(), row.vendorType(), row.eventId(),
        row.orderKey(), attempt, redelivery.maxAttempts(), next, error);
    return next;
  }

  /** A budget that is spent (the ticket's, or the account's) is a reason to wait, not a failure. */
  private static HelpdeskException waiting(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TicketPace.Spent || t instanceof HelpdeskGuard.BudgetExhausted) return (HelpdeskException) t;
    }
    return null;
  }

  private void finish(InboxRow row, InboxStatus status, String outcome, String error) {
    store.inbox().finish(row.id(), status, outcome, error, clock.instant());
    if (status == InboxStatus.DEAD) {
      LOG.error("{} {} {} (order {}) is DEAD: {}", row.source(), row.vendorType(), row.eventId(), row.orderKey(), error);
    } else {
      LOG.info("{} {} {} (order {}) {}: {}", row.source(), row.vendorType(), row.eventId(), row.orderKey(), status.db(), outcome);
    }
  }

  /** The innermost useful message: the helpdesk's answer rather than Camel's wrapping. */
  static String describe(Throwable t) {
    Throwable cur = t;
    while (cur instanceof org.apache.camel.CamelExecutionException && cur.getCause() != null) cur = cur.getCause();
    String msg = cur.getMessage();
    return cur.getClass().getSimpleName() + ": " + (msg == null ? "(no message)" : msg);
  }
}
