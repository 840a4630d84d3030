package io.helpdeskbridge.plugin.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AfterShipSignatureTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "as_test_secret";
  private static final String OTHER_SECRET = "as_other_secret";
  /** vendor-contracts.md test vector, computed independently with Python hmac. */
  private static final String CONTRACT_VECTOR = "kSrj89L4jIDCRYkFb/YHXS1xbBiGfVMkEWCNvQMYxLI=";

  @Test
  void signReproducesTheContractVector() {
    assertThat(AfterShipSignature.sign(BODY, SECRET)).isEqualTo(CONTRACT_VECTOR);
  }

  @Test
  void contractVectorVerifies() {
    assertThatCode(() -> AfterShipSignature.verify(CONTRACT_VECTOR, BODY, List.of(SECRET)))
        .doesNotThrowAnyException();
  }

  @Test
  void surroundingWhitespaceOfTheHeaderValueIsIgnored() {
    assertThatCode(
            () -> AfterShipSignature.verify(" " + CONTRACT_VECTOR + "\t", BODY, List.of(SECRET)))
        .doesNotThrowAnyException();
  }

  @Test
  void signatureIsStandardBase64OfThirtyTwoBytes() {
    String signature = AfterShipSignature.sign("{}".getBytes(StandardCharsets.UTF_8), SECRET);

    assertThat(signature).hasSize(44).endsWith("=");
    assertThat(Base64.getDecoder().decode(signature)).hasSize(32);
  }

  @Test
  void wrongSecretIsRefused() {
    assertThatThrownBy(() -> AfterShipSignature.verify(CONTRACT_VECTOR, BODY, List.of(OTHER_SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400))
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Invalid signature"));
  }

  @Test
  void tamperedBodyIsRefused() {
    byte[] tampered = BODY.clone();
    tampered[8] ^= 1; // evt_1 -> evt_0

    assertThatThrownBy(() -> AfterShipSignature.verify(CONTRACT_VECTOR, tampered, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret");
  }

  @Test
  void tamperedSignatureIsRefused() {
    String tampered = "l" + CONTRACT_VECTOR.substring(1);

    assertThatThrownBy(() -> AfterShipSignature.verify(tampered, BODY, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret");
  }

  @Test
  void hexEncodingOfTheRightMacIsRefused() {
    String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(CONTRACT_VECTOR));

    assertThatThrownBy(() -> AfterShipSignature.verify(hex, BODY, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void prefixedValueAsOtherAfterShipProductsSendIsRefused() {
    assertThatThrownBy(
            () ->
                AfterShipSignature.verify("hmac-sha256=" + CONTRACT_VECTOR, BODY, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void missingHeaderIsRefused(String header) {
    assertThatThrownBy(() -> AfterShipSignature.verify(header, BODY, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing aftership-hmac-sha256 header");
  }

  @Test
  void anyConfiguredSecretMayMatchWhileRolling() {
    String signedWithNew = AfterShipSignature.sign(BODY, "as_new_secret");

    assertThatCode(
            () -> AfterShipSignature.verify(signedWithNew, BODY, List.of(SECRET, "as_new_secret")))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> AfterShipSignature.verify(CONTRACT_VECTOR, BODY, List.of(SECRET, "as_new_secret")))
        .doesNotThrowAnyException();
  }

  @Test
  void rawBodyBytesAreSignedUnchangedEvenWhenNotUtf8() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    String signature = AfterShipSignature.sign(body, SECRET);
    byte[] reencoded = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);

    assertThatCode(() -> AfterShipSignature.verify(signature, body, List.of(SECRET)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> AfterShipSignature.verify(signature, reencoded, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void noSecretConfiguredIsAProgrammingError() {
    assertThatThrownBy(() -> AfterShipSignature.verify(CONTRACT_VECTOR, BODY, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AfterShipSignature.verify(CONTRACT_VECTOR, BODY, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectionsNeverRevealTheSecretOrTheExpectedSignature() {
    String[] headers = {null, "", "garbage", AfterShipSignature.sign(BODY, OTHER_SECRET)};
    for (String header : headers) {
      assertThatThrownBy(() -> AfterShipSignature.verify(header, BODY, List.of(SECRET)))
          .isInstanceOf(WebhookRejected.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .as("%s", header)
                      .doesNotContain(SECRET)
                      .doesNotContain(CONTRACT_VECTOR)
                      .doesNotContain(CONTRACT_VECTOR.substring(0, 12)));
    }
  }
}
