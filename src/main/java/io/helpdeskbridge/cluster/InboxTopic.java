package io.helpdeskbridge.cluster;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the inbox topic when it is missing, with the configured partitions and replication
 * (brokers usually refuse auto-creation, and its defaults would be wrong anyway). An existing
 * topic is left as it is; fewer partitions than configured is only logged, since adding
 * partitions moves keys and is the operator's call.
 */
final class InboxTopic {
  private static final Logger LOG = LoggerFactory.getLogger(InboxTopic.class);

  private final ClusterSettings settings;
  private volatile boolean ready;

  InboxTopic(ClusterSettings settings) {
    this.settings = settings;
  }

  /** Makes sure the topic exists; cheap once it did. Throws while Kafka cannot be reached. */
  void ensure() {
    if (ready) return;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(p)) {
      try {
        admin.createTopics(List.of(new NewTopic(settings.topic(), settings.partitions(), settings.replication())))
            .all().get(15, TimeUnit.SECONDS);
        LOG.info("created Kafka topic {} ({} partitions, replication {})", settings.topic(), settings.partitions(),
            settings.replication());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) throw e;
        Map<String, TopicDescription> d = admin.describeTopics(List.of(settings.topic())).allTopicNames().get(15, TimeUnit.SECONDS);
        int have = d.get(settings.topic()).partitions().size();
        if (have < settings.partitions()) {
          LOG.warn("Kafka topic {} has {} partitions, BRIDGE_KAFKA_PARTITIONS asks for {}; left as it is", settings.topic(),
              have, settings.partitions());
        }
      }
      ready = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the Kafka topic", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka topic " + settings.topic() + " could not be checked or created at "
          + settings.bootstrap() + ": " + (e.getCause() != null ? e.getCause() : e), e);
    }
  }
}
