package io.helpdeskbridge.plugin.salesforce;

import io.helpdeskbridge.spi.InboundEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceConstants;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's subscription to its Case Platform Event channel ({@code case-events-channel}):
 * camel-salesforce's Streaming API consumer ({@code salesforce:subscribe:/event/…}, CometD long
 * polling on {@code <instance>/cometd/<version>}) in a Camel context of its own, which hands every
 * message, as raw JSON, to the engine's {@link InboundEvents}. It starts once the bridge consumes
 * events ({@link InboundEvents#whenReady}), and subscribes from the replay id stored with the
 * newest Case event in the inbox, so events published while the bridge was stopped arrive too
 * (Salesforce keeps them 72 hours); with none stored, from {@code -1}, new events only. A stored
 * position Salesforce no longer knows falls back to {@code -2}: everything it still keeps, which
 * the inbox's dedupe makes harmless.
 *
 * <p>Durable before acknowledged. CometD has no per-message acknowledgement: camel-salesforce
 * records each message's replay id as it arrives, before the route runs, and resubscribes from that
 * position after a reconnect; an exchange that fails is logged by Camel and never sent again. So
 * when an event cannot be stored (the store is down), the failure is thrown (Camel logs it at
 * ERROR), every later message is refused unstored, and the subscription is torn down and made anew
 * from the newest stored replay id, after 5 s, doubling up to 5 minutes while the store stays
 * down. Salesforce then sends the failed event and what followed again. An event the engine refuses
 * for what it is (not JSON, no id) would be refused again: it is logged at ERROR and passed over.
 *
 * <p>Every instance of a cluster subscribes; the inbox's unique (source, event id) keeps one row.
 *
 * @see <a href="https://camel.apache.org/components/4.18.x/salesforce-component.html">Camel Salesforce
 *     component: Streaming API consumer</a>
 * @see <a href="https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_event_limits.htm">Salesforce:
 *     platform event retention</a>
 */
final class SalesforceCaseEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceCaseEvents.class);
  static final long NEW_EVENTS_ONLY = -1;
  static final long ALL_RETAINED = -2;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final SalesforceConfig config;
  private final InboundEvents inbound;
  private final ScheduledExecutorService worker;
  private final Object lock = new Object();
  private DefaultCamelContext camel;
  private volatile boolean closed;
  private Duration backoff = FIRST_BACKOFF;
  /** Which subscription is current; a message of an older one is dropped (it comes again). */
  private volatile int generation;
  /** A subscription that failed to store an event: its later messages are dropped too. */
  private volatile int failedGeneration = -1;

  SalesforceCaseEvents(SalesforceConfig config, InboundEvents inbound) {
    this.config = config;
    this.inbound = inbound;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "salesforce-" + config.connectorId() + "-events");
      t.setDaemon(true);
      return t;
    });
  }

  /** Subscribes once the bridge consumes events; a failing subscribe is tried again later. */
  void start() {
    inbound.whenReady(() -> worker.execute(this::subscribe));
  }

  /** The replay id of the newest stored Case event, else {@link #NEW_EVENTS_ONLY}. */
  long resumeFrom() {
    return inbound.newestHeaders(config.connectorId())
        .map(h -> h.get(SalesforceCaseSource.REPLAY_ID_HEADER))
        .filter(v -> v != null && v.trim().matches("-?\\d+"))
        .map(v -> Long.parseLong(v.trim()))
        .orElse(NEW_EVENTS_ONLY);
  }

  /** The consumer URI: raw JSON, from {@code replayId}, and everything retained if that is gone. */
  String uri(long replayId) {
    return "salesforce:subscribe:" + config.caseEventsChannel() + "?rawPayload=true&replayId=" + replayId
        + "&fallBackReplayId=" + ALL_RETAINED;
  }

  private void subscribe() {
    if (closed) return;
    DefaultCamelContext fresh = null;
    try {
      long from = resumeFrom();
      fresh = context();
      String uri = uri(from);
      int gen;
      synchronized (lock) {
        gen = ++generation;
      }
      fresh.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from(uri).routeId("salesforce-" + config.connectorId() + "-case-events").process(e -> hear(e, gen));
        }
      });
      fresh.start(); // logs in, handshakes, subscribes
      synchronized (lock) {
        if (closed) {
          stopQuietly(fresh);
          return;
        }
        camel = fresh;
        backoff = FIRST_BACKOFF;
      }
      LOG.info("Salesforce connector '{}': subscribed to {} from replay id {}", config.connectorId(),
          config.caseEventsChannel(), from == NEW_EVENTS_ONLY ? "-1 (new events only)" : String.valueOf(from));
    } catch (Exception e) {
      if (fresh != null) stopQuietly(fresh);
      Duration wait = nextBackoff();
      LOG.error("Salesforce connector '{}': subscribing to {} failed, trying again in {} s: {}", config.connectorId(),
          config.caseEventsChannel(), wait.toSeconds(), SalesforceApi.rootMessage(e));
      schedule(this::subscribe, wait);
    }
  }

  /** One message of the channel: stored through the engine, or thrown back and resubscribed. */
  void hear(Exchange exchange, int gen) {
    String replayId = exchange.getIn().getHeader(SalesforceConstants.HEADER_SALESFORCE_REPLAY_ID, String.class);
    if (gen != generation || gen == failedGeneration) {
      // an earlier event could not be stored: this one comes again after the resubscribe
      LOG.debug("Salesforce connector '{}': replay id {} not stored, waiting to resubscribe", config.connectorId(), replayId);
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (replayId != null) headers.put(SalesforceCaseSource.REPLAY_ID_HEADER, replayId);
    headers.put(SalesforceCaseSource.CHANNEL_HEADER, config.caseEventsChannel());
    String body = exchange.getIn().getBody(String.class);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    try {
      boolean stored = inbound.accept(config.connectorId(), headers, bytes);
      if (!stored) LOG.info("Salesforce connector '{}': replay id {} was stored before", config.connectorId(), replayId);
    } catch (IllegalArgumentException refused) {
      LOG.error("Salesforce connector '{}': event at replay id {} on {} refused and passed over: {}", config.connectorId(),
          replayId, config.caseEventsChannel(), refused.getMessage());
    } catch (RuntimeException notStored) {
      failedGeneration = gen;
      Duration wait = nextBackoff();
      schedule(this::resubscribe, wait);
      throw new IllegalStateException("Salesforce connector '" + config.connectorId() + "': the event at replay id " + replayId
          + " could not be stored; resubscribing from the newest stored event in " + wait.toSeconds() + " s", notStored);
    }
  }

  private void resubscribe() {
    DefaultCamelContext old;
    synchronized (lock) {
      old = camel;
      camel = null;
    }
    if (old != null) stopQuietly(old);
    subscribe();
  }

  private Duration nextBackoff() {
    synchronized (lock) {
      Duration now = backoff;
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      return now;
    }
  }

  private void schedule(Runnable task, Duration wait) {
    if (closed) return;
    try {
      worker.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      LOG.debug("Salesforce connector '{}': not rescheduled, closing", config.connectorId());
    }
  }

  /**
   * A Camel context with a salesforce component of its own: a new subscription must not inherit the
   * replay position the component's CometD client remembers, and the REST calls keep their own
   * session.
   */
  private DefaultCamelContext context() {
    DefaultCamelContext c = new DefaultCamelContext();
    c.disableJMX();
    c.getCamelContextExtension().setName("salesforce-" + config.connectorId() + "-events");
    c.getShutdownStrategy().setTimeout(10);
    SalesforceComponent component = new SalesforceComponent();
    component.setLoginConfig(SalesforceApi.loginConfig(config));
    SalesforceEndpointConfig endpoints = new SalesforceEndpointConfig();
    endpoints.setApiVersion(config.apiVersion());
    endpoints.setRawPayload(true);
    component.setConfig(endpoints);
    component.setHttpClientConnectionTimeout(config.connectTimeout().toMillis());
    component.setPackages(SalesforceApi.class.getPackageName());
    c.addComponent("salesforce", component);
    return c;
  }

  private void stopQuietly(DefaultCamelContext c) {
    try {
      c.stop();
    } catch (RuntimeException e) {
      LOG.debug("stopping the Salesforce events context: {}", e.toString());
    }
  }

  @Override
  public void close() {
    DefaultCamelContext c;
    synchronized (lock) {
      closed = true;
      c = camel;
      camel = null;
    }
    worker.shutdownNow();
    if (c != null) stopQuietly(c);
  }
}
