package io.helpdeskbridge.cluster;

import io.helpdeskbridge.intake.WebhookIntake;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster dispatch: a stored row goes to the inbox topic, keyed by its order (so one order's
 * messages share a partition), valued by its inbox id. Idempotent producer, {@code acks=all}; a
 * confirmed send marks the row published. A send that fails is no error for intake: the row is
 * committed, and the relay publishes what was not confirmed.
 *
 * <p>Sends are started from one thread of their own: {@code KafkaProducer.send} blocks while it
 * has no metadata (broker away), and intake must not hold a vendor's answer for that.
 *
 * @see <a href="https://kafka.apache.org/39/documentation/#producerconfigs_enable.idempotence">idempotent producer</a>
 */
public final class KafkaDispatch implements WebhookIntake.Dispatch, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaDispatch.class);

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final PublishedMarks marks;
  private final Clock clock;
  /** Rows whose send is queued or unconfirmed: the relay does not send them a second time. */
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new ArrayBlockingQueue<>(20_000), r -> {
        Thread t = new Thread(r, "inbox-kafka-sender");
        t.setDaemon(true);
        return t;
      });

  KafkaDispatch(ClusterSettings settings, ClusterInbox inbox, Clock clock, String clientId) {
    this.topic = settings.topic();
    this.clock = clock;
    this.marks = new PublishedMarks(inbox);
    this.producer = new KafkaProducer<>(producerConfig(settings, clientId), new StringSerializer(), new StringSerializer());
  }

  static Properties producerConfig(ClusterSettings settings, String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-relay");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // give up on a send after 30 s and leave the row to the relay, rather than hold it for 2 minutes
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    return p;
  }

  @Override
  public void submit(long inboxId, String orderKey) {
    if (!inFlight.add(inboxId)) return;
    try {
      sender.execute(() -> send(inboxId, orderKey));
    } catch (RejectedExecutionException full) {
      // a long Kafka outage filled the queue: the relay publishes the row later
      inFlight.remove(inboxId);
    }
  }

  private void send(long inboxId, String orderKey) {
    // the time the send starts: a consumer can defer the row only after this, so a deferred row
    // always has next_attempt_at later than published_at and the relay sees it due again
    Instant sentAt = clock.instant();
    try {
      producer.send(new ProducerRecord<>(topic, orderKey, Long.toString(inboxId)), (meta, failure) -> {
        inFlight.remove(inboxId);
        if (failure == null) {
          marks.add(new ClusterInbox.Published(inboxId, sentAt));
        } else {
          LOG.warn("inbox row {} not published yet ({}); the relay tries again", inboxId, failure.toString());
        }
      });
    } catch (KafkaException | IllegalStateException e) {
      inFlight.remove(inboxId);
      LOG.warn("inbox row {} not published yet ({}); the relay tries again", inboxId, e.toString());
    }
  }

  /** Rows this instance is still sending. */
  int inFlight() {
    return inFlight.size();
  }

  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(5));
    marks.close();
  }
}
