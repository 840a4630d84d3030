package io.helpdeskbridge.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Where a plugin hands events that reach it by other means than {@code POST /webhooks/<source>}:
 * a subscription it holds (Salesforce's Streaming API), a queue it drains. The engine treats each
 * one exactly like a webhook delivery of the connector's {@link EventSource}: {@link
 * EventSource#eventId} gives the inbox's dedupe key, {@link EventSource#normalize} the canonical
 * events, the row is stored, and only then dispatched to {@code webhook:<source>}. No signature is
 * checked: the plugin vouches for the channel.
 *
 * <p>Lent through {@link HelpdeskContext#inbound()}. A subscription starts in {@link #whenReady},
 * not in {@code connect}: the routes that consume the events are not up before that.
 */
public interface InboundEvents {

  /** Not wired (tools that connect without running the bridge): every call refuses. */
  InboundEvents NONE = new InboundEvents() {
    @Override
    public boolean accept(String sourceId, Map<String, String> headers, byte[] body) {
      throw new IllegalStateException("inbound events are not wired here; source '" + sourceId + "' cannot hand one in");
    }

    @Override
    public Optional<Map<String, String>> newestHeaders(String sourceId) {
      return Optional.empty();
    }

    @Override
    public void whenReady(Runnable start) {
      // never ready: nothing would store what a subscription hears
    }
  };

  /**
   * Stores the event as the inbox row of source connector {@code sourceId} and dispatches it; returns
   * once the row is committed: true for a new row, false when the event id was already stored (the
   * event is then not applied again). Stores nothing and throws {@link IllegalArgumentException}
   * when the event itself is refused (not a JSON object, no event id, too large, no such source):
   * it would be refused again. Any other exception means it could not be stored now (the store is
   * down): the caller must not count the event as handled, and hands it in again later.
   *
   * @param headers kept with the row as a webhook's headers are (lower-cased); the plugin's {@code
   *     eventId}, {@code vendorType} and {@code normalize} read them back
   */
  boolean accept(String sourceId, Map<String, String> headers, byte[] body);

  /**
   * The headers stored with the newest row of {@code sourceId}, any status; empty when there is none
   * (or none left after a purge). A subscription resumes from the position they record.
   */
  Optional<Map<String, String>> newestHeaders(String sourceId);

  /** Runs {@code start} once the bridge consumes events (now, if it already does). Must return quickly. */
  default void whenReady(Runnable start) {
    start.run();
  }
}
