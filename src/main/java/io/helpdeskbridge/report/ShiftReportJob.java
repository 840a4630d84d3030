package io.helpdeskbridge.report;

import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.store.WriteLog;
import io.helpdeskbridge.ticket.Helpdesks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The daily shift report: at {@code BRIDGE_SHIFT_REPORT_AT} in the report's zone it builds the
 * report of the shift that just ended (since {@code BRIDGE_SHIFT_REPORT_SINCE}), writes it as
 * Markdown and HTML under {@code data/reports/}, and, when {@code BRIDGE_SHIFT_REPORT_TICKET} names
 * one, posts the Markdown as an internal note on that ticket.
 *
 * <p>Every instance ticks once a minute; the cluster makes each day's report once. A ShedLock lock
 * per day ({@code shift-report 2026-03-15}, table {@code shedlock}, the database's clock) is taken
 * for the run and, once the report is made, kept for {@link #DONE_FOR}, so no instance makes that
 * day again, across restarts too. A failed run keeps the lock {@link #RETRY_AFTER} and is then
 * tried again. An instance that comes up after the due time makes the report late, up to {@link
 * #CATCH_UP} after it. The note is posted once per day even if a report is made twice (a lock lost
 * to a very slow run): the write log records it by its marker, as the ticket writer does, and a
 * write interrupted by a crash is checked on the ticket before it is made again.
 *
 * @see <a href="https://github.com/lukas-krecan/ShedLock#jdbctemplate">ShedLock JdbcTemplate provider</a>
 */
public final class ShiftReportJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShiftReportJob.class);

  static final String LOCK_PREFIX = "shift-report ";
  /** A run holds the day's lock this long at most (a dead instance's run is taken over after it). */
  static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);
  /** A day's report is made: its lock is kept longer than a day, so the day is never made again. */
  static final Duration DONE_FOR = Duration.ofDays(3);
  /** A failed run is tried again after this. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(10);
  /** Past this after the due time, a missed report is no longer made (the `report` command still can). */
  static final Duration CATCH_UP = Duration.ofHours(12);
  static final Duration TICK = Duration.ofMinutes(1);

  /**
   * The job's settings, from the environment; a malformed value stops start-up naming its variable.
   *
   * @param at when the report is due each day ({@code BRIDGE_SHIFT_REPORT_AT}); null: the job is off
   * @param since where the shift starts, before the due time ({@code BRIDGE_SHIFT_REPORT_SINCE}, a
   *     time of day or a duration; default {@code 22:00})
   * @param zone the report's zone ({@code BRIDGE_REPORT_ZONE}, default the machine's)
   * @param helpdesk the connector of {@code ticketId}; null: the default helpdesk
   * @param ticketId the ticket that gets the report as an internal note ({@code
   *     BRIDGE_SHIFT_REPORT_TICKET}, {@code 4242} or {@code zendesk:4242}); null: not posted
   * @param folder where the Markdown and HTML files go ({@code $BRIDGE_HOME/data/reports})
   */
  public record Settings(LocalTime at, ReportPeriod.Point since, ZoneId zone, String helpdesk, String ticketId, Path folder) {

    public static final String AT = "BRIDGE_SHIFT_REPORT_AT";
    public static final String SINCE = "BRIDGE_SHIFT_REPORT_SINCE";
    public static final String TICKET = "BRIDGE_SHIFT_REPORT_TICKET";

    public static Settings from(Map<String, String> env, Path home) {
      String atText = env.get(AT);
      LocalTime at = null;
      if (atText != null && !atText.isBlank()) {
        ReportPeriod.Point p;
        try {
          p = ReportPeriod.parse(atText);
        } catch (IllegalArgumentException e) {
          p = null;
        }
        if (!(p instanceof ReportPeriod.TimeOfDay t)) {
          throw new IllegalStateException(AT + "=" + atText.strip() + " is not a time of day such as 06:00");
        }
        at = t.time();
      }
      String sinceText = env.getOrDefault(SINCE, "");
      ReportPeriod.Point since;
      try {
        since = ReportPeriod.parse(sinceText.isBlank() ? "22:00" : sinceText);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(SINCE + "=" + sinceText.strip() + ": " + e.getMessage());
      }
      if (!(since instanceof ReportPeriod.TimeOfDay || since instanceof ReportPeriod.Span)) {
        throw new IllegalStateException(SINCE + "=" + sinceText.strip()
            + " is a fixed date; a daily report starts at a time of day (22:00) or a duration before it is due (8h)");
      }
      ZoneId zone;
      try {
        zone = ReportPeriod.zone(null, env);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage());
      }
      String ticket = env.getOrDefault(TICKET, "").strip();
      String helpdesk = null;
      String ticketId = null;
      if (!ticket.isEmpty()) {
        int colon = ticket.lastIndexOf(':');
        helpdesk = colon > 0 ? ticket.substring(0, colon).strip() : null;
        ticketId = ticket.substring(colon + 1).strip();
        if (ticketId.isEmpty() || ticketId.contains(" ")) {
          throw new IllegalStateException(TICKET + "=" + ticket + " is not a ticket id such as 4242 or zendesk:4242");
        }
      }
      return new Settings(at, since, zone, helpdesk, ticketId, home.resolve("data").resolve("reports"));
    }

    /** Whether the job runs at all. */
    public boolean enabled() {
      return at != null;
    }

    /** Whether the report is posted on a ticket. */
    public boolean posts() {
      return ticketId != null;
    }
  }

  /** What one tick did. */
  public enum Result {
    /** Made the day's report now. */
    DONE,
    /** This instance made it already, or it is too late to make it. */
    SKIPPED,
    /** Another instance is making it, has made it, or failed it a moment ago. */
    HELD,
    /** Making it failed; it is tried again after {@link #RETRY_AFTER}. */
    FAILED,
    /** The job is off. */
    OFF
  }

  private final Store store;
  private final Settings settings;
  private final Helpdesks.Entry helpdesk;
  private final ShiftReportQuery query;
  private final Clock clock;
  private final LockProvider locks;
  private volatile LocalDate doneHere;
  private ScheduledExecutorService scheduler;

  /**
   * @throws IllegalStateException when the report is to be posted through a helpdesk that is not enabled
   */
  public ShiftReportJob(Store store, Settings settings, Helpdesks helpdesks, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.query = new ShiftReportQuery(store.dataSource(), helpdesks.all().keySet());
    this.locks = io.helpdeskbridge.store.ClusterLocks.provider(store.dataSource());
    if (settings.enabled() && settings.posts()) {
      String name = settings.helpdesk() == null ? "default" : settings.helpdesk();
      this.helpdesk = helpdesks.get(name).orElseThrow(() -> new IllegalStateException(Settings.TICKET + " names helpdesk '"
          + name + "', which is not enabled (enabled: " + helpdesks.all().keySet() + ")"));
    } else {
      this.helpdesk = null;
    }
  }


  /** Schedules the tick on this instance. Does nothing when the job is off. */
  public void start() {
    if (!settings.enabled()) return;
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shift-report");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("shift report daily at {} ({}), since {}{}", settings.at(), settings.zone().getId(), settings.since().text(),
        helpdesk == null ? "" : ", posted on " + helpdesk.id() + " ticket " + settings.ticketId());
  }

  /** One turn: makes the latest due report when no one has. */
  public Result tick() {
    if (!settings.enabled()) return Result.OFF;
    Instant now = clock.instant();
    Instant due = due(now);
    LocalDate day = due.atZone(settings.zone()).toLocalDate();
    if (day.equals(doneHere) || Duration.between(due, now).compareTo(CATCH_UP) > 0) return Result.SKIPPED;
    Optional<SimpleLock> lock;
    try {
      // lock times are the database's (usingDbTime); the wall clock only satisfies ShedLock's check
      lock = locks.lock(new LockConfiguration(Instant.now(), LOCK_PREFIX + day, LOCK_AT_MOST, Duration.ZERO));
    } catch (RuntimeException e) {
      LOG.warn("shift report: cannot take the lock, trying again next minute: {}", e.toString());
      return Result.FAILED;
    }
    if (lock.isEmpty()) return Result.HELD;
    try {
      make(due, day);
      hold(lock.get(), DONE_FOR);
      doneHere = day;
      // the lock rows of past days have done their work
      new Jdbc(store.dataSource()).update("delete from shedlock where name like ? and name < ?", LOCK_PREFIX + "%",
          LOCK_PREFIX + day.minusDays(7));
      return Result.DONE;
    } catch (Exception e) {
      LOG.warn("shift report for {} failed, trying again in {} min: {}", day, RETRY_AFTER.toMinutes(), e.toString());
      hold(lock.get(), RETRY_AFTER);
      return Result.FAILED;
    }
  }

  /** The latest due time at or before {@code now}. */
  Instant due(Instant now) {
    ZonedDateTime local = now.atZone(settings.zone());
    Instant today = ZonedDateTime.of(local.toLocalDate(), settings.at(), settings.zone()).toInstant();
    return today.isAfter(now) ? ZonedDateTime.of(local.toLocalDate().minusDays(1), settings.at(), settings.zone()).toInstant() : today;
  }

  /** The shift that ends at {@code due}. */
  ReportPeriod period(Instant due) {
    Instant since = settings.since() instanceof ReportPeriod.TimeOfDay t
        ? ReportPeriod.lastBefore(t.time(), settings.zone(), due)
        : due.minus(((ReportPeriod.Span) settings.since()).length());
    return new ReportPeriod(since, due, settings.zone());
  }

  /** The marker of a day's note: the ticket shows it, and the write log keys the post on it. */
  static String marker(LocalDate day) {
    return "[helpdesk-bridge shift-report " + day + "]";
  }

  private void make(Instant due, LocalDate day) throws IOException, HelpdeskRetry.GaveUp {
    ShiftReport report = query.build(period(due), clock.instant());
    String markdown = MarkdownReport.render(report);
    Files.createDirectories(settings.folder());
    Path md = settings.folder().resolve("shift-report-" + day + ".md");
    Path html = settings.folder().resolve("shift-report-" + day + ".html");
    Files.writeString(md, markdown);
    Files.writeString(html, HtmlReport.render(report));
    String posted = helpdesk == null ? "" : post(markdown, day);
    LOG.info("shift report for {} ({}): {} deliveries, {} tickets touched, {} dead letters open; written to {} and {}{}", day,
        ReportText.period(report.period()), report.received(), report.ticketsTouched(), report.dead().open(), md.getFileName(),
        html.getFileName(), posted);
  }

  /** Posts the note once per day: the write log first, then the ticket itself after an interrupted write. */
  private String post(String markdown, LocalDate day) throws HelpdeskRetry.GaveUp {
    String marker = marker(day);
    String key = helpdesk.id() + " " + marker;
    TicketRef ticket = new TicketRef(helpdesk.id(), settings.ticketId());
    Optional<WriteLog.State> state = store.writeLog().state(key);
    if (state.isPresent() && state.get() == WriteLog.State.WRITTEN) return "; already on " + helpdesk.id() + " ticket " + ticket.id();
    if (state.isPresent() && helpdesk.retry().call(() -> helpdesk.connection().hasMarker(ticket, marker))) {
      store.writeLog().written(key);
      return "; already on " + helpdesk.id() + " ticket " + ticket.id() + " (found its marker)";
    }
    store.writeLog().pending(key, helpdesk.id(), ticket.id());
    TicketChange note = new TicketChange(markdown, false, List.of(), List.of(), Map.of(), null, null);
    helpdesk.retry().call(() -> {
      helpdesk.connection().apply(ticket, note, marker);
      return null;
    });
    store.writeLog().written(key);
    return "; posted on " + helpdesk.id() + " ticket " + ticket.id();
  }

  /** Keeps the lock for {@code d} from now (the database's now), so no instance runs the day meanwhile. */
  private static void hold(SimpleLock lock, Duration d) {
    try {
      if (lock.extend(d, d).isEmpty()) LOG.warn("shift report: the lock ran out before the run ended");
    } catch (RuntimeException e) {
      LOG.warn("shift report: cannot keep the lock: {}", e.toString());
      lock.unlock();
    }
  }

  @Override
  public void close() {
    if (scheduler != null) scheduler.shutdownNow();
  }
}
