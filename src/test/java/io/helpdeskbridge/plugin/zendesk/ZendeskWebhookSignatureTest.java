package io.helpdeskbridge.plugin.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZendeskWebhookSignatureTest {

  // the contract's vector (shared/vendor-contracts.md): this exact body, no trailing newline
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "zd_test_secret";
  private static final String TS = "2026-01-01T00:00:00Z";
  private static final String CONTRACT_SIGNATURE = "+wHLN6ZKNCXFjxk5WdiP6MVUCpquVGcU2UZz5jsuDtg=";
  private static final Duration TOLERANCE = ZendeskWebhookSignature.DEFAULT_TOLERANCE;
  private static final Instant NOW = Instant.parse(TS).plusSeconds(10);

  private static void verify(String signature, String timestamp, byte[] body, List<String> secrets, Instant now)
      throws WebhookRejected {
    ZendeskWebhookSignature.verify(signature, timestamp, body, secrets, TOLERANCE, now);
  }

  /** Zendesk's documented scheme written out with the JDK alone, not with the code under test. */
  private static String independent(String secret, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static WebhookRejected rejection(ThrowingCall call) {
    try {
      call.run();
    } catch (WebhookRejected e) {
      return e;
    }
    throw new AssertionError("expected a rejection");
  }

  private interface ThrowingCall {
    void run() throws WebhookRejected;
  }

  // --- the contract's test vector ---

  @Test
  void signReproducesTheContractVector() throws Exception {
    assertThat(ZendeskWebhookSignature.sign(TS, BODY, SECRET)).isEqualTo(CONTRACT_SIGNATURE);
    assertThat(independent(SECRET, TS, new String(BODY, StandardCharsets.UTF_8)))
        .isEqualTo(CONTRACT_SIGNATURE);
  }

  @Test
  void contractVectorVerifiesTenSecondsLater() {
    assertThatCode(() -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void theTimestampIsSignedVerbatimNotAsAParsedInstant() throws Exception {
    // the same instant written with an offset signs differently: nothing is re-formatted
    String sameInstant = "2026-01-01T01:00:00+01:00";
    String signature = independent(SECRET, sameInstant, new String(BODY, StandardCharsets.UTF_8));

    assertThat(signature).isNotEqualTo(CONTRACT_SIGNATURE);
    assertThatCode(() -> verify(signature, sameInstant, BODY, List.of(SECRET), NOW))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> verify(CONTRACT_SIGNATURE, sameInstant, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void anEmptyBodySignsTheTimestampAlone() throws Exception {
    String signature = independent(SECRET, TS, "");

    assertThatCode(() -> verify(signature, TS, new byte[0], List.of(SECRET), NOW)).doesNotThrowAnyException();
    assertThatCode(() -> verify(signature, TS, null, List.of(SECRET), NOW)).doesNotThrowAnyException();
  }

  // --- refusals ---

  @Test
  void aTamperedBodyIsRefusedWith400() {
    byte[] tampered = "{\"id\":\"evt_2\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);

    WebhookRejected e = rejection(() -> verify(CONTRACT_SIGNATURE, TS, tampered, List.of(SECRET), NOW));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.title()).isEqualTo("Invalid signature");
    assertThat(e.detail()).isEqualTo("X-Zendesk-Webhook-Signature does not match the configured secret");
  }

  @Test
  void aChangedTimestampIsRefused() {
    assertThatThrownBy(
            () -> verify(CONTRACT_SIGNATURE, "2026-01-01T00:00:01Z", BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Zendesk-Webhook-Signature does not match the configured secret");
  }

  @Test
  void aWrongSecretIsRefusedAndAnyRolledSecretMayMatch() {
    assertThatThrownBy(() -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of("zd_other_secret"), NOW))
        .isInstanceOf(WebhookRejected.class);
    assertThatCode(
            () -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of("zd_other_secret", SECRET), NOW))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET, "zd_other_secret"), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void aStaleTimestampIsRefusedOnlyOnceOlderThanTheTolerance() {
    Instant justInside = Instant.parse(TS).plusSeconds(300);
    Instant justOutside = Instant.parse(TS).plusSeconds(301);

    assertThatCode(() -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET), justInside))
        .doesNotThrowAnyException();
    WebhookRejected e =
        rejection(() -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET), justOutside));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail())
        .isEqualTo("X-Zendesk-Webhook-Signature-Timestamp is outside the tolerance (300 s)");
  }

  @Test
  void aZeroToleranceSwitchesTheAgeCheckOff() {
    Instant yearsLater = Instant.parse("2031-01-01T00:00:00Z");

    assertThatCode(
            () ->
                ZendeskWebhookSignature.verify(
                    CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET), Duration.ZERO, yearsLater))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ZendeskWebhookSignature.verify(
                    CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET), Duration.ofSeconds(60), yearsLater))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void aTimestampAheadOfOurClockIsAccepted() {
    // Zendesk's clock may run ahead of ours; only old deliveries are replays
    Instant anHourEarlier = Instant.parse(TS).minusSeconds(3600);

    assertThatCode(() -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET), anHourEarlier))
        .doesNotThrowAnyException();
  }

  @Test
  void aGenuinelySignedTimestampThatIsNotIso8601IsRefusedWhileTheAgeIsChecked() throws Exception {
    String notIso = "1767225600";
    String signature = independent(SECRET, notIso, new String(BODY, StandardCharsets.UTF_8));

    assertThatThrownBy(() -> verify(signature, notIso, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Zendesk-Webhook-Signature-Timestamp is not an ISO-8601 date-time");
    assertThatCode(
            () -> ZendeskWebhookSignature.verify(signature, notIso, BODY, List.of(SECRET), Duration.ZERO, NOW))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void aMissingOrBlankSignatureHeaderIsNamed(String blank) {
    for (String value : new String[] {null, blank}) {
      WebhookRejected e = rejection(() -> verify(value, TS, BODY, List.of(SECRET), NOW));
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.detail()).isEqualTo("missing X-Zendesk-Webhook-Signature header");
    }
  }

  @Test
  void aMissingTimestampHeaderIsNamed() {
    for (String value : new String[] {null, ""}) {
      WebhookRejected e = rejection(() -> verify(CONTRACT_SIGNATURE, value, BODY, List.of(SECRET), NOW));
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.detail()).isEqualTo("missing X-Zendesk-Webhook-Signature-Timestamp header");
    }
  }

  @Test
  void noDetailEverContainsTheSecretOrTheExpectedSignature() {
    byte[] tampered = "{}".getBytes(StandardCharsets.UTF_8);
    String expectedForTampered = ZendeskWebhookSignature.sign(TS, tampered, SECRET);
    List<WebhookRejected> rejections =
        List.of(
            rejection(() -> verify(CONTRACT_SIGNATURE, TS, tampered, List.of(SECRET), NOW)),
            rejection(() -> verify(null, TS, BODY, List.of(SECRET), NOW)),
            rejection(() -> verify(CONTRACT_SIGNATURE, null, BODY, List.of(SECRET), NOW)),
            rejection(
                () -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of(SECRET), NOW.plusSeconds(3600))));

    for (WebhookRejected e : rejections) {
      assertThat(e.detail()).doesNotContain(SECRET).doesNotContain(expectedForTampered);
      assertThat(e.getMessage()).doesNotContain(SECRET);
    }
  }

  @Test
  void noConfiguredSecretIsAProgrammingErrorNotARejection() {
    assertThatThrownBy(() -> verify(CONTRACT_SIGNATURE, TS, BODY, List.of(), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
