package io.helpdeskbridge.plugin.easypost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.testing.VendorSigner;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EasyPostSignatureTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "ep_test_secret";
  private static final String CONTRACT_HEX =
      "780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576";
  private static final String CONTRACT_HEADER = "hmac-sha256-hex=" + CONTRACT_HEX;
  private static final int PREFIX_LENGTH = "hmac-sha256-hex=".length();

  // --- the contract's test vector ---

  @Test
  void signReproducesTheContractVector() {
    assertThat(EasyPostSignature.sign(BODY, SECRET)).isEqualTo(CONTRACT_HEADER);
  }

  @Test
  void contractVectorVerifies() {
    assertThatCode(() -> EasyPostSignature.verify(CONTRACT_HEADER, BODY, List.of(SECRET)))
        .doesNotThrowAnyException();
  }

  @Test
  void theTestsIndependentSignerAgrees() {
    String body = "{\"id\":\"evt_2\",\"description\":\"tracker.updated\",\"note\":\"é€\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(EasyPostSignature.sign(bytes, "ﬁ_secret"))
        .isEqualTo(VendorSigner.easypost(bytes, "ﬁ_secret"));
    assertThat(VendorSigner.easypost(BODY, SECRET)).isEqualTo(CONTRACT_HEADER);
  }

  // --- NFKD normalisation of the secret ---

  @ParameterizedTest
  @CsvSource({
    // as typed (composed, ligature, compatibility forms), its NFKD form
    "ﬁle_secret, file_secret",
    "caf\u00e9_secret, cafe\u0301_secret",
    "\u212bngstr\u00f6m, A\u030angstro\u0308m",
    "ep\u2460secret, ep1secret",
    "\uff45\uff50_wide, ep_wide",
  })
  void aSecretSignsExactlyLikeItsNfkdForm(String typed, String nfkd) {
    assertThat(Normalizer.normalize(typed, Normalizer.Form.NFKD)).isEqualTo(nfkd);
    assertThat(typed).isNotEqualTo(nfkd);

    String header = EasyPostSignature.sign(BODY, typed);

    assertThat(header).isEqualTo(EasyPostSignature.sign(BODY, nfkd));
    assertThatCode(() -> EasyPostSignature.verify(header, BODY, List.of(nfkd)))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> EasyPostSignature.verify(EasyPostSignature.sign(BODY, nfkd), BODY, List.of(typed)))
        .doesNotThrowAnyException();
  }

  @Test
  void normalisationMattersTheRawUtf8OfAComposedSecretWouldSignDifferently() {
    String composed = "caf\u00e9_secret";
    String rawUtf8 =
        "hmac-sha256-hex=" + Hmac.hex(Hmac.sha256(composed.getBytes(StandardCharsets.UTF_8), BODY));

    assertThat(EasyPostSignature.sign(BODY, composed)).isNotEqualTo(rawUtf8);
    assertThatThrownBy(() -> EasyPostSignature.verify(rawUtf8, BODY, List.of(composed)))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void nfkdIsNotCaseFoldingOrTrimming() {
    assertThat(EasyPostSignature.sign(BODY, "EP_TEST_SECRET")).isNotEqualTo(CONTRACT_HEADER);
    assertThat(EasyPostSignature.sign(BODY, SECRET + " ")).isNotEqualTo(CONTRACT_HEADER);
  }

  // --- refusals ---

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void aMissingHeaderIsRefused(String header) {
    assertThatThrownBy(() -> EasyPostSignature.verify(header, BODY, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing X-Hmac-Signature header")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400))
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Invalid signature"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        CONTRACT_HEX,
        "sha256=" + CONTRACT_HEX,
        "HMAC-SHA256-HEX=" + CONTRACT_HEX,
        " hmac-sha256-hex=" + CONTRACT_HEX,
      })
  void aHeaderWithoutTheSchemePrefixIsRefused(String header) {
    assertThatThrownBy(() -> EasyPostSignature.verify(header, BODY, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Hmac-Signature header does not start with hmac-sha256-hex=");
  }

  @Test
  void aTamperedBodyIsRefused() {
    byte[] tampered = "{\"id\":\"evt_1\",\"object\":\"event\" }".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> EasyPostSignature.verify(CONTRACT_HEADER, tampered, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // one hex digit changed, upper-case hex, truncated, trailing space, empty, doubled
        "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a577",
        "hmac-sha256-hex=780A278EBB14D0AC3C4AFA4914A2C9F6378368E65728E53DAE69559B5019A576",
        "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a5",
        "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576 ",
        "hmac-sha256-hex=",
        "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576,"
            + "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576",
      })
  void aTamperedOrReformattedSignatureIsRefusedAsTheSdkWould(String header) {
    assertThatThrownBy(() -> EasyPostSignature.verify(header, BODY, List.of(SECRET)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("signature does not match the configured secret");
  }

  @Test
  void aWrongSecretIsRefusedAndTheMessageLeaksNeitherSecretNorSignature() {
    String expected = EasyPostSignature.sign(BODY, "ep_other_secret");

    assertThatThrownBy(
            () -> EasyPostSignature.verify(CONTRACT_HEADER, BODY, List.of("ep_other_secret")))
        .isInstanceOf(WebhookRejected.class)
        .satisfies(
            e -> {
              String message = e.getMessage().toLowerCase(Locale.ROOT);
              assertThat(message)
                  .doesNotContain("ep_other_secret")
                  .doesNotContain(CONTRACT_HEX)
                  .doesNotContain(expected.substring(PREFIX_LENGTH));
            });
  }

  // --- several secrets while one is replaced ---

  @Test
  void anyConfiguredSecretMayMatch() {
    assertThatCode(
            () ->
                EasyPostSignature.verify(
                    CONTRACT_HEADER, BODY, List.of("ep_old_secret", SECRET, "ep_newer_secret")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                EasyPostSignature.verify(
                    CONTRACT_HEADER, BODY, List.of("ep_old_secret", "ep_newer_secret")))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void noConfiguredSecretIsAProgrammingErrorNotARejection() {
    assertThatThrownBy(() -> EasyPostSignature.verify(CONTRACT_HEADER, BODY, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no EasyPost webhook secret is configured");
    assertThatThrownBy(() -> EasyPostSignature.verify(CONTRACT_HEADER, BODY, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyBodyIsSignedAndVerifiedLikeAnyOther() {
    byte[] empty = new byte[0];
    String header = EasyPostSignature.sign(empty, SECRET);

    assertThat(header).startsWith("hmac-sha256-hex=").hasSize(PREFIX_LENGTH + 64);
    assertThatCode(() -> EasyPostSignature.verify(header, empty, List.of(SECRET)))
        .doesNotThrowAnyException();
  }
}
