package io.helpdeskbridge.cluster;

import io.helpdeskbridge.store.StoreException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the inbox topic in the cluster's one consumer group (camel-kafka). Each consumer works
 * its partitions one record at a time, so one order's messages are handled in sequence; the
 * record's offset is committed only after {@link LeasedProcessing#process} returned, i.e. the row
 * is done, ignored, dead or deferred (the relay brings a deferred row back when due). Auto-commit
 * is off: a crash before the commit means the record is read again, and finding its row finished
 * costs nothing.
 *
 * <p>While the store is away the record is retried in place for up to a minute; after that, or
 * when the order stays busy on another instance, the exchange fails and {@code breakOnFirstError}
 * makes camel-kafka read the partition again from the last committed offset, never past it.
 *
 * @see <a href="https://camel.apache.org/components/4.18.x/kafka-component.html">camel-kafka: manual commits, breakOnFirstError</a>
 */
public final class InboxConsumerRoute extends RouteBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(InboxConsumerRoute.class);
  static final String ROUTE_ID = "cluster-inbox-consumer";

  private final ClusterSettings settings;
  private final LeasedProcessing processing;
  private final String clientId;
  private final Duration storeOutage;

  InboxConsumerRoute(ClusterSettings settings, LeasedProcessing processing, String clientId, Duration storeOutage) {
    this.settings = settings;
    this.processing = processing;
    this.clientId = clientId;
    this.storeOutage = storeOutage;
  }

  String uri() {
    long session = settings.sessionTimeout().toMillis();
    return "kafka:" + settings.topic()
        + "?brokers=" + settings.bootstrap()
        + "&groupId=" + settings.group()
        + "&clientId=" + clientId + "-consumer"
        + "&consumersCount=" + settings.consumers()
        + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
        + "&autoOffsetReset=earliest"
        // a small poll: a rebalance waits for the records in hand, each of which may call the helpdesk
        + "&maxPollRecords=50"
        + "&sessionTimeoutMs=" + session
        + "&heartbeatIntervalMs=" + Math.max(1000, session / 3)
        + "&pollTimeoutMs=1000";
  }

  @Override
  public void configure() {
    from(uri()).routeId(ROUTE_ID).process(this::handle);
  }

  private void handle(Exchange exchange) {
    String value = exchange.getMessage().getBody(String.class);
    String orderKey = exchange.getMessage().getHeader(KafkaConstants.KEY, String.class);
    long inboxId;
    try {
      inboxId = Long.parseLong(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      LOG.error("skipping a message on {} that is not an inbox id (partition {}, offset {})", settings.topic(),
          exchange.getMessage().getHeader(KafkaConstants.PARTITION), exchange.getMessage().getHeader(KafkaConstants.OFFSET));
      commit(exchange);
      return;
    }
    processWhileStoreReturns(inboxId, orderKey);
    commit(exchange);
  }

  /** A store hiccup is waited out here, so the partition does not spin through re-reads. */
  private void processWhileStoreReturns(long inboxId, String orderKey) {
    long deadline = System.nanoTime() + storeOutage.toNanos();
    long pauseMs = 200;
    while (true) {
      try {
        processing.process(inboxId, orderKey);
        return;
      } catch (StoreException e) {
        if (System.nanoTime() > deadline || !getContext().isStarted()) throw e;
        LOG.warn("inbox row {} waits for the store: {}", inboxId, e.getMessage());
        try {
          Thread.sleep(pauseMs);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pauseMs = Math.min(pauseMs * 2, 5_000);
      }
    }
  }

  private static void commit(Exchange exchange) {
    KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
    try {
      if (manual != null) manual.commit();
    } catch (RuntimeException e) {
      // the partition moved meanwhile: its new owner reads this record again and finds the row finished
      LOG.warn("offset not committed ({}); the record will be read again", e.toString());
    }
  }
}
