package io.helpdeskbridge.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.InboundEvents;
import io.helpdeskbridge.testing.SalesforceStreamingStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The subscription over real CometD (camel-salesforce against the streaming stand-in): an event the
 * engine could not store is not lost. The subscription stops storing, resubscribes from the newest
 * stored replay id, and Salesforce sends the failed event and what followed it again.
 */
class SalesforceCaseEventsResubscribeTest {
  private static final String CHANNEL = "/event/Helpdesk_Case_Event__e";

  private final SalesforceStreamingStandIn salesforce;
  private SalesforceCaseEvents events;

  SalesforceCaseEventsResubscribeTest() throws Exception {
    salesforce = new SalesforceStreamingStandIn();
  }

  /**
   * An inbox whose store is down for the first event; like the real one it keeps each event id once
   * (camel-salesforce may hear a message twice) and remembers the headers of the newest row.
   */
  static final class FlakyInbound implements InboundEvents {
    final List<String> stored = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger(1);
    volatile Map<String, String> newest = Map.of(SalesforceCaseSource.REPLAY_ID_HEADER, "100");

    @Override
    public boolean accept(String sourceId, Map<String, String> headers, byte[] body) {
      if (failuresLeft.getAndDecrement() > 0) throw new IllegalStateException("store error (08001): connection refused");
      String uuid = new String(body, StandardCharsets.UTF_8).replaceAll(".*\"EventUuid\":\"([^\"]+)\".*", "$1");
      synchronized (stored) {
        if (stored.contains(uuid)) return false;
        stored.add(uuid);
        newest = headers;
        return true;
      }
    }

    @Override
    public Optional<Map<String, String>> newestHeaders(String sourceId) {
      return Optional.of(newest);
    }
  }

  @AfterEach
  void close() {
    if (events != null) events.close();
    salesforce.close();
  }

  @Test
  void anEventThatCouldNotBeStoredComesAgainWithEverythingAfterIt() {
    Map<String, Object> values = new HashMap<>(Map.of("login-url", salesforce.url(), "client-id", "3MVG9itStreamingKey",
        "client-secret", "sf-it-streaming-secret", "case-events-channel", CHANNEL));
    FlakyInbound inbound = new FlakyInbound();
    events = new SalesforceCaseEvents(
        SalesforceConfig.from(new ConnectorSettings("salesforce", "salesforce", "connectors/salesforce.yaml", values)), inbound);
    salesforce.publish(CHANNEL, 101, "uuid-101", Map.of("CaseId__c", "500xx0000001"));
    salesforce.publish(CHANNEL, 102, "uuid-102", Map.of("CaseId__c", "500xx0000002"));

    events.start();

    await("both events stored after the resubscribe").atMost(Duration.ofSeconds(40))
        .until(() -> inbound.stored.size() >= 2);
    assertThat(inbound.stored).containsExactly("uuid-101", "uuid-102");
    assertThat(salesforce.subscriptions()).extracting(SalesforceStreamingStandIn.Subscription::replayFrom)
        .containsOnly(100L).hasSizeGreaterThanOrEqualTo(2);
    assertThat(inbound.newest).containsEntry(SalesforceCaseSource.REPLAY_ID_HEADER, "102");
  }
}
