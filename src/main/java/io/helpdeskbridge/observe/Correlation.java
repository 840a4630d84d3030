package io.helpdeskbridge.observe;

import java.util.Map;
import org.slf4j.MDC;

/**
 * The correlation ids of the event being worked on, in SLF4J's MDC, so every log line written
 * meanwhile carries them (the JSON log format prints them as fields, {@code BRIDGE_LOG_FORMAT=json}).
 * Open a scope around one delivery or one inbox row; closing it puts back what the thread had
 * before, so a lane thread never carries one row's ids into the next.
 *
 * <pre>{@code
 * try (var ids = Correlation.open()) {
 *   Correlation.put(Correlation.SOURCE, "stripe");
 *   ...
 * }
 * }</pre>
 */
public final class Correlation implements AutoCloseable {
  public static final String EVENT_ID = "eventId";
  public static final String SOURCE = "source";
  public static final String ORDER_KEY = "orderKey";
  public static final String TICKET_ID = "ticketId";
  public static final String INBOX_ID = "inboxId";

  private final Map<String, String> before;

  private Correlation(Map<String, String> before) {
    this.before = before;
  }

  /** A scope: what is put until {@link #close()} is removed then. */
  public static Correlation open() {
    return new Correlation(MDC.getCopyOfContextMap());
  }

  /** Sets one id for the rest of the scope; a null or blank value removes it. */
  public static void put(String key, Object value) {
    String v = value == null ? null : String.valueOf(value);
    if (v == null || v.isBlank()) MDC.remove(key);
    else MDC.put(key, v);
  }

  @Override
  public void close() {
    if (before == null || before.isEmpty()) MDC.clear();
    else MDC.setContextMap(before);
  }
}
