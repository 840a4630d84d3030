package io.helpdeskbridge.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.InboundEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the subscription does with each message: hands it in with its replay id, passes over what
 * the engine refuses, and after a store failure stores nothing more until it has resubscribed.
 * The CometD exchange itself is covered by {@code SalesforceCaseEventsIT}.
 */
class SalesforceCaseEventsTest {
  private final DefaultCamelContext camel = new DefaultCamelContext();
  private final FakeInbound inbound = new FakeInbound();
  private SalesforceCaseEvents events;

  /** Records what it is handed; fails the way the engine does when told to. */
  static final class FakeInbound implements InboundEvents {
    final List<Map<String, String>> headers = new ArrayList<>();
    final List<String> bodies = new ArrayList<>();
    RuntimeException failWith;
    Map<String, String> newest;

    @Override
    public boolean accept(String sourceId, Map<String, String> h, byte[] body) {
      if (failWith != null) throw failWith;
      headers.add(h);
      bodies.add(new String(body, StandardCharsets.UTF_8));
      return true;
    }

    @Override
    public Optional<Map<String, String>> newestHeaders(String sourceId) {
      return Optional.ofNullable(newest);
    }

    @Override
    public void whenReady(Runnable start) {
      // never started here: hear() is driven directly
    }
  }

  private SalesforceCaseEvents events() {
    Map<String, Object> values = new HashMap<>(Map.of("login-url", "http://127.0.0.1:9", "client-id", "3MVG9consumer",
        "client-secret", "shh", "case-events-channel", "/event/Helpdesk_Case_Event__e"));
    events = new SalesforceCaseEvents(
        SalesforceConfig.from(new ConnectorSettings("salesforce", "salesforce", "connectors/salesforce.yaml", values)), inbound);
    return events;
  }

  private Exchange message(long replayId) {
    Exchange e = new DefaultExchange(camel);
    e.getIn().setHeader(SalesforceConstants.HEADER_SALESFORCE_REPLAY_ID, replayId);
    e.getIn().setBody("{\"channel\":\"/event/Helpdesk_Case_Event__e\",\"data\":{\"event\":{\"replayId\":" + replayId + "}}}");
    return e;
  }

  @AfterEach
  void close() {
    if (events != null) events.close();
    camel.stop();
  }

  @Test
  void subscribesRawFromTheNewestStoredReplayIdElseNewEventsOnly() {
    SalesforceCaseEvents ev = events();
    assertThat(ev.resumeFrom()).isEqualTo(-1L);

    inbound.newest = Map.of("salesforce-replay-id", "4711", "salesforce-channel", "/event/Helpdesk_Case_Event__e");
    assertThat(ev.resumeFrom()).isEqualTo(4711L);
    assertThat(ev.uri(4711)).isEqualTo(
        "salesforce:subscribe:/event/Helpdesk_Case_Event__e?rawPayload=true&replayId=4711&fallBackReplayId=-2");

    inbound.newest = Map.of("content-type", "application/json");
    assertThat(ev.resumeFrom()).isEqualTo(-1L);
  }

  @Test
  void eachMessageIsHandedInWithItsReplayIdAndChannel() {
    SalesforceCaseEvents ev = events();

    ev.hear(message(42), 0);

    assertThat(inbound.headers).containsExactly(
        Map.of("salesforce-replay-id", "42", "salesforce-channel", "/event/Helpdesk_Case_Event__e"));
    assertThat(inbound.bodies.get(0)).contains("\"replayId\":42");
  }

  @Test
  void aRefusedEventIsPassedOverAndTheNextOneStored() {
    SalesforceCaseEvents ev = events();
    inbound.failWith = new IllegalArgumentException("salesforce event refused: the body is not a JSON object");

    ev.hear(message(42), 0);
    inbound.failWith = null;
    ev.hear(message(43), 0);

    assertThat(inbound.headers).extracting(h -> h.get("salesforce-replay-id")).containsExactly("43");
  }

  @Test
  void aStoreFailureSurfacesAndNothingAfterItIsStoredUntilTheResubscribe() {
    SalesforceCaseEvents ev = events();
    inbound.failWith = new IllegalStateException("store error: connection refused");

    assertThatThrownBy(() -> ev.hear(message(42), 0))
        .hasMessageContaining("the event at replay id 42 could not be stored; resubscribing from the newest stored event in 5 s")
        .hasRootCauseMessage("store error: connection refused");

    inbound.failWith = null;
    ev.hear(message(43), 0);
    assertThat(inbound.headers).isEmpty();
  }
}
