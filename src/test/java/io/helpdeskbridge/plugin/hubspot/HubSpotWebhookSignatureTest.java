package io.helpdeskbridge.plugin.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The v3 scheme against HubSpot's own test vector and rules. The vector is the one of {@code
 * hubspot-api-python}'s {@code tests/spec/utils/test_signature.py} ({@code test_get_signature__v3}),
 * whose {@code Signature.get_signature} concatenates method, URI, body and timestamp exactly as
 * HubSpot's "Validating requests" page says; recomputed from that page's algorithm, it gives the
 * same value.
 */
class HubSpotWebhookSignatureTest {
  static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  static final byte[] BODY = "{'example_field':'example_value'}".getBytes(StandardCharsets.UTF_8);
  static final String URL = "https://www.example.com/webhook_uri";
  static final String TIMESTAMP = "15000000";
  static final String SDK_SIGNATURE = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";
  /** One second after the vector's timestamp. */
  static final Instant NOW = Instant.ofEpochMilli(15_001_000L);

  @Test
  void computesTheSdksTestVector() {
    assertThat(HubSpotWebhookSignature.sign("POST", URL, BODY, TIMESTAMP, SECRET)).isEqualTo(SDK_SIGNATURE);
  }

  @Test
  void acceptsTheVectorAndAnyOfTheConfiguredSecrets() {
    assertThatCode(() -> HubSpotWebhookSignature.verify(SDK_SIGNATURE, TIMESTAMP, URL, BODY, List.of(SECRET), NOW))
        .doesNotThrowAnyException();
    assertThatCode(() -> HubSpotWebhookSignature.verify(SDK_SIGNATURE, TIMESTAMP, URL, BODY, List.of("old-secret", SECRET), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesATamperedBodyAnotherUrlOrAnotherSecretWithoutSayingTheSecretOrTheSignature() {
    byte[] tampered = "{'example_field':'other_value'}".getBytes(StandardCharsets.UTF_8);
    for (Runnable check : List.<Runnable>of(
        () -> rejected(SDK_SIGNATURE, TIMESTAMP, URL, tampered, List.of(SECRET)),
        () -> rejected(SDK_SIGNATURE, TIMESTAMP, "https://www.example.com/other", BODY, List.of(SECRET)),
        () -> rejected(SDK_SIGNATURE, "15000001", URL, BODY, List.of(SECRET)),
        () -> rejected(SDK_SIGNATURE, TIMESTAMP, URL, BODY, List.of("not-the-secret")))) {
      check.run();
    }
  }

  private static void rejected(String signature, String timestamp, String url, byte[] body, List<String> secrets) {
    assertThatThrownBy(() -> HubSpotWebhookSignature.verify(signature, timestamp, url, body, secrets, NOW))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.detail()).contains("does not match").doesNotContain(SECRET).doesNotContain("not-the-secret")
              .doesNotContain(HubSpotWebhookSignature.sign("POST", url, body, timestamp, secrets.get(0)));
        });
  }

  @Test
  void refusesTimestampsOlderThanFiveMinutesButNotOnesAheadOfOurClock() throws Exception {
    long now = 1_764_000_000_000L;
    String fiveMinutesAgo = String.valueOf(now - 300_000);
    String tooOld = String.valueOf(now - 300_001);
    String ahead = String.valueOf(now + 60_000);
    for (String ts : List.of(fiveMinutesAgo, ahead)) {
      String sig = HubSpotWebhookSignature.sign("POST", URL, BODY, ts, SECRET);
      assertThatCode(() -> HubSpotWebhookSignature.verify(sig, ts, URL, BODY, List.of(SECRET), Instant.ofEpochMilli(now)))
          .as(ts).doesNotThrowAnyException();
    }
    String sig = HubSpotWebhookSignature.sign("POST", URL, BODY, tooOld, SECRET);
    assertThatThrownBy(() -> HubSpotWebhookSignature.verify(sig, tooOld, URL, BODY, List.of(SECRET), Instant.ofEpochMilli(now)))
        .isInstanceOf(WebhookRejected.class).hasMessageContaining("older than 5 minutes");
  }

  @Test
  void refusesMissingOrUnreadableHeaders() {
    assertThatThrownBy(() -> HubSpotWebhookSignature.verify(null, TIMESTAMP, URL, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class).hasMessageContaining("missing X-HubSpot-Signature-v3");
    assertThatThrownBy(() -> HubSpotWebhookSignature.verify(SDK_SIGNATURE, " ", URL, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class).hasMessageContaining("missing X-HubSpot-Request-Timestamp");
    assertThatThrownBy(() -> HubSpotWebhookSignature.verify(SDK_SIGNATURE, "2026-11-24T03:00:00Z", URL, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class).hasMessageContaining("not a number of milliseconds");
  }

  @Test
  void decodesExactlyTheEscapesHubSpotLists() {
    assertThat(HubSpotWebhookSignature.decodeUri(
        "https://bridge.example.com/webhooks/hubspot?a=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B&b=%3a"))
        .isEqualTo("https://bridge.example.com/webhooks/hubspot?a=:/?@!$'()*,;&b=:");
    // not in HubSpot's table: a space, an ampersand, a percent sign stay encoded
    assertThat(HubSpotWebhookSignature.decodeUri("https://x.example/h?q=a%20b%26c%25d"))
        .isEqualTo("https://x.example/h?q=a%20b%26c%25d");
  }

  @Test
  void signsTheDecodedFormOfAnEncodedTargetUrl() {
    String configured = "https://bridge.example.com/webhooks/hubspot?tenant=acme%3Aeu";
    String ts = String.valueOf(NOW.toEpochMilli());
    String asHubSpotSigns = HubSpotWebhookSignature.sign("POST", "https://bridge.example.com/webhooks/hubspot?tenant=acme:eu",
        BODY, ts, SECRET);
    assertThatCode(() -> HubSpotWebhookSignature.verify(asHubSpotSigns, ts, configured, BODY, List.of(SECRET), NOW))
        .doesNotThrowAnyException();
  }
}
