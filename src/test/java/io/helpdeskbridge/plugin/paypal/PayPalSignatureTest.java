package io.helpdeskbridge.plugin.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The signature against PayPal itself: a delivery PayPal's webhook simulator really sent (to
 * webhook id {@code WEBHOOK_ID}, as simulator events are signed), with the certificate PayPal
 * served at its PAYPAL-CERT-URL then (messageverificationcerts.paypal.com, valid 2024-03-08 to
 * 2025-03-07, issued by DigiCert's EV intermediate and served without it). If the bridge read the
 * scheme wrong in any detail (field order, the CRC's sign, the body bytes), this would not verify.
 */
class PayPalSignatureTest {

  static final String CERT_URL = "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1a5f47cb";
  static final Instant SENT = Instant.parse("2024-08-02T19:35:04Z");

  static final String PAYPAL_CERT = """
      -----BEGIN CERTIFICATE-----
      MIIHXDCCBkSgAwIBAgIQA/ujbySX3tuj46W/d7zhxDANBgkqhkiG9w0BAQsFADB1
      MQswCQYDVQQGEwJVUzEVMBMGA1UEChMMRGlnaUNlcnQgSW5jMRkwFwYDVQQLExB3
      d3cuZGlnaWNlcnQuY29tMTQwMgYDVQQDEytEaWdpQ2VydCBTSEEyIEV4dGVuZGVk
      IFZhbGlkYXRpb24gU2VydmVyIENBMB4XDTI0MDMwODAwMDAwMFoXDTI1MDMwNzIz
      NTk1OVowgdsxEzARBgsrBgEEAYI3PAIBAxMCVVMxGTAXBgsrBgEEAYI3PAIBAhMI
      RGVsYXdhcmUxHTAbBgNVBA8MFFByaXZhdGUgT3JnYW5pemF0aW9uMRAwDgYDVQQF
      EwczMDE0MjY3MQswCQYDVQQGEwJVUzETMBEGA1UECBMKQ2FsaWZvcm5pYTERMA8G
      A1UEBxMIU2FuIEpvc2UxFTATBgNVBAoTDFBheVBhbCwgSW5jLjEsMCoGA1UEAxMj
      bWVzc2FnZXZlcmlmaWNhdGlvbmNlcnRzLnBheXBhbC5jb20wggEiMA0GCSqGSIb3
      DQEBAQUAA4IBDwAwggEKAoIBAQC4GzoXbAbZY1nNrR6sr/WGBKHrv5MzXK+QY2lt
      N0eZFSMR3Q/FhTSVKyFGEtqpdkVu2RwnJnpz0dtDAnssBZTDE/3dafGT41cPPtjQ
      Tx/VLhC0noV+SCcwYk2Bv7vm2RqeJUUVqThouNmZPaRZNpMPQDAqdHUoIxSk/kQl
      hPVHhTCpjY9wwUbwn49E/+f44W87kkeXsrbTet6bSeqgW1oy7sj2QR0vg2xi1yYy
      dNqhMhsceh3pV7qRfvlP7Rv3yorsCWZXAbxSB7MKzcSsnM2n4iE20pTWWiUaKLPI
      L4vTqfl0cqRygKx0Pcy4aknxIRwbI8Ab493j5c2Rmtxv4ZJhAgMBAAGjggN/MIID
      ezAfBgNVHSMEGDAWgBQ901Cl1qCt7vNKYApl0yHU+PjWDzAdBgNVHQ4EFgQUGTJR
      HgzRoA4BYXr5GPWiwCf5gd8wLgYDVR0RBCcwJYIjbWVzc2FnZXZlcmlmaWNhdGlv
      bmNlcnRzLnBheXBhbC5jb20wSgYDVR0gBEMwQTALBglghkgBhv1sAgEwMgYFZ4EM
      AQEwKTAnBggrBgEFBQcCARYbaHR0cDovL3d3dy5kaWdpY2VydC5jb20vQ1BTMA4G
      A1UdDwEB/wQEAwIFoDAdBgNVHSUEFjAUBggrBgEFBQcDAQYIKwYBBQUHAwIwdQYD
      VR0fBG4wbDA0oDKgMIYuaHR0cDovL2NybDMuZGlnaWNlcnQuY29tL3NoYTItZXYt
      c2VydmVyLWczLmNybDA0oDKgMIYuaHR0cDovL2NybDQuZGlnaWNlcnQuY29tL3No
      YTItZXYtc2VydmVyLWczLmNybDCBiAYIKwYBBQUHAQEEfDB6MCQGCCsGAQUFBzAB
      hhhodHRwOi8vb2NzcC5kaWdpY2VydC5jb20wUgYIKwYBBQUHMAKGRmh0dHA6Ly9j
      YWNlcnRzLmRpZ2ljZXJ0LmNvbS9EaWdpQ2VydFNIQTJFeHRlbmRlZFZhbGlkYXRp
      b25TZXJ2ZXJDQS5jcnQwDAYDVR0TAQH/BAIwADCCAXwGCisGAQQB1nkCBAIEggFs
      BIIBaAFmAHUATnWjJ1yaEMM4W2zU3z9S6x3w4I4bjWnAsfpksWKaOd8AAAGOHuxW
      NwAABAMARjBEAiA794gDwBlLuPrnv5Fj4ablrQ0rdN79WXYKElFRlZfFwQIgbSkU
      2m9OuKVbhYkYye2p7uEZaY+7CIau2CgGn021hb4AdgB9WR4S4XgqexxhZ3xe/fjQ
      h1wUoE6VnrkDL9kOjC55uAAAAY4e7FX0AAAEAwBHMEUCIH/TXkK2Wg7UAa1E0G0A
      BP2PZubHPXyzhtWUQWo0S7SyAiEAuKaUmmoOH7eS+cZXu18EwdU0b0/Fr4vTIeAW
      dBwuOOQAdQDm0jFjQHeMwRBBBtdxuc7B0kD2loSG+7qHMh39HjeOUAAAAY4e7FYQ
      AAAEAwBGMEQCIFsrE/dHNM1QbIclR/50AiCNtoKjcGJFoblgaVnWW/6uAiBA5EE+
      vX1dxUdluf6cktPuo0IxYZSd6WCG4zqBMR292TANBgkqhkiG9w0BAQsFAAOCAQEA
      vKdi82U0vGaCCAYN598wEN6Ktu+BeZp3W3p1iVRBZgY9l0JPjwWN8Apwm4BUUTp3
      00gpIfROKvyR1655B0QDv/oL1Wuz/zQ87kUGVZNNeac07+X2e6YP5sqrwF4ttWai
      ajFRa8M2Y6vEk+7EmSexynxJBRa86Aa4xogqlTv/7kXf7LrDzMTlfle7o2L7eqwd
      CIc7vCYw9XQ5K80d4Siy6xz+RSu7+Un8QlfAYB7z1o32uPEUihk05ulMiXJYvA0W
      OagItBsuMSzgwQ0KDC9EmDYmXE9xWtUolehmBGRyQw+/E7iVu4x4js1HRiD0M+s9
      bRQ14PLxRLqDKu8oqZ8DQA==
      -----END CERTIFICATE-----
      """;

  /** The headers PayPal sent with {@link PayPalPayloads#SIMULATOR_REFUND}. */
  static Map<String, String> simulatorHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("paypal-transmission-id", "51730200-5106-11ef-9a30-157053fd3e43");
    h.put("paypal-transmission-time", "2024-08-02T19:35:04Z");
    h.put("paypal-transmission-sig", "ff31fhZxoix1VbYc2wPp991eiUBdhALb71NFSq8VOMkbaBdx3Gm4lFZmQDL/lUXl4rImLjUdDvBMp4DOCN7T5WmyY7G88y"
        + "zMJJCngENSA7+r1NXweP+TLy5/jyGoNU2j3VEUSr9gwNF1tKrCpixnJbzwTA7tI8s4c53xfdtPuYKd4KNjH7jRQXt/YH+sR9hwNZTPWpIUm1LrdGFxCH1"
        + "iHoM5/mO1E7EngRuTf8zYAFIJE/vBcY2dLoD2gTJPfLbo5D+KSSMqgrD+xuCPJtZnQjP9QbA0rUAenRYAbRxPh2u3dLTiAaRMP7mZBI4d9ecPkdk0Hg"
        + "tUAPVhJTTBmx+Lag==");
    h.put("paypal-auth-version", "v2");
    h.put("paypal-cert-url", CERT_URL);
    h.put("paypal-auth-algo", "SHA256withRSA");
    h.put("content-type", "application/json");
    h.put("user-agent", "PayPal/AUHD-214.0-58391792");
    return h;
  }

  private final AtomicInteger fetches = new AtomicInteger();
  private final PayPalEventSource source = new PayPalEventSource((url, timeout) -> {
    fetches.incrementAndGet();
    assertThat(url.toString()).isEqualTo(CERT_URL);
    return new PayPalCertificates.Fetched(200, PAYPAL_CERT.getBytes(StandardCharsets.US_ASCII));
  });

  private static ConnectorSettings settings(String webhookId) {
    return new ConnectorSettings("paypal", "paypal", "connectors/paypal.yaml", Map.of("webhook-id", webhookId));
  }

  private static WebhookRequest delivery(String body) {
    return new WebhookRequest("paypal", simulatorHeaders(), body.getBytes(StandardCharsets.UTF_8), SENT);
  }

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void aRealPayPalDeliveryVerifiesWithPayPalsRealCertificate() {
    assertThatCode(() -> source.verify(delivery(PayPalPayloads.SIMULATOR_REFUND), settings("WEBHOOK_ID"), at(SENT.plusSeconds(6))))
        .doesNotThrowAnyException();
    assertThat(fetches).hasValue(1);
  }

  @Test
  void oneChangedByteOfTheBodyChangesTheCrcAndFails() {
    String tampered = PayPalPayloads.SIMULATOR_REFUND.replace("\"0.99\"}", "\"9.99\"}");
    assertThat(tampered).isNotEqualTo(PayPalPayloads.SIMULATOR_REFUND);

    assertThatThrownBy(() -> source.verify(delivery(tampered), settings("WEBHOOK_ID"), at(SENT.plusSeconds(6))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.detail()).contains("does not match");
        });
  }

  @Test
  void aGenuineDeliveryToAnotherWebhookDoesNotVerify() {
    assertThatThrownBy(() -> source.verify(delivery(PayPalPayloads.SIMULATOR_REFUND), settings("8PT597110X687430LKGECATA"),
        at(SENT.plusSeconds(6))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400));
    // one of several configured ids is enough
    assertThatCode(() -> source.verify(delivery(PayPalPayloads.SIMULATOR_REFUND), settings("8PT597110X687430LKGECATA,WEBHOOK_ID"),
        at(SENT.plusSeconds(6)))).doesNotThrowAnyException();
  }

  @Test
  void theSameDeliveryLaterIsStaleAndPayPalsCertificateHasSinceExpired() {
    assertThatThrownBy(() -> source.verify(delivery(PayPalPayloads.SIMULATOR_REFUND), settings("WEBHOOK_ID"),
        at(SENT.plusSeconds(301))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.detail()).contains("PAYPAL-TRANSMISSION-TIME"));
    ConnectorSettings noAgeCheck = new ConnectorSettings("paypal", "paypal", "connectors/paypal.yaml",
        Map.of("webhook-id", "WEBHOOK_ID", "tolerance-seconds", "0"));
    assertThatThrownBy(() -> source.verify(delivery(PayPalPayloads.SIMULATOR_REFUND), noAgeCheck, at(Instant.parse("2025-03-08T00:00:00Z"))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.detail()).contains("expired"));
  }

  @Test
  void theCrcIsUnsignedDecimalAndTheMessageIsTheFourFieldsJoinedByPipes() {
    // 0xCBF43926, the CRC-32 check value: as a signed int it would be -873187034
    assertThat(PayPalSignature.crc32("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo("3421780262");
    PayPalTransmission t = new PayPalTransmission("tid-1", "2024-08-02T19:35:04Z", "c2ln", CERT_URL, "SHA256withRSA");
    assertThat(new String(PayPalSignature.message(t, "WH1", "123456789".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8))
        .isEqualTo("tid-1|2024-08-02T19:35:04Z|WH1|3421780262");
  }
}
