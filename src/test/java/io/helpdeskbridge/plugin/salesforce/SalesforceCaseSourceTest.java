package io.helpdeskbridge.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Salesforce as an event source: registration, refused HTTP, event ids, settings, and when it is a source at all. */
class SalesforceCaseSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant RECEIVED = Instant.parse("2026-11-24T10:16:00Z");

  private final SalesforceCaseSource source = new SalesforceCaseSource();

  private static WebhookRequest request(Map<String, String> headers, ObjectNode body) {
    return new WebhookRequest("salesforce", headers, body.toString().getBytes(StandardCharsets.UTF_8), RECEIVED);
  }

  private static ConnectorSettings settings(Map<String, Object> values) {
    return new ConnectorSettings("salesforce", "salesforce", "connectors/salesforce.yaml", values);
  }

  @Test
  void isFoundByServiceLoaderUnderTheHelpdesksId() {
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.get().id())).contains("salesforce");
    assertThat(source.id()).isEqualTo(new SalesforceHelpdesk().id());
    assertThat(Plugins.discover().source("salesforce")).isPresent();
  }

  @Test
  void httpDeliveriesAreRefusedWith404() {
    WebhookRejected e = catchThrowableOfType(WebhookRejected.class,
        () -> source.verify(request(Map.of(), SalesforceCaseNormalizerTest.message()), settings(Map.of()), Clock.systemUTC()));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.detail()).isEqualTo("Salesforce Case events arrive through the subscription, not HTTP");
  }

  @Test
  void theEventIdIsTheEventUuidElseTheStoredReplayIdElseRefused() throws Exception {
    ObjectNode m = SalesforceCaseNormalizerTest.message();
    assertThat(source.eventId(request(Map.of(), m), m)).isEqualTo("0b4e2d3c-5f1a-4c7e-9d2b-7a1e8f9c0d11");

    ObjectNode noIds = m.deepCopy();
    ((ObjectNode) noIds.path("data").path("event")).removeAll();
    ((ObjectNode) noIds.path("data").path("payload")).remove("EventUuid");
    assertThat(source.eventId(request(Map.of("Salesforce-Replay-Id", "4711"), noIds), noIds)).isEqualTo("replay:4711");

    WebhookRejected e = catchThrowableOfType(WebhookRejected.class, () -> source.eventId(request(Map.of(), noIds), noIds));
    assertThat(e.status()).isEqualTo(400);
    assertThat(source.vendorType(request(Map.of(), m), m)).isEqualTo("case_created");
  }

  @Test
  void normalizeNamesTheConnectorAsSourceAndUsesItsRefundSettings() {
    ObjectNode m = SalesforceCaseNormalizerTest.message();
    ConnectorSettings eu = new ConnectorSettings("salesforce-eu", "salesforce", "connectors/salesforce-eu.yaml",
        Map.of("refund-tag", "refund_ok", "default-currency", "EUR"));
    assertThat(source.normalize(request(Map.of(), m), m, eu)).singleElement().isInstanceOfSatisfying(TicketOpened.class,
        t -> assertThat(t.source()).isEqualTo("salesforce-eu"));

    ((ObjectNode) m.path("data").path("payload")).put("Tags__c", "refund_ok").put("Refund_Amount__c", "12");
    assertThat(source.normalize(request(Map.of(), m), m, eu)).singleElement().isInstanceOfSatisfying(RefundRequested.class,
        r -> assertThat(r.amount().currency()).isEqualTo("EUR"));
    assertThat(source.normalize(request(Map.of(), m), m, settings(Map.of()))).singleElement().isInstanceOf(TicketOpened.class);
  }

  @Test
  void theChannelIsAPlatformEventChannel() {
    Map<String, Object> values = new HashMap<>(Map.of("login-url", "https://acme.my.salesforce.com", "client-id", "3MVG9consumer",
        "client-secret", "shh"));
    assertThat(SalesforceConfig.from(settings(values)).caseEventsChannel()).isNull();

    values.put("case-events-channel", "event/Helpdesk_Case_Event__e");
    SalesforceConfig c = SalesforceConfig.from(settings(values));
    assertThat(c.caseEventsChannel()).isEqualTo("/event/Helpdesk_Case_Event__e");
    assertThat(c.toString()).contains("events /event/Helpdesk_Case_Event__e");

    values.put("case-events-channel", "/topic/CaseUpdates");
    IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> SalesforceConfig.from(settings(values)));
    assertThat(e).hasMessageContaining("case-events-channel must name a Platform Event channel")
        .hasMessageContaining("connectors/salesforce.yaml");
  }

  @Test
  void theShippedConnectorIsASourceOnlyOnceTheChannelIsSetAndNeedsNoWebhookSecret(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("connectors"));
    Files.copy(Path.of("connectors/salesforce.yaml"), home.resolve("connectors/salesforce.yaml"));
    Map<String, String> env = new HashMap<>();
    env.put("BRIDGE_HOME", home.toString());
    env.put("BRIDGE_REQUIRE_SECRETS", "true");
    env.put("SALESFORCE_LOGIN_URL", "https://acme.my.salesforce.com");
    env.put("SALESFORCE_CLIENT_ID", "3MVG9consumer");
    env.put("SALESFORCE_CLIENT_SECRET", "shh");

    BridgeConfig writeOnly = BridgeConfig.load(BridgeSettings.from(env), Plugins.discover(), true);
    assertThat(writeOnly.helpdesks()).extracting(ConnectorSettings::id).containsExactly("salesforce");
    assertThat(writeOnly.sources()).isEmpty();

    env.put("SALESFORCE_CASE_EVENTS_CHANNEL", "/event/Helpdesk_Case_Event__e");
    BridgeSettings settings = BridgeSettings.from(env);
    BridgeConfig subscribed = BridgeConfig.load(settings, Plugins.discover(), true).withDevSecrets(settings, warning -> {
      throw new AssertionError("no development secret for a subscription: " + warning);
    });
    assertThat(subscribed.sources()).extracting(ConnectorSettings::id).containsExactly("salesforce");
    assertThat(subscribed.source("salesforce").has("webhook-secret")).isFalse();
    assertThat(subscribed.source("salesforce").string("refund-tag", null)).isEqualTo("refund_approved");
    assertThat(subscribed.helpdesks()).extracting(ConnectorSettings::id).containsExactly("salesforce");
    assertThat(Files.exists(home.resolve("data/dev-secrets/salesforce"))).isFalse();
  }
}
