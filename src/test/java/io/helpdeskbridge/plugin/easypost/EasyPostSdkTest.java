package io.helpdeskbridge.plugin.easypost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.easypost.exception.General.SignatureVerificationError;
import com.easypost.model.Event;
import com.easypost.utils.Cryptography;
import com.easypost.utils.Utilities;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@link EasyPostSignature} against EasyPost's own Java SDK ({@code
 * com.easypost:easypost-api-client}, test scope): what it signs we accept, what we sign it
 * accepts, and what it refuses we refuse. Kept apart from {@link EasyPostSignatureTest} because it
 * is the only test that needs the SDK on the classpath.
 */
class EasyPostSdkTest {

  private static final String CONTRACT_BODY = "{\"id\":\"evt_1\",\"object\":\"event\"}";
  private static final String CONTRACT_HEADER =
      "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576";

  private static Map<String, Object> headers(String signature) {
    Map<String, Object> headers = new HashMap<>();
    headers.put("X-Hmac-Signature", signature);
    return headers;
  }

  private static byte[] sample() {
    return new EasyPostEventSource().sample("tracker.updated").orElseThrow();
  }

  @Test
  void sdkAcceptsTheContractVector() throws Exception {
    byte[] body = CONTRACT_BODY.getBytes(StandardCharsets.UTF_8);

    Event event = Utilities.validateWebhook(body, headers(CONTRACT_HEADER), "ep_test_secret");

    assertThat(event.getId()).isEqualTo("evt_1");
    assertThat(
            "hmac-sha256-hex="
                + Cryptography.toHMACSHA256HexDigest(body, "ep_test_secret", Normalizer.Form.NFKD))
        .isEqualTo(CONTRACT_HEADER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ep_test_secret", "ﬁnance_hook_secret", "caf\u00e9_secret", "\uff45\uff50_wide"})
  void sdkAcceptsWhatWeSignAndWeAcceptWhatTheSdkSigns(String secret) throws Exception {
    byte[] body = sample();
    String ours = EasyPostSignature.sign(body, secret);
    String theirs =
        "hmac-sha256-hex=" + Cryptography.toHMACSHA256HexDigest(body, secret, Normalizer.Form.NFKD);

    Event event = Utilities.validateWebhook(body, headers(ours), secret);

    assertThat(ours).isEqualTo(theirs);
    assertThat(event.getDescription()).isEqualTo("tracker.updated");
    assertThat(event.getResult()).containsEntry("tracking_code", "9400100000000000000000");
    assertThatCode(() -> EasyPostSignature.verify(theirs, body, List.of(secret)))
        .doesNotThrowAnyException();
  }

  @Test
  void sdkAcceptsTheNfkdFormOfALigatureSecretLikeWeDo() throws Exception {
    byte[] body = sample();
    String header = EasyPostSignature.sign(body, "ﬁnance_hook_secret");

    assertThat(Utilities.validateWebhook(body, headers(header), "finance_hook_secret").getId())
        .startsWith("evt_");
    assertThatCode(() -> EasyPostSignature.verify(header, body, List.of("finance_hook_secret")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hmac-sha256-hex=780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a577",
        "hmac-sha256-hex=780A278EBB14D0AC3C4AFA4914A2C9F6378368E65728E53DAE69559B5019A576",
        "780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576",
        "hmac-sha256-hex=",
      })
  void whatTheSdkRefusesWeRefuse(String header) {
    byte[] body = CONTRACT_BODY.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Utilities.validateWebhook(body, headers(header), "ep_test_secret"))
        .isInstanceOf(SignatureVerificationError.class);
    assertThatThrownBy(() -> EasyPostSignature.verify(header, body, List.of("ep_test_secret")))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void bothRefuseAMissingHeader() {
    byte[] body = CONTRACT_BODY.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Utilities.validateWebhook(body, new HashMap<>(), "ep_test_secret"))
        .isInstanceOf(SignatureVerificationError.class);
    assertThatThrownBy(() -> EasyPostSignature.verify(null, body, List.of("ep_test_secret")))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing X-Hmac-Signature header");
  }

  @Test
  void bothRefuseATamperedBody() {
    byte[] tampered = sample().clone();
    String header = EasyPostSignature.sign(sample(), "ep_test_secret");
    tampered[tampered.length - 3] ^= 1;

    assertThatThrownBy(() -> Utilities.validateWebhook(tampered, headers(header), "ep_test_secret"))
        .isInstanceOf(SignatureVerificationError.class);
    assertThatThrownBy(() -> EasyPostSignature.verify(header, tampered, List.of("ep_test_secret")))
        .isInstanceOf(WebhookRejected.class);
  }
}
