package io.helpdeskbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.helpdeskbridge.spi.HelpdeskException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BridgeMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BridgeMeters meters = new BridgeMeters(registry);

  private double count(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void countersCarryTheirLabels() {
    meters.received("stripe");
    meters.received("stripe");
    meters.received("shopify");
    meters.duplicate("stripe");
    meters.rejected("stripe", 400);
    meters.applied("stripe", "RefundIssued");
    meters.dead("shopify", "OrderCancelled");
    meters.ignored("stripe");
    meters.ticketWrite("zendesk", "applied");

    assertThat(count(BridgeMeters.RECEIVED, "source", "stripe")).isEqualTo(2);
    assertThat(count(BridgeMeters.RECEIVED, "source", "shopify")).isEqualTo(1);
    assertThat(count(BridgeMeters.DUPLICATE, "source", "stripe")).isEqualTo(1);
    assertThat(count(BridgeMeters.REJECTED, "source", "stripe", "status", "400")).isEqualTo(1);
    assertThat(count(BridgeMeters.APPLIED, "source", "stripe", "type", "RefundIssued")).isEqualTo(1);
    assertThat(count(BridgeMeters.DEAD, "source", "shopify", "type", "OrderCancelled")).isEqualTo(1);
    assertThat(count(BridgeMeters.IGNORED, "source", "stripe")).isEqualTo(1);
    assertThat(count(BridgeMeters.TICKET_WRITES, "helpdesk", "zendesk", "action", "applied")).isEqualTo(1);
  }

  @Test
  void aMissingLabelValueIsUnknownNotAnError() {
    meters.dead(null, " ");
    assertThat(count(BridgeMeters.DEAD, "source", "unknown", "type", "unknown")).isEqualTo(1);
  }

  @Test
  void helpdeskCallsAreTimedByOutcomeAnd429sCounted() {
    meters.helpdeskCall("zendesk", 2_000_000, null);
    meters.helpdeskCall("zendesk", 1_000_000, HelpdeskException.retryable(429, "slow down", Duration.ofSeconds(1)));
    meters.helpdeskCall("zendesk", 1_000_000, HelpdeskException.retryable(503, "down", null));
    meters.helpdeskCall("zendesk", 1_000_000, HelpdeskException.permanent(422, "invalid"));
    meters.helpdeskCall("zendesk", 1_000_000, new HelpdeskException(HelpdeskException.Kind.CONFLICT, 409, "changed", null, null));
    meters.helpdeskCall("zendesk", 1_000_000, new IllegalStateException("bug"));

    for (String outcome : new String[] {"ok", "rate_limited", "retryable", "rejected", "conflict", "error"}) {
      assertThat(registry.find(BridgeMeters.HELPDESK_CALLS).tags("helpdesk", "zendesk", "outcome", outcome).timer().count())
          .as(outcome).isEqualTo(1);
    }
    assertThat(registry.find(BridgeMeters.HELPDESK_CALLS).tags("outcome", "ok").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(2.0);
    assertThat(count(BridgeMeters.HELPDESK_429, "helpdesk", "zendesk")).isEqualTo(1);
  }

  @Test
  void inboxDepthReadsTheStoreAtMostOncePerPeriodWhateverTheScrapeRate() {
    AtomicInteger queries = new AtomicInteger();
    AtomicLong now = new AtomicLong();
    Map<String, Long>[] counts = new Map[] {Map.of("received", 3L, "dead", 1L)};
    meters.inboxDepth(() -> {
      queries.incrementAndGet();
      return counts[0];
    }, Duration.ofSeconds(10), now::get);

    for (int scrape = 0; scrape < 50; scrape++) {
      assertThat(registry.find(BridgeMeters.INBOX_DEPTH).tag("status", "received").gauge().value()).isEqualTo(3);
      assertThat(registry.find(BridgeMeters.INBOX_DEPTH).tag("status", "dead").gauge().value()).isEqualTo(1);
      assertThat(registry.find(BridgeMeters.INBOX_DEPTH).tag("status", "done").gauge().value()).isZero();
    }
    assertThat(queries).hasValue(1);

    counts[0] = Map.of("received", 0L, "done", 4L);
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(registry.find(BridgeMeters.INBOX_DEPTH).tag("status", "done").gauge().value()).isEqualTo(4);
    assertThat(queries).hasValue(2);
  }

  @Test
  void aFailingStoreLeavesTheLastCountsInPlace() {
    AtomicLong now = new AtomicLong();
    AtomicInteger calls = new AtomicInteger();
    meters.inboxDepth(() -> {
      if (calls.incrementAndGet() > 1) throw new IllegalStateException("store down");
      return Map.of("received", 7L);
    }, Duration.ofSeconds(5), now::get);
    assertThat(registry.find(BridgeMeters.INBOX_DEPTH).tag("status", "received").gauge().value()).isEqualTo(7);
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThat(registry.find(BridgeMeters.INBOX_DEPTH).tag("status", "received").gauge().value()).isEqualTo(7);
    assertThat(calls).hasValue(2);
  }

  @Test
  void withoutARegistryNothingIsRecordedAndNothingFails() {
    BridgeMeters none = new BridgeMeters(null);
    assertThat(none.enabled()).isFalse();
    assertThatCode(() -> {
      none.received("stripe");
      none.rejected("stripe", 400);
      none.helpdeskCall("zendesk", 1, HelpdeskException.retryable(429, "x", null));
      none.inboxDepth(() -> {
        throw new AssertionError("never read");
      }, Duration.ofSeconds(1));
    }).doesNotThrowAnyException();
    assertThat(BridgeMeters.global().enabled()).as("nothing installed in unit tests").isFalse();
  }

  @Test
  void prometheusNamesAreTheDocumentedOnes() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    BridgeMeters m = new BridgeMeters(prometheus);
    m.received("stripe");
    m.duplicate("stripe");
    m.rejected("stripe", 400);
    m.applied("stripe", "RefundIssued");
    m.dead("stripe", "RefundIssued");
    m.ignored("stripe");
    m.ticketWrite("zendesk", "created");
    m.helpdeskCall("zendesk", 1_000_000, HelpdeskException.retryable(429, "x", null));
    m.inboxDepth(Map::of, Duration.ofSeconds(1));
    String scrape = prometheus.scrape();
    assertThat(scrape)
        .contains("bridge_events_received_total{source=\"stripe\"} 1")
        .contains("bridge_events_duplicate_total{source=\"stripe\"} 1")
        .contains("bridge_events_rejected_total{source=\"stripe\",status=\"400\"} 1")
        .contains("bridge_events_applied_total{source=\"stripe\",type=\"RefundIssued\"} 1")
        .contains("bridge_events_dead_total{source=\"stripe\",type=\"RefundIssued\"} 1")
        .contains("bridge_events_ignored_total{source=\"stripe\"} 1")
        .contains("bridge_ticket_writes_total{action=\"created\",helpdesk=\"zendesk\"} 1")
        .contains("bridge_helpdesk_calls_seconds_count{helpdesk=\"zendesk\",outcome=\"rate_limited\"} 1")
        .contains("bridge_helpdesk_calls_seconds_bucket{helpdesk=\"zendesk\",outcome=\"rate_limited\",le=\"0.1\"} 1")
        .contains("bridge_helpdesk_429_total{helpdesk=\"zendesk\"} 1")
        .contains("bridge_inbox_depth{status=\"received\"} 0");
  }
}
