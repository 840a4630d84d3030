package io.helpdeskbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the cluster variables: names, defaults, and that a bad value names its variable. */
class ClusterSettingsTest {

  @Test
  void withoutABootstrapTheBridgeStaysEmbedded() {
    assertThat(ClusterSettings.from(Map.of())).isEmpty();
    assertThat(ClusterSettings.from(Map.of("BRIDGE_KAFKA_BOOTSTRAP", " "))).isEmpty();
  }

  @Test
  void defaults() {
    assertThat(ClusterSettings.from(Map.of("BRIDGE_KAFKA_BOOTSTRAP", "k1:9092,k2:9092"))).contains(
        new ClusterSettings("k1:9092,k2:9092", "helpdesk-bridge.inbox", 12, (short) 1, "helpdesk-bridge", 4,
            Duration.ofSeconds(10)));
  }

  @Test
  void everyVariableIsRead() {
    assertThat(ClusterSettings.from(Map.of("BRIDGE_KAFKA_BOOTSTRAP", "k:9092", "BRIDGE_KAFKA_TOPIC", "t",
        "BRIDGE_KAFKA_PARTITIONS", "24", "BRIDGE_KAFKA_REPLICATION", "3", "BRIDGE_KAFKA_GROUP", "g",
        "BRIDGE_KAFKA_CONSUMERS", "8", "BRIDGE_KAFKA_SESSION_TIMEOUT_MS", "45000"))).contains(
        new ClusterSettings("k:9092", "t", 24, (short) 3, "g", 8, Duration.ofSeconds(45)));
  }

  @Test
  void aMalformedValueNamesTheVariable() {
    assertThatThrownBy(() -> ClusterSettings.from(Map.of("BRIDGE_KAFKA_BOOTSTRAP", "k:9092", "BRIDGE_KAFKA_PARTITIONS", "0")))
        .hasMessageContaining("BRIDGE_KAFKA_PARTITIONS=0");
  }
}
