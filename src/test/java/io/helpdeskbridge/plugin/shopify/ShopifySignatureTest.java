package io.helpdeskbridge.plugin.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopifySignatureTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "shpss_test_secret";
  /** From the test-vector table of vendor-contracts.md (computed with Python's hmac). */
  private static final String CONTRACT_HMAC = "PVLwnu1YHzpGLn2MwNKXb7Ul1ju5gfmLeM65DvA9/S8=";

  @Test
  void signReproducesTheContractVector() {
    assertThat(ShopifySignature.sign(BODY, SECRET)).isEqualTo(CONTRACT_HMAC);
  }

  @Test
  void contractVectorVerifies() {
    assertThatCode(() -> ShopifySignature.verify(CONTRACT_HMAC, BODY, List.of(SECRET), "the webhook-secret"))
        .doesNotThrowAnyException();
  }

  @Test
  void signatureIsStandardPaddedBase64OfThirtyTwoBytes() {
    // the vector holds '/' and '=': a URL-safe or unpadded encoding would not match it
    assertThat(CONTRACT_HMAC).contains("/").endsWith("=");
    assertThat(Base64.getDecoder().decode(ShopifySignature.sign(BODY, SECRET))).hasSize(32);
  }

  @Test
  void aTamperedBodyIsRefused() {
    byte[] tampered = Arrays.copyOf(BODY, BODY.length);
    tampered[8] = '2'; // evt_1 -> evt_2

    assertThatThrownBy(() -> ShopifySignature.verify(CONTRACT_HMAC, tampered, List.of(SECRET), "the webhook-secret"))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Shopify-Hmac-Sha256 does not match the body for the webhook-secret")
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Invalid signature"));
  }

  @Test
  void aReformattedBodyIsRefusedBecauseTheRawBytesAreSigned() {
    byte[] pretty = "{\"id\": \"evt_1\", \"object\": \"event\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ShopifySignature.verify(CONTRACT_HMAC, pretty, List.of(SECRET), "the webhook-secret"))
        .isInstanceOf(WebhookRejected.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pvlwnu1yhzpgln2mwnkxb7ul1ju5gfmlem65dva9/s8=", // case changed
        "PVLwnu1YHzpGLn2MwNKXb7Ul1ju5gfmLeM65DvA9/S8", // padding dropped
        "PVLwnu1YHzpGLn2MwNKXb7Ul1ju5gfmLeM65DvA9_S8=", // URL-safe alphabet
        "3d52f09eed581f3a462e7d8cc0d2976fb525d63bb981f98b78ceb90ef03dfd2f", // the same MAC in hex
        "sha256=PVLwnu1YHzpGLn2MwNKXb7Ul1ju5gfmLeM65DvA9/S8="
      })
  void onlyTheExactBase64FormMatches(String header) {
    assertThatThrownBy(() -> ShopifySignature.verify(header, BODY, List.of(SECRET), "the webhook-secret"))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void anyOfSeveralSecretsMayHaveSignedWhileOneIsRotated() {
    assertThatCode(
            () -> ShopifySignature.verify(CONTRACT_HMAC, BODY, List.of("shpss_new_secret", SECRET), "x"))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> ShopifySignature.verify(CONTRACT_HMAC, BODY, List.of(SECRET, "shpss_new_secret"), "x"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void aMissingHeaderIsRefused(String header) {
    assertThatThrownBy(() -> ShopifySignature.verify(header, BODY, List.of(SECRET), "the webhook-secret"))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing X-Shopify-Hmac-Sha256 header");
  }

  @Test
  void refusalsNeverShowASecretOrTheExpectedSignature() {
    String expected = ShopifySignature.sign(BODY, "shpss_other_secret");

    assertThatThrownBy(
            () -> ShopifySignature.verify(CONTRACT_HMAC, BODY, List.of("shpss_other_secret"), "the webhook-secret"))
        .isInstanceOf(WebhookRejected.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("shpss_other_secret")
                    .doesNotContain(expected)
                    .doesNotContain(CONTRACT_HMAC));
  }

  @Test
  void noSecretsIsAProgrammingError() {
    assertThatThrownBy(() -> ShopifySignature.verify(CONTRACT_HMAC, BODY, List.of(), "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonAsciiBodiesAndSecretsAreSignedAsUtf8Bytes() throws Exception {
    byte[] body = "{\"note\":\"Caf\u00e9 \u20ac\"}".getBytes(StandardCharsets.UTF_8);
    String secret = "cl\u00e9-secr\u00e8te";
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String independent = Base64.getEncoder().encodeToString(mac.doFinal(body));

    assertThat(ShopifySignature.sign(body, secret)).isEqualTo(independent);
  }
}
