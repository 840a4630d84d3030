package io.helpdeskbridge.enrich;

import io.helpdeskbridge.event.EnrichedTicket;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.ShipmentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers an order's context for a ticket: the order lookups first (they find the order from an
 * email and tell its payments and parcels), then payment and shipment lookups side by side. What
 * a lookup could not fetch is named, never left blank.
 */
public final class Enricher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);

  /** What was found: the template context, and the order key the ticket turned out to be about. */
  /**
   * What the lookups found. {@code shipments} are the parcels' states for the stale-shipment sweep,
   * recorded by {@link #remember} once the order is linked: recorded earlier, a sweep in between
   * could raise a delay under the bare tracking number that no ticket knows yet.
   */
  public record Result(EnrichedTicket context, String orderId, List<String> paymentIds, List<Lookup.Parcel> parcels,
      List<ShipmentState> shipments) {}

  private final List<LookupRunner> runners;
  private final OrderHistory history;
  private final Consumer<List<ShipmentState>> shipments;
  private final ExecutorService pool;
  private final ExecutorService waiters;

  public Enricher(List<LookupRunner> runners, DataSource dataSource, Consumer<List<ShipmentState>> shipments) {
    this.runners = List.copyOf(runners);
    this.history = new OrderHistory(dataSource);
    this.shipments = shipments;
    // lookups wait on vendors, not on the CPU; bounded so a slow vendor cannot pile up threads
    this.pool = Executors.newFixedThreadPool(Math.max(4, runners.size() * 4), r -> {
      Thread t = new Thread(r, "lookup");
      t.setDaemon(true);
      return t;
    });
    // the side-by-side stage waits on the pool from threads of its own, so waiting never holds a lookup thread
    this.waiters = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lookup-wait");
      t.setDaemon(true);
      return t;
    });
  }

  public boolean hasLookups() {
    return !runners.isEmpty();
  }

  public Result enrich(TicketOpened ticket) {
    OrderRef ref = ticket.order();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    String orderId = ref.orderId();
    String email = ref.email();
    LinkedHashSet<String> payments = new LinkedHashSet<>();
    LinkedHashSet<Lookup.Parcel> parcels = new LinkedHashSet<>();
    List<ShipmentState> states = new ArrayList<>();
    if (ref.paymentId() != null) payments.add(ref.paymentId());
    if (ref.trackingNumber() != null) parcels.add(new Lookup.Parcel(ref.trackingNumber(), ref.carrier()));
    if (orderId != null) remembered(orderId, payments, parcels);

    for (LookupRunner r : stage(Lookup.Stage.ORDER)) {
      if (orderId == null && email == null) break;
      try {
        Lookup.Found f = r.run(new Lookup.Known(orderId, email, List.copyOf(payments), List.copyOf(parcels)), pool);
        if (f.orderId() != null && orderId == null) {
          orderId = f.orderId();
          remembered(orderId, payments, parcels);
        }
        absorb(f, values, payments, parcels, states);
        if (email == null) email = f.email();
      } catch (LookupRunner.Failed e) {
        missing.add(r.describes() + ": " + e.getMessage());
      }
    }
    Lookup.Known known = new Lookup.Known(orderId, email, List.copyOf(payments), List.copyOf(parcels));
    List<LookupRunner> rest = new ArrayList<>(stage(Lookup.Stage.PAYMENT));
    rest.addAll(stage(Lookup.Stage.SHIPMENT));
    if (orderId != null || !known.paymentIds().isEmpty() || !known.parcels().isEmpty()) {
      // each runner keeps its own timeout; side by side, the slowest one bounds the wait
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (LookupRunner r : rest) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            return r.run(known, pool);
          } catch (LookupRunner.Failed e) {
            return r.describes() + ": " + e.getMessage();
          }
        }, waiters));
      }
      for (CompletableFuture<Object> call : calls) {
        Object answer = call.join();
        if (answer instanceof Lookup.Found f) absorb(f, values, payments, parcels, states);
        else missing.add((String) answer);
      }
    }
    String orderKey = orderId == null ? null : OrderRef.ofOrder(orderId).key();
    String notFound = null;
    if (orderId == null) {
      notFound = "No order found: the ticket names no order number" + (email == null ? " and no requester email."
          : (stage(Lookup.Stage.ORDER).isEmpty() ? ", and no order lookup is configured to search by " + email + "."
              : ", and no order was found for " + email + "."));
    }
    EnrichedTicket context = new EnrichedTicket(ticket.ticketId(), ticket.subject(), email, orderId != null,
        orderId, values.get("order_status"), values.get("order_items"), values.get("order_total"),
        values.get("order_created"), values.get("payment_status"), values.get("payment_amount"), values.get("last_refund"),
        values.get("shipment_status"), values.get("carrier"), values.get("tracking_number"), values.get("tracking_url"),
        values.get("estimated_delivery"), orderKey == null ? null : fraud(orderKey), notFound, !missing.isEmpty(), missing);
    return new Result(context, orderId, List.copyOf(payments), List.copyOf(parcels), List.copyOf(states));
  }

  /** Records the parcels' states for the stale-shipment sweep; a store failure costs the sweep, not the note. */
  public void remember(Result found) {
    if (found.shipments().isEmpty()) return;
    try {
      shipments.accept(found.shipments());
    } catch (RuntimeException e) {
      LOG.warn("could not remember {} shipment states: {}", found.shipments().size(), e.getMessage());
    }
  }

  private String fraud(String orderKey) {
    String state = history.fraudState(orderKey);
    return state == null ? "no fraud signal received" : state;
  }

  private void remembered(String orderId, LinkedHashSet<String> payments, LinkedHashSet<Lookup.Parcel> parcels) {
    String key = OrderRef.ofOrder(orderId).key();
    payments.addAll(history.aliases(key, "payment:"));
    for (String t : history.aliases(key, "tracking:")) {
      if (parcels.stream().noneMatch(p -> t.equals(p.trackingNumber()))) parcels.add(new Lookup.Parcel(t, null));
    }
  }

  private void absorb(Lookup.Found f, Map<String, String> values, LinkedHashSet<String> payments,
      LinkedHashSet<Lookup.Parcel> parcels, List<ShipmentState> states) {
    f.values().forEach(values::putIfAbsent);
    payments.addAll(f.paymentIds());
    for (Lookup.Parcel p : f.parcels()) {
      // a parcel the bridge knew by number alone is the same parcel once a lookup names its carrier
      parcels.removeIf(q -> q.carrier() == null && q.trackingNumber() != null && q.trackingNumber().equals(p.trackingNumber()));
      parcels.add(p);
    }
    states.addAll(f.shipments());
  }

  private List<LookupRunner> stage(Lookup.Stage stage) {
    return runners.stream().filter(r -> r.lookup().stage() == stage).toList();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    waiters.shutdownNow();
  }
}
