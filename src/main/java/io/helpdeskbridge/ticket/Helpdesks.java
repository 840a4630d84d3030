package io.helpdeskbridge.ticket;

import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.HelpdeskConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open helpdesk connections by connector id, each with its retry policy, and which one
 * {@code ticket:default} means.
 */
public final class Helpdesks implements AutoCloseable {

  /** One connection, the retry that guards its calls, and the helpdesk's per-ticket update limit. */
  public record Entry(String id, HelpdeskConnection connection, HelpdeskRetry retry, TicketPace.Limit pace) {
    public Entry(String id, HelpdeskConnection connection, HelpdeskRetry retry) {
      this(id, connection, retry, TicketPace.Limit.none());
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final String defaultId;

  public Helpdesks(Map<String, Entry> entries, String defaultId) {
    this.entries.putAll(entries);
    this.defaultId = defaultId;
  }

  public Optional<Entry> get(String name) {
    return Optional.ofNullable(entries.get("default".equals(name) ? defaultId : name));
  }

  public String defaultId() {
    return defaultId;
  }

  public Map<String, Entry> all() {
    return entries;
  }

  @Override
  public void close() {
    entries.values().forEach(e -> e.connection().close());
  }
}
