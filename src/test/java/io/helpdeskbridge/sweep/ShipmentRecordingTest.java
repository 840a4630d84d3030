package io.helpdeskbridge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.dispatch.InboxProcessor;
import io.helpdeskbridge.intake.Sources;
import io.helpdeskbridge.intake.WebhookComponent;
import io.helpdeskbridge.intake.WebhookIntake;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.store.InboxStatus;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intake (rows that mean nothing) and dispatch (rows that mean events) both fill the shipment book. */
class ShipmentRecordingTest extends SweepStoreTestSupport {

  private final MutableClock clock = new MutableClock("2026-02-12T18:00:00Z");
  private final List<Long> submitted = new CopyOnWriteArrayList<>();
  private final Sources sources = new Sources();
  private final ConnectorSettings settings =
      new ConnectorSettings("easypost", "easypost", "connectors/easypost.yaml", Map.of("webhook-secret", "ep_secret"));
  private EventSource easypost;
  private WebhookIntake intake;
  private ShipmentBook book;

  @BeforeEach
  void intake() {
    easypost = ServiceLoader.load(EventSource.class).stream().map(ServiceLoader.Provider::get)
        .filter(s -> s.id().equals("easypost")).findFirst().orElseThrow();
    sources.add(new Sources.Source("easypost", easypost, settings));
    intake = new WebhookIntake(sources, store, (id, key) -> submitted.add(id), clock, 1 << 20);
    book = new ShipmentBook(jdbc(), clock);
  }

  private int post(String fixture) throws Exception {
    byte[] body;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("vendor/easypost/" + fixture)) {
      body = in.readAllBytes();
    }
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      Exchange exchange = new DefaultExchange(camel);
      exchange.getMessage().setHeader("source", "easypost");
      exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
      easypost.signForSample("tracker.updated", body, settings, clock.instant())
          .forEach((k, v) -> exchange.getMessage().setHeader(k, v));
      exchange.getMessage().setBody(body);
      intake.process(exchange);
      return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }
  }

  @Test
  void anInTransitTrackerIsRecordedAtIntakeUnderTheOrderItsTrackingNumberNames() throws Exception {
    store.aliases().remember("tracking:9400100000000000000093", "order:1001", "shopify/evt_1");

    assertThat(post("tracker.created.unknown.json")).isEqualTo(202);

    assertThat(submitted).as("ignored: nothing to dispatch").isEmpty();
    ShipmentBook.Entry e = book.find("9400100000000000000093").orElseThrow();
    assertThat(e.orderKey()).isEqualTo("order:1001");
    assertThat(e.state().source()).isEqualTo("easypost");
    assertThat(e.state().trackerId()).isEqualTo("trk_test_created");
    assertThat(e.state().delivered()).isFalse();
    assertThat(e.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void aDeliveredTrackerIsRecordedWhenItsRowIsDispatched() throws Exception {
    assertThat(post("tracker.updated.delivered.json")).isEqualTo(202);
    assertThat(submitted).hasSize(1);
    assertThat(book.find("1Z999AA10123456784")).as("not at intake: the dispatcher learns").isEmpty();

    new InboxProcessor(store, sources, new WebhookComponent(), clock).process(submitted.get(0));

    // no route consumes easypost here: the row waits for one (a reload may be under way), recorded all the same
    var row = store.inbox().get(submitted.get(0)).orElseThrow();
    assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(row.lastError()).contains("no route consumes webhook:easypost");
    ShipmentBook.Entry e = book.find("1Z999AA10123456784").orElseThrow();
    assertThat(e.state().delivered()).isTrue();
    assertThat(e.state().lastEventAt()).isEqualTo(Instant.parse("2026-02-12T16:58:00Z"));
    assertThat(e.orderKey()).isEqualTo("tracking:1Z999AA10123456784");
  }
}
