package io.helpdeskbridge.ticket;

import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.store.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The per-ticket update budget some helpdesks enforce (Zendesk: 30 updates of one ticket per 10
 * minutes). Writes are counted in the store, so the budget survives restarts and is shared by
 * every instance; when a ticket's budget is spent, its events wait and are merged into the next
 * write instead of being refused by the helpdesk.
 */
public final class TicketPace {

  /** At most {@code updates} writes to one ticket within {@code window}; 0 means no limit. */
  public record Limit(int updates, Duration window) {
    public static Limit none() {
      return new Limit(0, Duration.ZERO);
    }

    boolean limited() {
      return updates > 0 && !window.isZero();
    }
  }

  /** The ticket's budget is spent: a passing wait, not a failed delivery. */
  public static final class Spent extends HelpdeskException {
    Spent(String helpdesk, String ticket, Limit limit, Duration wait) {
      super(Kind.RETRYABLE, 0, helpdesk + " ticket " + ticket + " had " + limit.updates() + " updates in the last "
          + limit.window().toMinutes() + " min (the helpdesk's per-ticket limit): waiting " + Math.max(1, wait.toSeconds())
          + " s and merging what comes meanwhile", wait, null);
    }
  }

  private final Jdbc jdbc;
  private final Clock clock;

  public TicketPace(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  /** Throws {@link Spent} when one more write to the ticket would pass the helpdesk's limit. */
  public void check(String helpdesk, String ticketId, Limit limit) throws Spent {
    if (!limit.limited()) return;
    Instant now = clock.instant();
    Instant since = now.minus(limit.window());
    long used = jdbc.one("select count(*) from ticket_writes where helpdesk = ? and ticket_id = ? and at > ?",
        rs -> rs.getLong(1), helpdesk, ticketId, since).orElse(0L);
    if (used < limit.updates()) return;
    Optional<Instant> oldest = jdbc.one("select min(at) as at from ticket_writes where helpdesk = ? and ticket_id = ? and at > ?",
        rs -> Jdbc.instant(rs, "at"), helpdesk, ticketId, since);
    Duration wait = oldest.map(o -> Duration.between(now, o.plus(limit.window()))).orElse(Duration.ofSeconds(1));
    throw new Spent(helpdesk, ticketId, limit, wait.isNegative() ? Duration.ofSeconds(1) : wait);
  }

  public void record(String helpdesk, String ticketId, Limit limit) {
    if (!limit.limited()) return;
    Instant now = clock.instant();
    jdbc.update("insert into ticket_writes (helpdesk, ticket_id, at) values (?, ?, ?)", helpdesk, ticketId, Jdbc.ts(now));
    // rows older than the window count for nothing any more
    jdbc.update("delete from ticket_writes where helpdesk = ? and ticket_id = ? and at <= ?", helpdesk, ticketId,
        Jdbc.ts(now.minus(limit.window())));
  }
}
