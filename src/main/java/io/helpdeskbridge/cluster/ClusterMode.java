package io.helpdeskbridge.cluster;

import io.helpdeskbridge.dispatch.InboxProcessor;
import io.helpdeskbridge.intake.WebhookIntake;
import io.helpdeskbridge.store.Store;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode assembled: the Kafka dispatch intake submits to, the ShedLock-guarded relay, and
 * the consumer route that processes rows under their order's lease. {@code Bridge} uses it
 * instead of the in-process shards when {@code BRIDGE_KAFKA_BOOTSTRAP} is set.
 */
public final class ClusterMode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMode.class);
  /** How long an order stays blocked after the instance working on it died. */
  static final Duration LEASE_TTL = Duration.ofSeconds(15);

  private final ClusterSettings settings;
  private final InboxTopic topic;
  private final KafkaDispatch dispatch;
  private final InboxRelay relay;
  private final LeasedProcessing processing;
  private final InboxConsumerRoute route;

  public ClusterMode(ClusterSettings settings, Store store, InboxProcessor processor, Clock clock) {
    this.settings = settings;
    // unique per process start: a restarted instance never mistakes its predecessor's lease for its own
    String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    String clientId = "helpdesk-bridge-" + ManagementFactory.getRuntimeMXBean().getPid();
    ClusterInbox inbox = new ClusterInbox(store.dataSource());
    this.topic = new InboxTopic(settings);
    this.dispatch = new KafkaDispatch(settings, inbox, clock, clientId);
    this.relay = new InboxRelay(store.dataSource(), inbox, dispatch, clock, Duration.ofSeconds(3), Duration.ofSeconds(60),
        topic::ensure);
    this.processing = new LeasedProcessing(new OrderLeases(store.dataSource(), LEASE_TTL), processor::process, owner,
        LEASE_TTL, Duration.ofMinutes(2));
    this.route = new InboxConsumerRoute(settings, processing, clientId, Duration.ofMinutes(1));
    try {
      topic.ensure();
    } catch (RuntimeException e) {
      // intake still stores and answers; the relay creates the topic and publishes once Kafka is back
      LOG.warn("{}", e.getMessage());
    }
  }

  public WebhookIntake.Dispatch dispatch() {
    return dispatch;
  }

  public RoutesBuilder consumerRoute() {
    return route;
  }

  /** Starts the relay; the consumers start with Camel's routes. */
  public void start() {
    relay.start(Duration.ofSeconds(1));
    LOG.info("cluster mode: Kafka {} topic {} ({} partitions), group {}, {} consumer(s) here", settings.bootstrap(),
        settings.topic(), settings.partitions(), settings.group(), settings.consumers());
  }

  @Override
  public void close() {
    relay.close();
    dispatch.close();
    processing.close();
  }
}
