package io.helpdeskbridge.cluster;

import io.helpdeskbridge.config.BridgeSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Cluster mode's settings, from the environment. {@code BRIDGE_KAFKA_BOOTSTRAP} switches it on;
 * without it the bridge dispatches in-process as before. A malformed value stops start-up with a
 * message naming the variable.
 *
 * @param consumers Kafka consumers (threads) per instance; together the instances should have
 *     about as many as the topic has partitions, since one partition is worked by one consumer
 */
public record ClusterSettings(
    String bootstrap, String topic, int partitions, short replication, String group, int consumers, Duration sessionTimeout) {

  public static Optional<ClusterSettings> from(Map<String, String> env) {
    String bootstrap = env.get("BRIDGE_KAFKA_BOOTSTRAP");
    if (bootstrap == null || bootstrap.isBlank()) return Optional.empty();
    return Optional.of(new ClusterSettings(
        bootstrap.trim(),
        text(env, "BRIDGE_KAFKA_TOPIC", "helpdesk-bridge.inbox"),
        BridgeSettings.intVar(env, "BRIDGE_KAFKA_PARTITIONS", 12, 1, 1000),
        (short) BridgeSettings.intVar(env, "BRIDGE_KAFKA_REPLICATION", 1, 1, 10),
        text(env, "BRIDGE_KAFKA_GROUP", "helpdesk-bridge"),
        BridgeSettings.intVar(env, "BRIDGE_KAFKA_CONSUMERS", 4, 1, 64),
        Duration.ofMillis(BridgeSettings.intVar(env, "BRIDGE_KAFKA_SESSION_TIMEOUT_MS", 10_000, 6_000, 300_000))));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }
}
