package io.helpdeskbridge.sweep;

import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.OrderAliases;
import io.helpdeskbridge.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest known state of every parcel a carrier platform told us about (table {@code
 * shipments}, one row per tracking number), for the stale-shipment sweep. Reports arrive out of
 * order and from more than one platform, so a report replaces the row only when its carrier event
 * is not older than the row's; an older report only fills what the row lacks. A parcel that reached
 * its end stays ended. Concurrent writers are reconciled by a version column, not by locks.
 */
public final class ShipmentBook {
  private static final Logger LOG = LoggerFactory.getLogger(ShipmentBook.class);
  /**
   * A parcel with no carrier event for this long is no longer swept: carriers stop tracking by then
   * (AfterShip marks such trackings Expired after 30 days), and polling it would only cost calls.
   */
  static final Duration GIVE_UP_AFTER = Duration.ofDays(30);
  private static final int WRITE_TRIES = 10;
  private static final String COLUMNS = "tracking_number, carrier, source, tracker_id, order_key, status, delivered,"
      + " est_delivery, overdue_at, last_event_at, tracking_url, created_at, updated_at, last_polled_at, raised_for, version";

  /**
   * One parcel as the book keeps it.
   *
   * @param orderKey the order it belongs to ({@code order:1001}), else {@code tracking:<number>}
   * @param overdueAt when the estimated (UTC) day is over; null without an estimate
   * @param createdAt when the bridge first heard of the parcel (its quiet time starts here when the
   *     carrier never reported an event)
   * @param raisedFor the inbox event id of the last ShipmentDelayed the sweep raised for it
   */
  public record Entry(ShipmentState state, String orderKey, Instant overdueAt, Instant createdAt, Instant updatedAt,
      Instant lastPolledAt, String raisedFor, int version) {

    /** The last time anything was heard of the parcel: its carrier event, else when the bridge learned of it. */
    public Instant quietSince() {
      return state.lastEventAt() != null ? state.lastEventAt() : createdAt;
    }

    public String trackingNumber() {
      return state.trackingNumber();
    }
  }

  private final Jdbc jdbc;
  private final Clock clock;

  public ShipmentBook(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * When a parcel estimated for {@code estimate} is overdue: once the estimate's UTC day is over.
   * Carriers give a day (EasyPost as midnight UTC), so a parcel is not late on the morning of it.
   */
  public static Instant overdueAt(Instant estimate) {
    return estimate == null ? null
        : estimate.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** As below, reading the states here: a plugin that cannot read them costs the delivery nothing either. */
  public void recordAll(java.util.function.Supplier<List<ShipmentState>> states, OrderAliases aliases, String learnedFrom) {
    List<ShipmentState> read;
    try {
      read = states.get();
    } catch (RuntimeException e) {
      LOG.warn("shipment states of {} could not be read: {}", learnedFrom, e.toString());
      return;
    }
    recordAll(read, aliases, learnedFrom);
  }

  /**
   * Records states a delivery stated, each under the order its tracking number resolves to today
   * ({@code order:...} when an alias knows it, else {@code tracking:<number>}), as {@link
   * io.helpdeskbridge.correlation.OrderResolver#peekKey} would give for a tracking-only event.
   * Never throws: the sweep is a safety net, and a state it misses must not cost the delivery.
   */
  public void recordAll(List<ShipmentState> states, OrderAliases aliases, String learnedFrom) {
    for (ShipmentState s : states) {
      if (s == null || blank(s.trackingNumber())) continue;
      try {
        String tracking = "tracking:" + s.trackingNumber();
        record(s, aliases.orderKeyFor(tracking).orElse(tracking));
      } catch (RuntimeException e) {
        LOG.warn("shipment {} from {} not recorded for the stale sweep: {}", s.trackingNumber(), learnedFrom, e.toString());
      }
    }
  }

  /** Upserts one report; see the class comment for which report wins. */
  public void record(ShipmentState s, String orderKey) {
    if (s == null || blank(s.trackingNumber())) return;
    for (int attempt = 0; attempt < WRITE_TRIES; attempt++) {
      Instant now = clock.instant();
      Optional<Entry> current = find(s.trackingNumber());
      if (current.isEmpty()) {
        try {
          jdbc.exec("insert into shipments (tracking_number, carrier, source, tracker_id, order_key, status, delivered,"
              + " est_delivery, overdue_at, last_event_at, tracking_url, created_at, updated_at)"
              + " values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
              s.trackingNumber(), s.carrier(), source(s), s.trackerId(), orderKey(null, orderKey), s.status(),
              s.delivered(), s.estimatedDelivery(), overdueAt(s.estimatedDelivery()), s.lastEventAt(), s.trackingUrl(),
              now, now);
          return;
        } catch (SQLException e) {
          if (!Jdbc.isDuplicateKey(e)) throw new StoreException("insert into shipments", e);
          continue; // another writer was first: merge into its row
        }
      }
      Entry cur = current.get();
      ShipmentState merged = merge(cur.state(), s);
      int n = jdbc.update("update shipments set carrier = ?, source = ?, tracker_id = ?, order_key = ?, status = ?,"
          + " delivered = ?, est_delivery = ?, overdue_at = ?, last_event_at = ?, tracking_url = ?, updated_at = ?,"
          + " version = version + 1 where tracking_number = ? and version = ?",
          merged.carrier(), merged.source(), merged.trackerId(), orderKey(cur.orderKey(), orderKey), merged.status(),
          merged.delivered(), merged.estimatedDelivery(), overdueAt(merged.estimatedDelivery()), merged.lastEventAt(),
          merged.trackingUrl(), now, s.trackingNumber(), cur.version());
      if (n == 1) return;
    }
    throw new StoreException("shipment " + s.trackingNumber() + " changed under every one of " + WRITE_TRIES + " writes",
        null);
  }

  /** What the row says after report {@code s}: the newer carrier event wins; ended stays ended. */
  static ShipmentState merge(ShipmentState cur, ShipmentState s) {
    boolean newer = s.lastEventAt() != null
        ? cur.lastEventAt() == null || !s.lastEventAt().isBefore(cur.lastEventAt())
        : cur.lastEventAt() == null;
    ShipmentState win = newer ? s : cur;
    ShipmentState other = newer ? cur : s;
    // a tracker id belongs to its platform: the pair moves together
    boolean winHasTracker = win.trackerId() != null;
    String source = winHasTracker ? source(win) : other.trackerId() != null ? source(other) : source(win);
    String trackerId = winHasTracker ? win.trackerId() : other.trackerId();
    boolean delivered = cur.delivered() || s.delivered();
    // the end is kept even when a report that does not know it is newer, and says how it ended
    String status = delivered && !win.delivered() ? other.status() : first(win.status(), other.status());
    return new ShipmentState(source, cur.trackingNumber(), first(win.carrier(), other.carrier()), trackerId, status,
        delivered, first(win.estimatedDelivery(), other.estimatedDelivery()),
        first(win.lastEventAt(), other.lastEventAt()), first(win.trackingUrl(), other.trackingUrl()));
  }

  public Optional<Entry> find(String trackingNumber) {
    return jdbc.one("select " + COLUMNS + " from shipments where tracking_number = ?", ShipmentBook::map, trackingNumber);
  }

  /**
   * Parcels the sweep should look at now, least recently polled first: not ended, past their
   * estimated day or without news for {@code quiet}, not polled within {@code pollEvery}, and heard
   * of within {@link #GIVE_UP_AFTER}.
   */
  public List<Entry> candidates(Instant now, Duration quiet, Duration pollEvery, int limit) {
    return jdbc.query("select " + COLUMNS + " from shipments where delivered = false"
        + " and ((overdue_at is not null and overdue_at <= ?) or coalesce(last_event_at, created_at) <= ?)"
        + " and coalesce(last_event_at, created_at) > ?"
        + " and (last_polled_at is null or last_polled_at <= ?)"
        + " order by last_polled_at nulls first, tracking_number fetch first " + Math.max(1, limit) + " rows only",
        ShipmentBook::map, now, now.minus(quiet), now.minus(GIVE_UP_AFTER), now.minus(pollEvery));
  }

  /** Notes that the sweep asked the platform about the parcel at {@code at} (answered or not). */
  public void polled(String trackingNumber, Instant at) {
    jdbc.update("update shipments set last_polled_at = ? where tracking_number = ?", at, trackingNumber);
  }

  /**
   * Notes that a ShipmentDelayed with inbox event id {@code raiseKey} was raised for the parcel.
   * True when it was not noted before. Only a memo that saves a second insert: the inbox's unique
   * (source, event id) is what makes a raise happen once.
   */
  public boolean markRaised(String trackingNumber, String raiseKey) {
    return jdbc.update("update shipments set raised_for = ? where tracking_number = ?"
        + " and (raised_for is null or raised_for <> ?)", raiseKey, trackingNumber, raiseKey) == 1;
  }

  /** The stronger of two order keys: an order number beats a platform id beats a bare tracking number. */
  static String orderKey(String current, String offered) {
    if (blank(offered) || offered.equals("unknown")) return blank(current) ? "unknown" : current;
    return rank(offered) >= rank(current) ? offered : current;
  }

  private static int rank(String key) {
    if (blank(key) || key.equals("unknown")) return 0;
    if (key.startsWith("order:")) return 3;
    if (key.startsWith("tracking:")) return 1;
    return 2;
  }

  private static String source(ShipmentState s) {
    return blank(s.source()) ? "unknown" : s.source();
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Entry map(ResultSet rs) throws SQLException {
    ShipmentState state = new ShipmentState(rs.getString("source"), rs.getString("tracking_number"),
        rs.getString("carrier"), rs.getString("tracker_id"), rs.getString("status"), rs.getBoolean("delivered"),
        Jdbc.instant(rs, "est_delivery"), Jdbc.instant(rs, "last_event_at"), rs.getString("tracking_url"));
    return new Entry(state, Objects.requireNonNullElse(rs.getString("order_key"), "unknown"),
        Jdbc.instant(rs, "overdue_at"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
        Jdbc.instant(rs, "last_polled_at"), rs.getString("raised_for"), rs.getInt("version"));
  }
}
