package io.helpdeskbridge.plugin.easypost;

import static io.helpdeskbridge.plugin.easypost.EasyPostNormalizerTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelivered;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.testing.VendorSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EasyPostEventSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "ep_test_secret";
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String CONTRACT_HEADER =
      "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576";
  private static final Instant T = Instant.parse("2026-02-10T14:00:30Z");
  // no timestamp in EasyPost's scheme: a clock years away changes nothing
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final EasyPostEventSource source = new EasyPostEventSource();

  private static ConnectorSettings settings(Map<String, Object> values) {
    return new ConnectorSettings("easypost", "easypost", "connectors/easypost.yaml", values);
  }

  private static WebhookRequest request(Map<String, String> headers, byte[] body) {
    return new WebhookRequest("easypost", headers, body, T);
  }

  private static WebhookRequest signed(String header, byte[] body) {
    return request(header == null ? Map.of() : Map.of("x-hmac-signature", header), body);
  }

  @Test
  void isFoundByServiceLoaderUnderItsId() {
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.get().id()))
        .contains("easypost");
    assertThat(source.id()).isEqualTo("easypost");
  }

  // --- verify ---

  @Test
  void verifiesTheContractVectorWithTheHeaderInAnyCase() {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));

    for (String name : List.of("X-Hmac-Signature", "x-hmac-signature", "X-HMAC-SIGNATURE")) {
      WebhookRequest request = request(Map.of(name, CONTRACT_HEADER), BODY);
      assertThatCode(() -> source.verify(request, settings, CLOCK))
          .as(name)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void acceptsACommaSeparatedOrYamlListOfSecrets() {
    for (Object secrets : new Object[] {"ep_old_secret, " + SECRET, List.of("ep_old_secret", SECRET)}) {
      ConnectorSettings settings = settings(Map.of("webhook-secret", secrets));

      assertThatCode(() -> source.verify(signed(CONTRACT_HEADER, BODY), settings, CLOCK))
          .as("%s", secrets)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void refusesAMissingHeaderATamperedBodyAndAWrongSecret() {
    ConnectorSettings right = settings(Map.of("webhook-secret", SECRET));
    ConnectorSettings wrong = settings(Map.of("webhook-secret", "ep_other_secret"));
    byte[] tampered = "{\"id\":\"evt_2\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> source.verify(signed(null, BODY), right, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing X-Hmac-Signature header");
    assertThatThrownBy(() -> source.verify(signed(CONTRACT_HEADER, tampered), right, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret");
    assertThatThrownBy(() -> source.verify(signed(CONTRACT_HEADER, BODY), wrong, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret");
  }

  @Test
  void aSecretTypedWithALigatureVerifiesWhatEasyPostSignedWithItsNfkdForm() {
    // EasyPost normalises the webhook_secret; the configured value may be either form
    byte[] body = "{\"id\":\"evt_nfkd\",\"description\":\"tracker.updated\"}".getBytes(StandardCharsets.UTF_8);
    String header = VendorSigner.easypost(body, "ﬁnance_hook_secret");

    for (String configured : List.of("ﬁnance_hook_secret", "finance_hook_secret")) {
      assertThatCode(
              () -> source.verify(signed(header, body), settings(Map.of("webhook-secret", configured)), CLOCK))
          .as(configured)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void missingSecretIsAConfigurationErrorNamingTheKeyAndFile() {
    for (Map<String, Object> values : List.<Map<String, Object>>of(Map.of(), Map.of("webhook-secret", " , "))) {
      ConnectorSettings settings = settings(values);

      assertThatThrownBy(() -> source.verify(signed(CONTRACT_HEADER, BODY), settings, CLOCK))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("connectors/easypost.yaml: connector 'easypost' needs the setting 'webhook-secret'");
    }
  }

  // --- event id and type ---

  @Test
  void eventIdAndVendorTypeComeFromTheEnvelope() throws Exception {
    JsonNode payload = fixture("tracker.updated.return.json");

    assertThat(source.eventId(signed(null, BODY), payload)).isEqualTo("evt_test_return");
    assertThat(source.vendorType(signed(null, BODY), payload)).isEqualTo("tracker.updated");
    assertThat(source.vendorType(signed(null, BODY), fixture("tracker.created.unknown.json")))
        .isEqualTo("tracker.created");
    assertThat(source.vendorType(signed(null, BODY), JSON.readTree("{}"))).isNull();
    assertThat(source.vendorType(signed(null, BODY), JSON.readTree("{\"description\":5}"))).isNull();
    assertThat(source.vendorType(signed(null, BODY), null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{}", "{\"id\":\"\"}", "{\"id\":\"  \"}", "{\"id\":null}", "{\"id\":7}", "[]"})
  void eventWithoutAnIdIsABadRequest(String json) {
    assertThatThrownBy(() -> source.eventId(signed(null, BODY), JSON.readTree(json)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("event has no id")
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Bad request"))
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
  }

  @Test
  void aRetriedEventKeepsItsIdAndMeansTheSameEventsThoughItsBookkeepingChanged() throws Exception {
    JsonNode first = fixture("tracker.updated.return.json");
    ObjectNode retry = first.deepCopy();
    // between attempts EasyPost updates the Event itself: status, url lists, updated_at
    retry.put("status", "failed").put("updated_at", "2026-02-10T14:30:00Z");
    retry.putArray("pending_urls");
    retry.putArray("completed_urls").add("https://bridge.example.com/webhooks/easypost");
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));
    WebhookRequest later = new WebhookRequest("easypost", Map.of(), BODY, T.plusSeconds(1800));

    assertThat(source.eventId(later, retry)).isEqualTo(source.eventId(signed(null, BODY), first));
    assertThat(source.normalize(later, retry, settings))
        .isEqualTo(source.normalize(signed(null, BODY), first, settings))
        .hasSize(1);
  }

  @Test
  void twoUpdatesOfOneTrackerAreTwoEventsWithTheirOwnIds() throws Exception {
    ObjectNode second = fixture("tracker.updated.return.json").deepCopy();
    second.put("id", "evt_test_return_2").put("created_at", "2026-02-11T09:00:00Z");
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));

    assertThat(source.eventId(signed(null, BODY), second)).isEqualTo("evt_test_return_2");
    assertThat(source.normalize(signed(null, BODY), second, settings))
        .singleElement()
        .satisfies(e -> assertThat(e.sourceEventId()).isEqualTo("evt_test_return_2"));
  }

  @Test
  void unknownEventsAreIgnoredNotRefused() throws Exception {
    JsonNode batch = fixture("batch.created.json");
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));

    assertThat(source.eventId(signed(null, BODY), batch)).isEqualTo("evt_test_batch");
    assertThat(source.vendorType(signed(null, BODY), batch)).isEqualTo("batch.created");
    assertThat(source.normalize(signed(null, BODY), batch, settings)).isEmpty();
  }

  @Test
  void anEventWithoutTimesUsesTheReceiptTime() throws Exception {
    ObjectNode payload = fixture("tracker.updated.return.json").deepCopy();
    payload.remove(List.of("created_at", "updated_at"));

    assertThat(source.normalize(signed(null, BODY), payload, settings(Map.of())))
        .singleElement()
        .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(T));
  }

  // --- samples ---

  @Test
  void theReturnSampleIsSignedVerifiedAndNormalizedEndToEnd() throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET + ",ep_second_secret"));
    byte[] body = source.sample("tracker.updated").orElseThrow();

    Map<String, String> headers = source.signForSample("tracker.updated", body, settings, T);
    WebhookRequest request = request(headers, body);
    source.verify(request, settings, CLOCK);
    JsonNode payload = JSON.readTree(body);

    assertThat(headers).containsOnlyKeys("X-Hmac-Signature");
    assertThat(headers.get("X-Hmac-Signature")).isEqualTo(VendorSigner.easypost(body, SECRET));
    assertThat(source.eventId(request, payload)).startsWith("evt_");
    assertThat(source.vendorType(request, payload)).isEqualTo("tracker.updated");
    assertThat(source.normalize(request, payload, settings))
        .singleElement()
        .isEqualTo(
            new ShipmentException(
                "easypost",
                "evt_7d1c0e2a4b5f11f0a3c95b2e8f4d6a10",
                Instant.parse("2026-01-05T16:20:11Z"),
                new OrderRef(null, null, null, null, "9400100000000000000000", "USPS"),
                "tracker.updated",
                "USPS",
                "9400100000000000000000",
                "being returned to the sender",
                "Addressee unknown; returning to sender",
                "PORTLAND, OR",
                "https://track.easypost.com/djE6dHJrXzhlMmQxZjNhNGI1YzQ2ZDdhOGI5YzBkMWUyZjNhNGI1"));
  }

  @Test
  void theDeliveredSampleIsSignedVerifiedAndNormalizedEndToEnd() throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", List.of(SECRET)));
    byte[] body = source.sample("tracker.updated-delivered").orElseThrow();

    Map<String, String> headers = source.signForSample("tracker.updated-delivered", body, settings, T);
    WebhookRequest request = request(headers, body);
    source.verify(request, settings, CLOCK);
    JsonNode payload = JSON.readTree(body);

    assertThat(source.vendorType(request, payload)).isEqualTo("tracker.updated");
    assertThat(source.normalize(request, payload, settings))
        .singleElement()
        .isEqualTo(
            new ShipmentDelivered(
                "easypost",
                "evt_9b3e5f7a1c2d11f0b4d6e8f0a2c4e6a8",
                Instant.parse("2026-01-06T19:05:42Z"),
                new OrderRef(null, null, null, null, "9400100000000000000017", "USPS"),
                "tracker.updated",
                "USPS",
                "9400100000000000000017",
                Instant.parse("2026-01-06T18:41:00Z")));
  }

  @Test
  void aSlashInTheSampleNameReadsAsADash() {
    assertThat(source.sample("tracker.updated/delivered"))
        .isPresent()
        .get()
        .isEqualTo(source.sample("tracker.updated-delivered").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"batch.created", "../easypost/tracker.updated", "tracker/../x", "..", "", " "})
  void unknownOrUnsafeSampleNamesGiveNothing(String type) {
    assertThat(source.sample(type)).isEmpty();
    assertThat(source.sample(null)).isEmpty();
  }

  @Test
  void signingASampleWithoutASecretNamesTheMissingSetting() {
    assertThatThrownBy(() -> source.signForSample("tracker.updated", BODY, settings(Map.of()), T))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("webhook-secret");
  }
}
