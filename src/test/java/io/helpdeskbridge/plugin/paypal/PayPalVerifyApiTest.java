package io.helpdeskbridge.plugin.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code verification: api} against a WireMock PayPal that speaks the documented contract: {@code
 * POST /v1/oauth2/token} (Basic client credentials, form {@code grant_type=client_credentials},
 * answer {@code access_token}/{@code expires_in}) and {@code POST
 * /v1/notifications/verify-webhook-signature} (answer {@code verification_status}, errors as
 * {@code name}/{@code message}/{@code debug_id}).
 */
class PayPalVerifyApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CLIENT_ID = "AeA1QIZXiflr1_-r0U2UbWTziOWX1GRQer5jkUq4ZfWT5qwb6qQRPq7jDtv57TL4POEEezGLdutcxnkJ";
  static final String CLIENT_SECRET = "ECYYrrSHdKfk_Q0EdvzdGkzj58a66kKaUQ5dZAEv4HvvtDId2_DpSuYDB088BZxGuMji7G4OFUnPog6p";
  static final String ACCESS_TOKEN = "A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg";
  static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** What PayPal sends, with odd spacing on purpose: it must reach the API byte for byte. */
  static final String BODY = "{ \"id\":\"WH-0EB46312P3839531T-4DP1384C8P8791820\",  \"event_type\" : \"PAYMENT.CAPTURE.REFUNDED\","
      + "\"resource\":{\"id\":\"8MC585209K746392H\",\"note_to_payer\":\"caf\\u00e9\"}}";

  private final WireMockServer paypal = new WireMockServer(wireMockConfig().dynamicPort());
  private final PayPalEventSource source = new PayPalEventSource();

  @BeforeEach
  void start() {
    paypal.start();
    paypal.stubFor(post(urlPathEqualTo("/v1/oauth2/token")).atPriority(5).willReturn(okJson("{\"scope\":"
        + "\"https://uri.paypal.com/services/applications/webhooks\",\"access_token\":\"" + ACCESS_TOKEN + "\","
        + "\"token_type\":\"Bearer\",\"app_id\":\"APP-80W284485P519543T\",\"expires_in\":32400,\"nonce\":\"2026-11-24T10:00:00Zx\"}")));
  }

  @AfterEach
  void stop() {
    paypal.stop();
  }

  private void verifyAnswers(String status) {
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature")).atPriority(5)
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(okJson("{\"verification_status\":\"" + status + "\"}")));
  }

  private ConnectorSettings settings(Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("webhook-id", WEBHOOK_ID);
    values.put("verification", "api");
    values.put("client-id", CLIENT_ID);
    values.put("client-secret", CLIENT_SECRET);
    values.put("api-base", "http://127.0.0.1:" + paypal.port());
    values.putAll(extra);
    return new ConnectorSettings("paypal", "paypal", "connectors/paypal.yaml", values);
  }

  private static Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("PAYPAL-TRANSMISSION-ID", "b2384410-f8d2-11ec-9ef9-49a4e4ff1ac5");
    h.put("PAYPAL-TRANSMISSION-TIME", NOW.toString());
    h.put("PAYPAL-TRANSMISSION-SIG", "TrxLvjZ6OEQ5fJSy8F0jwqRrsZkwwAXH2IgO2oLZxhFGvTw1b8q2e9zwzRAGhJ1yZ3fTanjvlZ0P2cKfq3ps1g==");
    h.put("PAYPAL-CERT-URL", "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-bb2ad7fd");
    h.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
    return h;
  }

  private static WebhookRequest delivery(String body) {
    return new WebhookRequest("paypal", headers(), body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private void verify(WebhookRequest request, ConnectorSettings settings) throws WebhookRejected {
    source.verify(request, settings, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private WebhookRejected refused(WebhookRequest request, ConnectorSettings settings) {
    try {
      verify(request, settings);
    } catch (WebhookRejected e) {
      assertThat(e.detail()).doesNotContain(CLIENT_SECRET).doesNotContain(ACCESS_TOKEN).doesNotContain(CLIENT_ID);
      return e;
    }
    throw new AssertionError("the delivery was accepted");
  }

  private List<LoggedRequest> verifyCalls() {
    return paypal.findAll(postRequestedFor(urlPathEqualTo("/v1/notifications/verify-webhook-signature")));
  }

  @Test
  void successAcceptsAndTheRequestCarriesTheHeadersTheWebhookIdAndTheRawEvent() throws Exception {
    verifyAnswers("SUCCESS");

    assertThatCode(() -> verify(delivery(BODY), settings(Map.of()))).doesNotThrowAnyException();

    LoggedRequest token = paypal.findAll(postRequestedFor(urlPathEqualTo("/v1/oauth2/token"))).get(0);
    assertThat(token.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(token.getBodyAsString()).isEqualTo("grant_type=client_credentials");
    LoggedRequest call = verifyCalls().get(0);
    assertThat(call.getHeader("Content-Type")).isEqualTo("application/json");
    String sent = call.getBodyAsString();
    assertThat(sent).contains("\"webhook_event\":" + BODY + "}");
    JsonNode json = JSON.readTree(sent);
    assertThat(json.path("auth_algo").asText()).isEqualTo("SHA256withRSA");
    assertThat(json.path("cert_url").asText()).isEqualTo(headers().get("PAYPAL-CERT-URL"));
    assertThat(json.path("transmission_id").asText()).isEqualTo("b2384410-f8d2-11ec-9ef9-49a4e4ff1ac5");
    assertThat(json.path("transmission_sig").asText()).isEqualTo(headers().get("PAYPAL-TRANSMISSION-SIG"));
    assertThat(json.path("transmission_time").asText()).isEqualTo(NOW.toString());
    assertThat(json.path("webhook_id").asText()).isEqualTo(WEBHOOK_ID);
    assertThat(json.path("webhook_event").path("id").asText()).isEqualTo("WH-0EB46312P3839531T-4DP1384C8P8791820");
  }

  @Test
  void theTokenIsFetchedOnceForManyDeliveries() throws Exception {
    verifyAnswers("SUCCESS");

    verify(delivery(BODY), settings(Map.of()));
    verify(delivery(BODY), settings(Map.of()));
    verify(delivery(BODY), settings(Map.of()));

    paypal.verify(1, postRequestedFor(urlPathEqualTo("/v1/oauth2/token")));
    assertThat(verifyCalls()).hasSize(3);
  }

  @Test
  void failureRefusesTheDelivery() {
    verifyAnswers("FAILURE");

    WebhookRejected e = refused(delivery(BODY), settings(Map.of()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.title()).isEqualTo("Invalid signature");
  }

  @Test
  void withSeveralWebhookIdsAnyOneConfirmedIsEnough() {
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature")).atPriority(5)
        .willReturn(okJson("{\"verification_status\":\"FAILURE\"}")));
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature")).atPriority(1)
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.webhook_id", equalTo("5GP028458E2496506")))
        .willReturn(okJson("{\"verification_status\":\"SUCCESS\"}")));

    assertThatCode(() -> verify(delivery(BODY), settings(Map.of("webhook-id", WEBHOOK_ID + ",5GP028458E2496506"))))
        .doesNotThrowAnyException();
    assertThat(verifyCalls()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 429})
  void anApiThatFailsOrLimitsUsIsARetryableRefusal(int status) {
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withHeader("Retry-After", "30")
        .withBody(status == 429 ? "{\"name\":\"RATE_LIMIT_REACHED\",\"message\":\"Too many requests. Blocked due to rate limiting.\","
            + "\"debug_id\":\"90957fca61718\"}" : "{\"name\":\"INTERNAL_SERVER_ERROR\",\"message\":\"An internal server error occurred.\","
            + "\"debug_id\":\"90957fca61718\"}")));

    WebhookRejected e = refused(delivery(BODY), settings(Map.of()));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.detail()).contains("answered " + status).contains("retry later");
  }

  @Test
  void aTokenEndpointThatRefusesOrLimitsIsRetryableAndNamesNoCredential() {
    paypal.stubFor(post(urlPathEqualTo("/v1/oauth2/token")).atPriority(1).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("limited").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}")));
    paypal.stubFor(post(urlPathEqualTo("/v1/oauth2/token")).atPriority(1).inScenario("token").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "10")));

    WebhookRejected refusedCredentials = refused(delivery(BODY), settings(Map.of()));
    assertThat(refusedCredentials.status()).isEqualTo(503);
    assertThat(refusedCredentials.detail()).contains("/v1/oauth2/token answered 401");
    WebhookRejected limited = refused(delivery(BODY), settings(Map.of()));
    assertThat(limited.status()).isEqualTo(503);
    assertThat(limited.detail()).contains("429");
    assertThat(verifyCalls()).isEmpty();
  }

  @Test
  void aRevokedTokenIsFetchedAgainOnce() throws Exception {
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature")).inScenario("revoked")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("renewed").willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Token signature verification failed\"}")));
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature")).inScenario("revoked")
        .whenScenarioStateIs("renewed").willReturn(okJson("{\"verification_status\":\"SUCCESS\"}")));

    verify(delivery(BODY), settings(Map.of()));

    paypal.verify(2, postRequestedFor(urlPathEqualTo("/v1/oauth2/token")));
    assertThat(verifyCalls()).hasSize(2);
  }

  @Test
  void aValidationErrorRefusesWithPayPalsErrorName() {
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"name\":\"VALIDATION_ERROR\",\"message\":\"Invalid request - see details\",\"debug_id\":\"c1b4e7b2e8b4c\","
            + "\"details\":[{\"field\":\"webhook_id\",\"location\":\"body\",\"issue\":\"Required field cannot be blank\"}]}")));

    WebhookRejected e = refused(delivery(BODY), settings(Map.of()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).isEqualTo("PayPal refused to verify this delivery (HTTP 400 VALIDATION_ERROR)");
  }

  @Test
  void anApiThatCannotBeReachedIsRetryable() {
    paypal.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThat(refused(delivery(BODY), settings(Map.of())).status()).isEqualTo(503);
  }

  @Test
  void aBodyThatIsNotOneJsonObjectNeverReachesPayPal() {
    verifyAnswers("SUCCESS");

    WebhookRejected e = refused(delivery(BODY + ",\"webhook_id\":\"SOMEONE-ELSES\""), settings(Map.of()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(verifyCalls()).isEmpty();
  }

  @Test
  void apiModeWithoutCredentialsIsAConfigurationRefusal() {
    WebhookRejected e = refused(delivery(BODY), settings(Map.of("client-secret", "")));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.detail()).contains("client-id or client-secret");
    assertThat(paypal.getAllServeEvents()).isEmpty();
  }

  @Test
  void staleAndHeaderlessDeliveriesAreRefusedWithoutAskingPayPal() {
    Map<String, String> old = headers();
    old.put("PAYPAL-TRANSMISSION-TIME", NOW.minusSeconds(3600).toString());

    assertThat(refused(new WebhookRequest("paypal", old, BODY.getBytes(StandardCharsets.UTF_8), NOW), settings(Map.of())).status())
        .isEqualTo(400);
    assertThat(refused(new WebhookRequest("paypal", Map.of(), BODY.getBytes(StandardCharsets.UTF_8), NOW), settings(Map.of())).status())
        .isEqualTo(400);
    assertThat(paypal.getAllServeEvents()).isEmpty();
  }
}
