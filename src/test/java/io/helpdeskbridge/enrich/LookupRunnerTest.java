package io.helpdeskbridge.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector's budget as a vendor sees it: its 429s pause every lookup, its daily quota holds. */
class LookupRunnerTest {
  final ExecutorService pool = Executors.newSingleThreadExecutor();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicReference<IOException> failWith = new AtomicReference<>();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T02:00:00Z"));

  final Lookup carrier = new Lookup() {
    public String id() { return "carrier"; }
    public Stage stage() { return Stage.SHIPMENT; }
    public String describes() { return "shipment (Carrier)"; }
    public boolean enabled(ConnectorSettings s) { return true; }
    public Found lookUp(Known known, ConnectorSettings s) throws IOException {
      calls.incrementAndGet();
      IOException e = failWith.getAndSet(null);
      if (e != null) throw e;
      return Found.builder().value("shipment_status", "in transit").build();
    }
  };

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  LookupRunner runner(Map<String, Object> settings) {
    return new LookupRunner(carrier, new ConnectorSettings("carrier", "carrier", "connectors/carrier.yaml", settings), clock);
  }

  static Lookup.Known parcel(String n) {
    return new Lookup.Known(null, null, List.of(), List.of(new Lookup.Parcel(n, "UPS")));
  }

  @Test
  void aRateLimitRefusalPausesEveryLookupOfTheConnectorForTheRetryAfter() throws Exception {
    LookupRunner r = runner(Map.of("lookup-cache-seconds", "0"));
    failWith.set(new Lookup.RateLimited("429", Duration.ofSeconds(30)));
    assertThatThrownBy(() -> r.run(parcel("1Z1"), pool)).isInstanceOf(LookupRunner.Failed.class).hasMessage("429");

    assertThatThrownBy(() -> r.run(parcel("1Z2"), pool)).isInstanceOf(LookupRunner.Failed.class)
        .hasMessageContaining("rate limited by the vendor: no calls for 30 s more");
    clock.advance(Duration.ofSeconds(29));
    assertThatThrownBy(() -> r.run(parcel("1Z3"), pool)).hasMessageContaining("no calls for 1 s more");
    assertThat(calls).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(r.run(parcel("1Z4"), pool).values()).containsEntry("shipment_status", "in transit");
    assertThat(calls).hasValue(2);
  }

  @Test
  void withoutRetryAfterThePauseIsTheConnectorsDelay() throws Exception {
    LookupRunner r = runner(Map.of("rate-limit-delay-seconds", "5", "lookup-cache-seconds", "0"));
    failWith.set(new Lookup.RateLimited("quota", null));
    assertThatThrownBy(() -> r.run(parcel("1Z1"), pool)).isInstanceOf(LookupRunner.Failed.class);
    assertThatThrownBy(() -> r.run(parcel("1Z2"), pool)).hasMessageContaining("no calls for 5 s more");
    clock.advance(Duration.ofSeconds(5));
    r.run(parcel("1Z3"), pool);
    assertThat(calls).hasValue(2);
  }

  @Test
  void anOrdinaryFailureDoesNotPause() throws Exception {
    LookupRunner r = runner(Map.of("lookup-cache-seconds", "0"));
    failWith.set(new IOException("Carrier answered 503"));
    assertThatThrownBy(() -> r.run(parcel("1Z1"), pool)).hasMessage("Carrier answered 503");
    r.run(parcel("1Z2"), pool);
    assertThat(calls).hasValue(2);
  }

  @Test
  void theDailyQuotaStopsCallsOnceSpentButTheCacheStillAnswers() throws Exception {
    LookupRunner r = runner(Map.of("lookups-per-day", "2"));
    r.run(parcel("1Z1"), pool);
    r.run(parcel("1Z2"), pool);
    assertThatThrownBy(() -> r.run(parcel("1Z3"), pool)).isInstanceOf(LookupRunner.Failed.class)
        .hasMessage("the daily quota of 2 lookups is used up");
    assertThat(r.run(parcel("1Z1"), pool).values()).containsKey("shipment_status");
    assertThat(calls).hasValue(2);
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    public ZoneId getZone() { return ZoneId.of("UTC"); }
    public Clock withZone(ZoneId zone) { return this; }
    public Instant instant() { return now; }
  }

  @Test
  void aLookupThatDoesNotApplyAnswersNothingWithoutSpendingTheQuota() throws Exception {
    Lookup upsOnly = new Lookup() {
      public String id() { return "ups"; }
      public Stage stage() { return Stage.SHIPMENT; }
      public String describes() { return "shipment (UPS)"; }
      public boolean enabled(ConnectorSettings s) { return true; }
      public boolean applies(Known known) { return known.parcels().stream().anyMatch(p -> "UPS".equals(p.carrier())); }
      public Found lookUp(Known known, ConnectorSettings s) { calls.incrementAndGet(); return Found.builder().value("carrier", "UPS").build(); }
    };
    LookupRunner r = new LookupRunner(upsOnly, new ConnectorSettings("ups", "ups", "connectors/ups.yaml", Map.of("lookups-per-day", "1")), clock);
    Lookup.Known fedex = new Lookup.Known(null, null, List.of(), List.of(new Lookup.Parcel("123456789012", "FedEx")));
    assertThat(r.run(fedex, pool).isEmpty()).isTrue();
    assertThat(r.run(fedex, pool).isEmpty()).isTrue();
    assertThat(r.run(parcel("1Z1"), pool).values()).containsEntry("carrier", "UPS");
    assertThat(calls).hasValue(1);
  }
}
