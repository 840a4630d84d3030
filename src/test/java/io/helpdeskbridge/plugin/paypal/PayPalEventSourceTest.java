package io.helpdeskbridge.plugin.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificate verification end to end within the plugin: deliveries signed with a self-made key,
 * its certificate served by a WireMock stand-in of PayPal's certificate URL, which the connector
 * allows through {@code cert-hosts}.
 */
class PayPalEventSourceTest {
  static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";
  static final String CERT_PATH = "/v1/notifications/certs/CERT-360caa42-fca2a594-test0001";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final WireMockServer paypal = new WireMockServer(wireMockConfig().dynamicPort());
  private final PayPalEventSource source = new PayPalEventSource();
  private final byte[] body = PayPalPayloads.bytes(PayPalPayloads.refunded("WH-0EB46312P3839531T-4DP1384C8P8791820", "2026-11-24T10:00:00Z"));

  @BeforeEach
  void start() {
    paypal.start();
    serve(CERT_PATH, PayPalTestKeys.valid());
  }

  @AfterEach
  void stop() {
    paypal.stop();
  }

  private void serve(String path, PayPalTestKeys.Cert cert) {
    paypal.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-pem-file").withBody(cert.pem())));
  }

  private String origin() {
    return "http://127.0.0.1:" + paypal.port();
  }

  private String certUrl() {
    return origin() + CERT_PATH;
  }

  private ConnectorSettings settings(Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("webhook-id", WEBHOOK_ID);
    values.put("cert-hosts", origin());
    values.putAll(extra);
    return new ConnectorSettings("paypal", "paypal", "connectors/paypal.yaml", values);
  }

  private static WebhookRequest request(Map<String, String> headers, byte[] body) {
    return new WebhookRequest("paypal", headers, body, NOW);
  }

  private Map<String, String> signed(byte[] signedBody, String webhookId, String certUrl, Instant time, PayPalTestKeys.Cert cert) {
    return PayPalTestKeys.signed(signedBody, webhookId, certUrl, time, "b2384410-f8d2-11ec-9ef9-49a4e4ff1ac5", cert);
  }

  private WebhookRejected refused(WebhookRequest request, ConnectorSettings settings) {
    try {
      source.verify(request, settings, Clock.fixed(NOW, ZoneOffset.UTC));
    } catch (WebhookRejected e) {
      // a refusal never repeats the signature or the body
      assertThat(e.detail()).doesNotContain(request.header("PAYPAL-TRANSMISSION-SIG") == null ? "\u0000" : request.header("PAYPAL-TRANSMISSION-SIG"))
          .doesNotContain("8MC585209K746392H");
      return e;
    }
    throw new AssertionError("the delivery was accepted");
  }

  @Test
  void isFoundByServiceLoaderAndProvesDeliveriesWithTheWebhookId() {
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.get().id())).contains("paypal");
    assertThat(source.id()).isEqualTo("paypal");
    assertThat(source.verifiedBy()).isEqualTo("webhook-id");
  }

  @Test
  void aSignedDeliveryIsAcceptedAndTheCertificateFetchedOncePerUrl() {
    WebhookRequest first = request(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()), body);
    WebhookRequest second = request(signed(body, WEBHOOK_ID, certUrl(), NOW.minusSeconds(30), PayPalTestKeys.valid()), body);

    assertThatCode(() -> source.verify(first, settings(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC))).doesNotThrowAnyException();
    assertThatCode(() -> source.verify(second, settings(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC))).doesNotThrowAnyException();

    paypal.verify(1, getRequestedFor(urlPathEqualTo(CERT_PATH)));
  }

  @Test
  void aTamperedBodyChangesTheCrcAndIsRefused() {
    byte[] tampered = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("25.00", "95.00")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()), tampered), settings(Map.of()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.title()).isEqualTo("Invalid signature");
  }

  @Test
  void aDeliverySignedForAnotherWebhookIsRefused() {
    WebhookRejected e = refused(request(signed(body, "1JE4291016473214C", certUrl(), NOW, PayPalTestKeys.valid()), body), settings(Map.of()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).contains("webhook id");
  }

  @Test
  void aSignatureByAnotherKeyThanTheCertificatesIsRefused() {
    Map<String, String> headers = signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.foreign());

    assertThat(refused(request(headers, body), settings(Map.of())).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://evil.example/v1/notifications/certs/CERT-1", "https://paypal.com.evil.example/cert",
      "https://evilpaypal.com/cert", "https://api.paypal.com@evil.example/cert", "ftp://api.paypal.com/cert", "not a url"})
  void aCertificateUrlOffPayPalsHostsIsRefusedWithoutFetchingIt(String url) {
    ConnectorSettings defaults = settings(Map.of("cert-hosts", ".paypal.com"));

    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, url, NOW, PayPalTestKeys.valid()), body), defaults);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).contains("PAYPAL-CERT-URL");
    assertThat(paypal.getAllServeEvents()).isEmpty();
  }

  @Test
  void plainHttpIsRefusedUnlessTheExactOriginIsAllowed() {
    // the default: https on PayPal's hosts only, so http://api.paypal.com is not fetched
    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, "http://api.paypal.com" + CERT_PATH, NOW, PayPalTestKeys.valid()),
        body), settings(Map.of("cert-hosts", ".paypal.com")));
    assertThat(e.detail()).contains("not http://api.paypal.com");

    // naming the host without a scheme still means https
    WebhookRejected hostOnly = refused(request(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()), body),
        settings(Map.of("cert-hosts", "127.0.0.1:" + paypal.port())));
    assertThat(hostOnly.status()).isEqualTo(400);
    assertThat(paypal.getAllServeEvents()).isEmpty();
  }

  @Test
  void aCertificateNotInPayPalsNameIsRefused() {
    serve("/v1/notifications/certs/CERT-foreign", PayPalTestKeys.foreign());
    String url = origin() + "/v1/notifications/certs/CERT-foreign";

    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, url, NOW, PayPalTestKeys.foreign()), body), settings(Map.of()));

    assertThat(e.detail()).contains("not PayPal's message-verification certificate");
  }

  @Test
  void anExpiredCertificateIsRefused() {
    serve("/v1/notifications/certs/CERT-expired", PayPalTestKeys.expired());
    String url = origin() + "/v1/notifications/certs/CERT-expired";

    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, url, NOW, PayPalTestKeys.expired()), body), settings(Map.of()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).contains("expired");
  }

  @Test
  void aStaleTransmissionIsRefusedBeforeAnyFetchAndTheToleranceIsASetting() {
    Map<String, String> old = signed(body, WEBHOOK_ID, certUrl(), NOW.minusSeconds(301), PayPalTestKeys.valid());

    WebhookRejected e = refused(request(old, body), settings(Map.of()));
    assertThat(e.detail()).contains("PAYPAL-TRANSMISSION-TIME").contains("300 s");
    assertThat(paypal.getAllServeEvents()).isEmpty();

    assertThatCode(() -> source.verify(request(old, body), settings(Map.of("tolerance-seconds", "600")),
        Clock.fixed(NOW, ZoneOffset.UTC))).doesNotThrowAnyException();
    // a sender's clock ahead of ours is no reason to drop a genuine delivery
    Map<String, String> ahead = signed(body, WEBHOOK_ID, certUrl(), NOW.plusSeconds(120), PayPalTestKeys.valid());
    assertThatCode(() -> source.verify(request(ahead, body), settings(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME", "PAYPAL-TRANSMISSION-SIG", "PAYPAL-CERT-URL",
      "PAYPAL-AUTH-ALGO"})
  void eachMissingHeaderIsNamed(String header) {
    Map<String, String> headers = new LinkedHashMap<>(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()));
    headers.remove(header);

    WebhookRejected e = refused(request(headers, body), settings(Map.of()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).isEqualTo("missing " + header + " header");
  }

  @Test
  void noHeadersAtAllNamesAllFive() {
    assertThat(refused(request(Map.of(), body), settings(Map.of())).detail())
        .isEqualTo("missing PAYPAL-TRANSMISSION-ID, PAYPAL-TRANSMISSION-TIME, PAYPAL-TRANSMISSION-SIG, PAYPAL-CERT-URL, "
            + "PAYPAL-AUTH-ALGO headers");
  }

  @Test
  void malformedHeaderValuesAreRefused() {
    Map<String, String> headers = new LinkedHashMap<>(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()));
    headers.put("PAYPAL-AUTH-ALGO", "SHA1withRSA");
    assertThat(refused(request(headers, body), settings(Map.of())).detail()).contains("must be SHA256withRSA");

    headers = new LinkedHashMap<>(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()));
    headers.put("PAYPAL-TRANSMISSION-TIME", "yesterday");
    assertThat(refused(request(headers, body), settings(Map.of())).detail()).contains("RFC 3339");

    headers = new LinkedHashMap<>(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()));
    headers.put("PAYPAL-TRANSMISSION-SIG", "%%not-base64%%");
    assertThat(refused(request(headers, body), settings(Map.of())).detail()).contains("not base64");
  }

  @Test
  void whatIsServedMustBeACertificate() {
    paypal.stubFor(get(urlPathEqualTo("/v1/notifications/certs/CERT-html")).willReturn(aResponse().withStatus(200).withBody("<html/>")));
    paypal.stubFor(get(urlPathEqualTo("/v1/notifications/certs/CERT-gone")).willReturn(aResponse().withStatus(404)));

    assertThat(refused(request(signed(body, WEBHOOK_ID, origin() + "/v1/notifications/certs/CERT-html", NOW, PayPalTestKeys.valid()),
        body), settings(Map.of())).detail()).contains("does not serve a certificate");
    WebhookRejected gone = refused(request(signed(body, WEBHOOK_ID, origin() + "/v1/notifications/certs/CERT-gone", NOW,
        PayPalTestKeys.valid()), body), settings(Map.of()));
    assertThat(gone.status()).isEqualTo(400);
    assertThat(gone.detail()).contains("HTTP 404");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, 429})
  void aCertificateHostThatFailsMakesARetryableRefusalNeverAnAcceptance(int status) {
    paypal.stubFor(get(urlPathEqualTo("/v1/notifications/certs/CERT-down")).willReturn(aResponse().withStatus(status)));

    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, origin() + "/v1/notifications/certs/CERT-down", NOW,
        PayPalTestKeys.valid()), body), settings(Map.of()));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.detail()).contains("answered " + status).contains("retry later");
  }

  @Test
  void aCertificateHostThatCannotBeReachedOrHangsIsRetryable() {
    paypal.stubFor(get(urlPathEqualTo("/v1/notifications/certs/CERT-reset"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    paypal.stubFor(get(urlPathEqualTo("/v1/notifications/certs/CERT-slow"))
        .willReturn(aResponse().withStatus(200).withBody(PayPalTestKeys.valid().pem()).withFixedDelay(2_000)));

    assertThat(refused(request(signed(body, WEBHOOK_ID, origin() + "/v1/notifications/certs/CERT-reset", NOW,
        PayPalTestKeys.valid()), body), settings(Map.of())).status()).isEqualTo(503);
    WebhookRejected slow = refused(request(signed(body, WEBHOOK_ID, origin() + "/v1/notifications/certs/CERT-slow", NOW,
        PayPalTestKeys.valid()), body), settings(Map.of("timeout-ms", "300")));
    assertThat(slow.status()).isEqualTo(503);
    assertThat(slow.detail()).contains("HttpTimeoutException");
  }

  @Test
  void aConnectorWithoutItsWebhookIdRefusesRetryablyAndSaysWhichSettingIsMissing() {
    ConnectorSettings none = new ConnectorSettings("paypal", "paypal", "connectors/paypal.yaml", Map.of("webhook-id", ""));

    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()), body), none);

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.detail()).contains("connectors/paypal.yaml").contains("webhook-id");
  }

  @Test
  void anUnknownVerificationModeIsAConfigurationRefusal() {
    WebhookRejected e = refused(request(signed(body, WEBHOOK_ID, certUrl(), NOW, PayPalTestKeys.valid()), body),
        settings(Map.of("verification", "trust-me")));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.detail()).contains("certificate or api");
  }
}
