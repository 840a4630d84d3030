package io.helpdeskbridge.plugin.aftership;

import static io.helpdeskbridge.plugin.aftership.AfterShipNormalizerTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AfterShipEventSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "as_test_secret";
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String CONTRACT_VECTOR = "kSrj89L4jIDCRYkFb/YHXS1xbBiGfVMkEWCNvQMYxLI=";
  private static final Instant T = Instant.parse("2026-03-04T14:15:01Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

  private final AfterShipEventSource source = new AfterShipEventSource();

  private static ConnectorSettings settings(Map<String, Object> values) {
    return new ConnectorSettings("aftership", "aftership", "connectors/aftership.yaml", values);
  }

  private static WebhookRequest request(Map<String, String> headers, byte[] body) {
    return new WebhookRequest("aftership", headers, body, T);
  }

  private static WebhookRequest signed(String signature, byte[] body) {
    return request(Map.of("aftership-hmac-sha256", signature), body);
  }

  @Test
  void idIsTheUrlSegment() {
    assertThat(source.id()).isEqualTo("aftership");
  }

  // --- verify ---

  @ParameterizedTest
  @ValueSource(strings = {"aftership-hmac-sha256", "Aftership-Hmac-Sha256", "AFTERSHIP-HMAC-SHA256"})
  void verifiesTheContractVectorWithTheHeaderInAnyCase(String name) {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));

    assertThatCode(() -> source.verify(request(Map.of(name, CONTRACT_VECTOR), BODY), settings, CLOCK))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsACommaSeparatedOrYamlListOfSecrets() {
    for (Object secrets : new Object[] {"as_old, " + SECRET, List.of("as_old", SECRET)}) {
      ConnectorSettings settings = settings(Map.of("webhook-secret", secrets));

      assertThatCode(() -> source.verify(signed(CONTRACT_VECTOR, BODY), settings, CLOCK))
          .as("%s", secrets)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void refusesAMissingHeaderAWrongSecretAndAnotherProductsHeader() {
    ConnectorSettings right = settings(Map.of("webhook-secret", SECRET));
    ConnectorSettings wrong = settings(Map.of("webhook-secret", "as_other"));
    WebhookRequest returnsHeader = request(Map.of("as-signature-hmac-sha256", CONTRACT_VECTOR), BODY);

    assertThatThrownBy(() -> source.verify(request(Map.of(), BODY), right, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing aftership-hmac-sha256 header");
    assertThatThrownBy(() -> source.verify(returnsHeader, right, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing aftership-hmac-sha256 header");
    assertThatThrownBy(() -> source.verify(signed(CONTRACT_VECTOR, BODY), wrong, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret");
  }

  @Test
  void anOldDeliveryIsStillAcceptedBecauseNothingTimedIsSigned() {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));
    Clock yearsLater = Clock.fixed(T.plusSeconds(3 * 365 * 86_400L), ZoneOffset.UTC);

    assertThatCode(() -> source.verify(signed(CONTRACT_VECTOR, BODY), settings, yearsLater))
        .doesNotThrowAnyException();
  }

  @Test
  void missingSecretIsAConfigurationErrorNamingTheKeyAndFile() {
    for (Map<String, Object> values : List.<Map<String, Object>>of(Map.of(), Map.of("webhook-secret", " , "))) {
      assertThatThrownBy(() -> source.verify(signed(CONTRACT_VECTOR, BODY), settings(values), CLOCK))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("webhook-secret")
          .hasMessageContaining("connectors/aftership.yaml");
    }
  }

  // --- event id and type ---

  @Test
  void eventIdAndVendorTypeComeFromTheBody() throws Exception {
    JsonNode payload = fixture("tracking_update.exception.json");

    assertThat(source.eventId(request(Map.of(), BODY), payload))
        .isEqualTo("ad5ed92d-5e78-4610-b58e-437387c5a375");
    assertThat(source.vendorType(request(Map.of(), BODY), payload)).isEqualTo("tracking_update");
    assertThat(source.vendorType(request(Map.of(), BODY), fixture("edd_revise.legacy.json")))
        .isEqualTo("edd_revise");
    assertThat(source.vendorType(request(Map.of(), BODY), fixture("tracking_pending_time.json")))
        .isEqualTo("tracking_pending_time");
    assertThat(source.vendorType(request(Map.of(), BODY), JSON.readTree("{\"event\":3}"))).isNull();
    assertThat(source.vendorType(request(Map.of(), BODY), null)).isNull();
  }

  @Test
  void aRetriedDeliveryKeepsItsEventIdSoTheInboxSeesADuplicate() throws Exception {
    JsonNode first = fixture("tracking_update.exception.json");
    JsonNode retry = first.deepCopy();
    ((ObjectNode) retry).put("ts", 1_772_825_999L);
    JsonNode another = fixture("tracking_update.delivered.json");

    String id = source.eventId(request(Map.of("aftership-hmac-sha256", "x"), BODY), first);

    assertThat(source.eventId(request(Map.of(), BODY), retry)).isEqualTo(id);
    assertThat(source.eventId(request(Map.of(), BODY), another)).isNotEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"event_id\":\"\"}",
        "{\"event_id\":\"  \"}",
        "{\"event_id\":null}",
        "{\"event_id\":7}",
        "{\"id\":\"evt_1\",\"object\":\"event\"}",
        "{\"msg\":{\"id\":\"abc\"}}",
        "[]"
      })
  void deliveryWithoutAnEventIdIsABadRequest(String json) {
    assertThatThrownBy(() -> source.eventId(request(Map.of(), BODY), JSON.readTree(json)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("event has no event_id")
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Bad request"))
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> source.eventId(request(Map.of(), BODY), null))
        .isInstanceOf(WebhookRejected.class);
  }

  // --- normalize, order facts ---

  @Test
  void normalizeNeedsNoSettingsAndIgnoresUninterestingDeliveries() throws Exception {
    ConnectorSettings none = settings(Map.of());

    assertThat(source.normalize(request(Map.of(), BODY), fixture("tracking_update.exception.json"), none))
        .singleElement()
        .isInstanceOf(ShipmentException.class);
    assertThat(source.normalize(request(Map.of(), BODY), fixture("tracking_pending_time.json"), none))
        .isEmpty();
    assertThat(source.normalize(request(Map.of(), BODY), fixture("tracking_update.in-transit.json"), none))
        .isEmpty();
  }

  @Test
  void orderFactsLinkTheTrackingNumberToTheOrder() throws Exception {
    assertThat(source.orderFacts(request(Map.of(), BODY), fixture("tracking_update.in-transit.json")))
        .isEqualTo(Map.of("tracking:1Z999AA10123456784", "order:1003"));
    assertThat(source.orderFacts(request(Map.of(), BODY), JSON.readTree(source.sample("tracking_update").orElseThrow())))
        .isEmpty();
  }

  // --- samples ---

  @Test
  void signForSampleOfTheContractBodyIsTheContractVector() {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET + ",as_second"));

    assertThat(source.signForSample("tracking_update", BODY, settings, T))
        .isEqualTo(Map.of("aftership-hmac-sha256", CONTRACT_VECTOR));
  }

  @Test
  void bundledTrackingUpdateSampleIsSignedAndNormalizedEndToEnd() throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));
    byte[] body = source.sample("tracking_update").orElseThrow();

    Map<String, String> headers = source.signForSample("tracking_update", body, settings, T);
    WebhookRequest request = new WebhookRequest("aftership", headers, body, T);
    source.verify(request, settings, CLOCK);
    JsonNode payload = JSON.readTree(body);

    assertThat(headers).containsOnlyKeys("aftership-hmac-sha256");
    assertThat(source.eventId(request, payload)).isEqualTo("d26a9e53-d309-468c-bd3e-2262b69f6841");
    assertThat(source.vendorType(request, payload)).isEqualTo("tracking_update");
    assertThat(source.normalize(request, payload, settings))
        .singleElement()
        .isInstanceOfSatisfying(
            ShipmentException.class,
            e -> {
              assertThat(e.order()).isEqualTo(new OrderRef(null, null, null, null, "1Z999AA10123456784", "UPS"));
              assertThat(e.status()).isEqualTo("undeliverable: incorrect address");
              // the newest checkpoint's message: what the carrier last said, in its words
              assertThat(e.detail()).isEqualTo("The address is incomplete or incorrect. We are trying to obtain a corrected address.");
            });
  }

  @Test
  void bundledEddReviseSampleIsSignedAndNormalizedEndToEnd() throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", List.of(SECRET, "as_second")));
    byte[] body = source.sample("edd_revise").orElseThrow();

    Map<String, String> headers = source.signForSample("edd_revise", body, settings, T);
    WebhookRequest request = new WebhookRequest("aftership", headers, body, T);
    source.verify(request, settings, CLOCK);
    JsonNode payload = JSON.readTree(body);

    assertThat(source.eventId(request, payload)).isEqualTo("4739c6fe-0f94-4315-b330-03e020fe358f");
    assertThat(source.vendorType(request, payload)).isEqualTo("edd_revise");
    assertThat(source.normalize(request, payload, settings))
        .singleElement()
        .isInstanceOfSatisfying(
            ShipmentDelayed.class,
            d -> {
              assertThat(d.order().key()).isEqualTo("order:1001");
              assertThat(d.previousEstimate()).isEqualTo("2026-03-06");
              assertThat(d.newEstimate()).isEqualTo("2026-03-09");
            });
  }

  @Test
  void aSampleSignedWithAnotherSecretIsRefused() {
    byte[] body = source.sample("edd_revise").orElseThrow();
    Map<String, String> headers =
        source.signForSample("edd_revise", body, settings(Map.of("webhook-secret", "as_other")), T);

    assertThatThrownBy(
            () ->
                source.verify(
                    new WebhookRequest("aftership", headers, body, T),
                    settings(Map.of("webhook-secret", SECRET)),
                    CLOCK))
        .isInstanceOf(WebhookRejected.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"tracking_pending_time", "../aftership/edd_revise", "edd_revise.json", "a/../b", "", " "})
  void unknownOrUnsafeSampleNamesGiveNothing(String type) {
    assertThat(source.sample(type)).isEmpty();
    assertThat(source.sample(null)).isEmpty();
  }

  // --- shipped connector file ---

  @Test
  void shippedConnectorReadsTheSecretFromTheEnvironment() {
    BridgeHome.ConfigFile file =
        new BridgeHome(Path.of("")).files("connectors").stream()
            .filter(f -> f.name().equals("aftership.yaml"))
            .findFirst()
            .orElseThrow();
    Set<String> plugins = Set.of("aftership");

    ConnectorSettings set =
        new ConnectorLoader(Map.of("AFTERSHIP_WEBHOOK_SECRET", "as_old,as_new"), plugins, true)
            .load(List.of(file))
            .enabled()
            .get(0);
    ConnectorLoader.Connectors unset = new ConnectorLoader(Map.of(), plugins, true).load(List.of(file));

    assertThat(set.id()).isEqualTo("aftership");
    assertThat(set.plugin()).isEqualTo("aftership");
    assertThat(set.list("webhook-secret")).containsExactly("as_old", "as_new");
    assertThat(set.values()).containsOnlyKeys("webhook-secret");
    // without its secret the connector is switched off, not half-configured
    assertThat(unset.enabled()).isEmpty();
    assertThat(unset.disabled()).containsExactly("aftership");
  }
}
