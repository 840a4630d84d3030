package io.helpdeskbridge.plugin.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZendeskTicketSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "zd_test_secret";
  private static final String TS = "2026-01-01T00:00:00Z";
  private static final byte[] CONTRACT_BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String CONTRACT_SIGNATURE = "+wHLN6ZKNCXFjxk5WdiP6MVUCpquVGcU2UZz5jsuDtg=";
  private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:05Z");
  private static final Clock CLOCK = Clock.fixed(RECEIVED, ZoneOffset.UTC);
  private static final String TICKET_BODY =
      "{\"ticket_id\":\"35436\",\"event\":\"ticket_updated\",\"subject\":\"Order #1001\"}";

  private final ZendeskTicketSource source = new ZendeskTicketSource();

  private static ConnectorSettings settings(Map<String, Object> values) {
    return new ConnectorSettings("zendesk", "zendesk", "connectors/zendesk.yaml", values);
  }

  private static ConnectorSettings secret() {
    return settings(Map.of("webhook-secret", SECRET));
  }

  private static WebhookRequest request(Map<String, String> headers, String body) {
    return new WebhookRequest("zendesk", headers, body.getBytes(StandardCharsets.UTF_8), RECEIVED);
  }

  private static WebhookRequest signed(String signature, String timestamp, byte[] body) {
    Map<String, String> headers = new TreeMap<>();
    if (signature != null) headers.put("X-Zendesk-Webhook-Signature", signature);
    if (timestamp != null) headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
    return new WebhookRequest("zendesk", headers, body, RECEIVED);
  }

  @Test
  void isFoundByServiceLoaderUnderItsId() {
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.get().id()))
        .contains("zendesk");
    assertThat(source.id()).isEqualTo("zendesk");
  }

  // --- verify ---

  @Test
  void verifiesTheContractVectorWithHeadersInAnyCase() {
    for (String prefix : List.of("X-Zendesk-Webhook-", "x-zendesk-webhook-", "X-ZENDESK-WEBHOOK-")) {
      WebhookRequest request =
          new WebhookRequest(
              "zendesk",
              Map.of(prefix + "Signature", CONTRACT_SIGNATURE, prefix + "Signature-Timestamp", TS),
              CONTRACT_BODY,
              RECEIVED);
      assertThatCode(() -> source.verify(request, secret(), CLOCK)).as(prefix).doesNotThrowAnyException();
    }
  }

  @Test
  void acceptsACommaSeparatedOrYamlListOfSecrets() {
    for (Object secrets : new Object[] {"zd_old_secret, " + SECRET, List.of("zd_old_secret", SECRET)}) {
      ConnectorSettings settings = settings(Map.of("webhook-secret", secrets));

      assertThatCode(() -> source.verify(signed(CONTRACT_SIGNATURE, TS, CONTRACT_BODY), settings, CLOCK))
          .as("%s", secrets)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void toleranceSecondsComesFromTheSettingsWithZeroMeaningOff() {
    Clock tenMinutesLater = Clock.fixed(Instant.parse(TS).plusSeconds(600), ZoneOffset.UTC);
    WebhookRequest request = signed(CONTRACT_SIGNATURE, TS, CONTRACT_BODY);

    assertThatThrownBy(() -> source.verify(request, secret(), tenMinutesLater))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Zendesk-Webhook-Signature-Timestamp is outside the tolerance (300 s)");
    assertThatCode(
            () -> source.verify(request, settings(Map.of("webhook-secret", SECRET, "tolerance-seconds", "900")),
                tenMinutesLater))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> source.verify(request, settings(Map.of("webhook-secret", SECRET, "tolerance-seconds", 0)),
                tenMinutesLater))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> source.verify(request, settings(Map.of("webhook-secret", SECRET, "tolerance-seconds", "60")),
                Clock.fixed(Instant.parse(TS).plusSeconds(61), ZoneOffset.UTC)))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void missingHeadersAndATamperedBodyAreRefusedWith400NamingTheHeader() {
    byte[] tampered = "{\"id\":\"evt_2\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> source.verify(signed(null, TS, CONTRACT_BODY), secret(), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing X-Zendesk-Webhook-Signature header")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> source.verify(signed(CONTRACT_SIGNATURE, null, CONTRACT_BODY), secret(), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing X-Zendesk-Webhook-Signature-Timestamp header")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> source.verify(signed(CONTRACT_SIGNATURE, TS, tampered), secret(), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageNotContaining(SECRET)
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
  }

  @Test
  void missingSecretIsAConfigurationErrorNamingTheKeyAndFile() {
    for (Map<String, Object> values : List.<Map<String, Object>>of(Map.of(), Map.of("webhook-secret", " , "))) {
      assertThatThrownBy(
              () -> source.verify(signed(CONTRACT_SIGNATURE, TS, CONTRACT_BODY), settings(values), CLOCK))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("connectors/zendesk.yaml: connector 'zendesk' needs the setting 'webhook-secret'");
    }
  }

  // --- event id ---

  @Test
  void theInvocationIdHeaderIsTheEventIdWhenPresent() throws Exception {
    WebhookRequest request = request(Map.of("x-zendesk-webhook-invocation-id", "8350205582"), TICKET_BODY);

    assertThat(source.eventId(request, JSON.readTree(TICKET_BODY))).isEqualTo("8350205582");
  }

  @Test
  void withoutTheHeaderATriggerBodyIsIdentifiedByTicketAndBodyHash() throws Exception {
    WebhookRequest request = request(Map.of(), TICKET_BODY);

    // the hash was computed outside Java: sha256(TICKET_BODY)[:16]
    assertThat(source.eventId(request, JSON.readTree(TICKET_BODY))).isEqualTo("ticket:35436:666f0bd0d661136f");
  }

  @Test
  void aRetriedBodyKeepsItsIdAndALaterUpdateGetsANewOne() throws Exception {
    String later = TICKET_BODY.replace("}", ",\"updated_at\":\"2026-01-01T00:10Z\"}");
    String first = source.eventId(request(Map.of(), TICKET_BODY), JSON.readTree(TICKET_BODY));

    assertThat(source.eventId(request(Map.of(), TICKET_BODY), JSON.readTree(TICKET_BODY))).isEqualTo(first);
    assertThat(source.eventId(request(Map.of(), later), JSON.readTree(later)))
        .startsWith("ticket:35436:")
        .isNotEqualTo(first);
  }

  @Test
  void anEventSubscriptionIsIdentifiedByItsTopLevelIdWithoutTheHeader() throws Exception {
    ObjectNode body =
        ZendeskTicketNormalizerTest.subscription("zen:event-type:ticket.created", "Hi", "#1001", "vip");
    String text = JSON.writeValueAsString(body);

    assertThat(source.eventId(request(Map.of(), text), body)).isEqualTo("01HNZ5EXAMPLE0EVENT0ID000");
    assertThat(source.eventId(request(Map.of("X-Zendesk-Webhook-Invocation-Id", "77"), text), body))
        .isEqualTo("77");
    assertThat(source.vendorType(request(Map.of(), text), body)).isEqualTo("zen:event-type:ticket.created");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"event\":\"ticket_created\",\"ticket_id\":\"\"}", "{\"ticket_id\":null}", "[]"})
  void aBodyWithoutATicketIdIsABadRequestEvenWithTheHeader(String json) {
    WebhookRequest request = request(Map.of("X-Zendesk-Webhook-Invocation-Id", "8350205582"), json);

    assertThatThrownBy(() -> source.eventId(request, JSON.readTree(json)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("ticket_id")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400))
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Bad request"));
  }

  @Test
  void aTicketEventWithoutAnyTicketIdIsABadRequest() {
    ObjectNode body = ZendeskTicketNormalizerTest.subscription("zen:event-type:ticket.created", "Hi", "", "vip");
    ((ObjectNode) body.get("detail")).remove("id");
    body.remove("subject");

    assertThatThrownBy(() -> source.eventId(request(Map.of(), "{}"), body))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("ticket event has no detail.id");
  }

  @Test
  void aUserEventIsAcceptedAndIgnored() throws Exception {
    ObjectNode body = ZendeskTicketNormalizerTest.subscription("zen:event-type:user.created", "x", "#1001");

    assertThat(source.eventId(request(Map.of(), "{}"), body)).isEqualTo("01HNZ5EXAMPLE0EVENT0ID000");
    assertThat(source.normalize(request(Map.of(), "{}"), body, secret())).isEmpty();
  }

  // --- normalize ---

  @Test
  void eventsCarryTheEventIdAlsoWhenTheStoredHeadersComeBackLowerCase() throws Exception {
    byte[] body = ZendeskTicketSource.class.getClassLoader()
        .getResourceAsStream("samples/zendesk/ticket_created.json").readAllBytes();
    JsonNode payload = JSON.readTree(body);
    WebhookRequest atIntake =
        new WebhookRequest("zendesk", Map.of("X-Zendesk-Webhook-Invocation-Id", "8350205582"), body, RECEIVED);
    // the inbox stores header names in lower case; the dispatcher rebuilds the request from them
    Map<String, String> stored = new TreeMap<>();
    atIntake.headers().forEach((k, v) -> stored.put(k.toLowerCase(Locale.ROOT), v));
    WebhookRequest atDispatch =
        new WebhookRequest("zendesk", stored, new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
            RECEIVED.plusSeconds(30));

    String eventId = source.eventId(atIntake, payload);
    List<OrderEvent> first = source.normalize(atIntake, payload, secret());
    List<OrderEvent> again = source.normalize(atDispatch, payload, secret());

    assertThat(first).singleElement().satisfies(e -> assertThat(e.sourceEventId()).isEqualTo(eventId));
    assertThat(again).isEqualTo(first);
  }

  @Test
  void theFallbackIdIsTheSameAtIntakeAndAtDispatch() throws Exception {
    WebhookRequest request = request(Map.of(), TICKET_BODY);
    JsonNode payload = JSON.readTree(TICKET_BODY);

    assertThat(source.normalize(request, payload, secret()))
        .singleElement()
        .satisfies(e -> assertThat(e.sourceEventId()).isEqualTo(source.eventId(request, payload)));
  }

  @Test
  void refundTagAndDefaultCurrencyAreSettings() throws Exception {
    String json = "{\"ticket_id\":\"9\",\"event\":\"ticket_updated\",\"tags\":\"needs_refund\",\"refund_amount\":\"500\"}";
    ConnectorSettings custom =
        settings(Map.of("webhook-secret", SECRET, "refund-tag", "needs_refund", "default-currency", "JPY"));

    List<OrderEvent> withDefaults = source.normalize(request(Map.of(), json), JSON.readTree(json), secret());
    List<OrderEvent> withSettings = source.normalize(request(Map.of(), json), JSON.readTree(json), custom);

    assertThat(withDefaults).singleElement().isInstanceOf(TicketOpened.class);
    assertThat(withSettings).singleElement().isInstanceOfSatisfying(RefundRequested.class,
        r -> assertThat(r.amount()).isEqualTo(Money.of(500, "JPY")));
  }

  // --- samples ---

  @Test
  void bothSamplesAreBundledAndNothingElse() {
    assertThat(source.sample("ticket_created")).isPresent();
    assertThat(source.sample("ticket_refund_approved")).isPresent();
    assertThat(source.sample("ticket_deleted")).isEmpty();
    assertThat(source.sample("../stripe/charge.refunded")).isEmpty();
  }

  @Test
  void signedSamplesPassVerifyAndMeanWhatTheirNamesSay() throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", List.of(SECRET, "zd_old_secret")));
    Instant now = Instant.parse("2026-04-01T08:00:00.123456Z");
    Clock clock = Clock.fixed(now.plusSeconds(2), ZoneOffset.UTC);
    ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    for (String type : List.of("ticket_created", "ticket_refund_approved")) {
      byte[] body = source.sample(type).orElseThrow();
      Map<String, String> headers = source.signForSample(type, body, settings, now);
      WebhookRequest request = new WebhookRequest("zendesk", headers, body, now);
      JsonNode payload = strict.readTree(body);

      assertThat(headers.get("X-Zendesk-Webhook-Signature-Timestamp")).isEqualTo("2026-04-01T08:00:00Z");
      assertThat(headers.get("X-Zendesk-Webhook-Signature"))
          .isEqualTo(ZendeskWebhookSignature.sign("2026-04-01T08:00:00Z", body, SECRET));
      assertThatCode(() -> source.verify(request, settings, clock)).as(type).doesNotThrowAnyException();
      assertThat(source.eventId(request, payload)).isEqualTo(headers.get("X-Zendesk-Webhook-Invocation-Id"));
      OrderEvent event = source.normalize(request, payload, settings).get(0);
      if (type.equals("ticket_created")) {
        assertThat(event).isInstanceOf(TicketOpened.class);
        assertThat(source.vendorType(request, payload)).isEqualTo("ticket_created");
      } else {
        assertThat(event).isInstanceOfSatisfying(RefundRequested.class,
            r -> assertThat(r.amount()).isEqualTo(Money.of(2500, "USD")));
        assertThat(source.vendorType(request, payload)).isEqualTo("ticket_updated");
      }
    }
  }

  @Test
  void eachSignedSampleIsANewDelivery() {
    byte[] body = source.sample("ticket_created").orElseThrow();
    Instant now = Instant.parse("2026-04-01T08:00:00Z");

    String first = source.signForSample("ticket_created", body, secret(), now).get("X-Zendesk-Webhook-Invocation-Id");
    String second = source.signForSample("ticket_created", body, secret(), now).get("X-Zendesk-Webhook-Invocation-Id");

    assertThat(first).isNotBlank().isNotEqualTo(second);
  }

  @Test
  void theTriggerBodyDocumentedInTheSampleListsExactlyTheKeysTheSampleSends() throws Exception {
    JsonNode sample = JSON.readTree(source.sample("ticket_created").orElseThrow());
    String doc = String.join("\n", iterable(sample.get("//")));
    List<String> keys = new ArrayList<>();
    sample.fieldNames().forEachRemaining(keys::add);
    keys.remove("//");

    assertThat(keys).containsExactlyInAnyOrder(
        "ticket_id", "event", "subject", "description", "requester_email", "tags", "group_id",
        "order_number", "refund_amount", "refund_currency", "refund_reason", "updated_at", "actor_email");
    for (String key : keys) {
      assertThat(doc).as(key).contains("\"" + key + "\":");
    }
    assertThat(Set.copyOf(keys)).containsAll(
        iterableKeys(JSON.readTree(source.sample("ticket_refund_approved").orElseThrow())));
  }

  private static List<String> iterable(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) out.add(it.next().asText());
    return out;
  }

  private static List<String> iterableKeys(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(k -> { if (!k.equals("//")) out.add(k); });
    return out;
  }
}
