package io.helpdeskbridge.plugin.signifyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignifydSignatureTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String KEY = "sig_team_api_key";
  /** The contract's vector: base64 HMAC-SHA256 of BODY keyed with KEY. */
  private static final String CONTRACT_SIGNATURE = "z7SADrwm+YHdBCgTzYS1gYtPLQyJG4PiKFPDIP0B7VI=";

  private static void verify(List<String> headers, byte[] body, List<String> keys)
      throws WebhookRejected {
    SignifydSignature.verify(headers, body, keys, false);
  }

  /** The computation as Signifyd's documentation writes it in Java, done independently here. */
  private static String documentedComputation(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  @Test
  void signReproducesTheContractVector() {
    assertThat(SignifydSignature.sign(BODY, KEY)).isEqualTo(CONTRACT_SIGNATURE);
  }

  @Test
  void signAgreesWithTheDocumentedJavaComputationOnAnotherBody() throws Exception {
    byte[] body =
        "{\"orderId\":\"1001\",\"decision\":{\"checkpointAction\":\"REJECT\",\"note\":\"naïve\"}}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(SignifydSignature.sign(body, "another-team-key"))
        .isEqualTo(documentedComputation("another-team-key", body));
  }

  @Test
  void acceptsTheContractVector() {
    assertThatCode(() -> verify(List.of(CONTRACT_SIGNATURE), BODY, List.of(KEY)))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAnyConfiguredKeyAndAnySentHeaderValue() {
    assertThatCode(
            () ->
                verify(
                    Arrays.asList(null, "bm90IGl0", CONTRACT_SIGNATURE),
                    BODY,
                    List.of("old_team_key", KEY)))
        .doesNotThrowAnyException();
  }

  @Test
  void surroundingWhitespaceInTheHeaderIsTolerated() {
    assertThatCode(() -> verify(List.of("  " + CONTRACT_SIGNATURE + " "), BODY, List.of(KEY)))
        .doesNotThrowAnyException();
  }

  @Test
  void aTamperedBodyIsRefusedWithoutRevealingTheKeyOrTheSignature() {
    byte[] tampered = "{\"id\":\"evt_2\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
    String computed = SignifydSignature.sign(tampered, KEY);

    assertThatThrownBy(() -> verify(List.of(CONTRACT_SIGNATURE), tampered, List.of(KEY)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("the SIGNIFYD-SEC-HMAC-SHA256 header does not match the configured team API key")
        .satisfies(
            e -> {
              WebhookRejected rejected = (WebhookRejected) e;
              assertThat(rejected.status()).isEqualTo(400);
              assertThat(rejected.title()).isEqualTo("Invalid signature");
              assertThat(rejected.detail())
                  .doesNotContain(KEY)
                  .doesNotContain(computed)
                  .doesNotContain(CONTRACT_SIGNATURE);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // one character changed
        "z7SADrwm+YHdBCgTzYS1gYtPLQyJG4PiKFPDIP0B7VJ=",
        // the same MAC written in hex instead of base64
        "cfb4800ebc26f981dd042813cd84b5818b4f2d0c891b83e22853c320fd01ed52",
        // url-safe base64 alphabet
        "z7SADrwm-YHdBCgTzYS1gYtPLQyJG4PiKFPDIP0B7VI=",
        // without padding
        "z7SADrwm+YHdBCgTzYS1gYtPLQyJG4PiKFPDIP0B7VI",
        "sha256=z7SADrwm+YHdBCgTzYS1gYtPLQyJG4PiKFPDIP0B7VI="
      })
  void forgedOrDifferentlyEncodedSignaturesAreRefused(String header) {
    assertThatThrownBy(() -> verify(List.of(header), BODY, List.of(KEY)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void theHexFormUsedInTheForgeryCaseIsReallyTheSameMac() {
    byte[] mac = Base64.getDecoder().decode(CONTRACT_SIGNATURE);

    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("cfb4800ebc26f981dd042813cd84b5818b4f2d0c891b83e22853c320fd01ed52");
  }

  @Test
  void aSignatureMadeWithAnotherKeyIsRefused() {
    String other = SignifydSignature.sign(BODY, "someone_elses_key");

    assertThatThrownBy(() -> verify(List.of(other), BODY, List.of(KEY)))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void aMissingOrBlankHeaderIsRefused() {
    List<List<String>> cases =
        List.of(List.of(), Arrays.asList((String) null, null), List.of("", "   "));
    for (List<String> headers : cases) {
      assertThatThrownBy(() -> verify(headers, BODY, List.of(KEY)))
          .as("%s", headers)
          .isInstanceOf(WebhookRejected.class)
          .hasMessage("missing SIGNIFYD-SEC-HMAC-SHA256 header");
    }
    assertThatThrownBy(() -> verify(null, BODY, List.of(KEY)))
        .hasMessage("missing SIGNIFYD-SEC-HMAC-SHA256 header");
  }

  @Test
  void theTestKeyPassesOnlyWhenTheCallerAllowsIt() throws Exception {
    String withTestKey = SignifydSignature.sign(BODY, "ABCDE");

    assertThatThrownBy(() -> verify(List.of(withTestKey), BODY, List.of(KEY)))
        .isInstanceOf(WebhookRejected.class);
    assertThatCode(() -> SignifydSignature.verify(List.of(withTestKey), BODY, List.of(KEY), true))
        .doesNotThrowAnyException();
    assertThat(withTestKey).isEqualTo(documentedComputation("ABCDE", BODY));
  }

  @Test
  void noUsableKeyIsAProgrammingErrorNotARejection() {
    assertThatThrownBy(() -> verify(List.of(CONTRACT_SIGNATURE), BODY, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> verify(List.of(CONTRACT_SIGNATURE), BODY, List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> verify(List.of(CONTRACT_SIGNATURE), BODY, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyBodyIsStillSignedAndChecked() {
    byte[] empty = new byte[0];
    String signature = SignifydSignature.sign(empty, KEY);

    assertThatCode(() -> verify(List.of(signature), empty, List.of(KEY)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> verify(List.of(signature), BODY, List.of(KEY)))
        .isInstanceOf(WebhookRejected.class);
  }
}
