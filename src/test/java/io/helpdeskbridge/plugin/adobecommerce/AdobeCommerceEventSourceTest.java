package io.helpdeskbridge.plugin.adobecommerce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook side: the shared secret a hook's {@code <headers>} carries (right, wrong, missing,
 * several while rolling, another header name), the dedupe key, samples, and the order number of a
 * credit memo asked from a stand-in of {@code GET /V1/orders/<id>}.
 */
class AdobeCommerceEventSourceTest {
  private static final String SECRET = "acw-new-5c1e8f";
  private static final String OLD_SECRET = "acw-old-09b7d2";
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final AdobeCommerceEventSource source = new AdobeCommerceEventSource();
  private final byte[] body = source.sample("sales_order_creditmemo_save_after").orElseThrow();

  private static ConnectorSettings settings(String secrets, String header) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("base-url", wm.baseUrl());
    s.put("access-token", AdobeCommerceLookupTest.TOKEN);
    s.put("webhook-secret", secrets);
    if (header != null) s.put("secret-header", header);
    return ConnectorSettings.of("adobe-commerce", s);
  }

  private WebhookRequest delivery(Map<String, String> headers) {
    return new WebhookRequest("adobe-commerce", headers, body, Instant.now());
  }

  private void verify(Map<String, String> headers, ConnectorSettings settings) throws WebhookRejected {
    source.verify(delivery(headers), settings, Clock.systemUTC());
  }

  private WebhookRejected refused(Map<String, String> headers, ConnectorSettings settings) {
    return catchThrowableOfType(WebhookRejected.class, () -> verify(headers, settings));
  }

  @Test
  void theBearerSecretOfTheHookPasses() {
    ConnectorSettings settings = settings(SECRET, null);
    assertThatCode(() -> verify(Map.of("Authorization", "Bearer " + SECRET), settings)).doesNotThrowAnyException();
    // the scheme in any case, and "Bearer: <token>" as Adobe's webhooks.xml examples write it
    assertThatCode(() -> verify(Map.of("authorization", "bearer " + SECRET), settings)).doesNotThrowAnyException();
    assertThatCode(() -> verify(Map.of("Authorization", "Bearer: " + SECRET), settings)).doesNotThrowAnyException();
  }

  @Test
  void aWrongOrMissingSecretIsRefusedWithoutNamingAnySecret() {
    ConnectorSettings settings = settings(SECRET, null);
    List<WebhookRejected> refusals = List.of(
        refused(Map.of("Authorization", "Bearer " + SECRET + "x"), settings),
        refused(Map.of("Authorization", "Bearer " + SECRET.substring(1)), settings),
        refused(Map.of("Authorization", "Basic " + SECRET), settings),
        refused(Map.of("Authorization", SECRET), settings),
        refused(Map.of("X-Other", "Bearer " + SECRET), settings),
        refused(Map.of("Authorization", "Bearer "), settings));

    assertThat(refusals).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.title()).isEqualTo("Invalid signature");
      assertThat(e.detail()).doesNotContain(SECRET).doesNotContain(SECRET.substring(1));
    });
    assertThat(refusals.get(0).detail()).isEqualTo("Authorization does not carry the configured secret");
    assertThat(refusals.get(2).detail()).isEqualTo("Authorization is not a Bearer credential");
    assertThat(refusals.get(4).detail()).isEqualTo("missing Authorization header");
  }

  @Test
  void whileRollingEitherSecretPassesAndNoOtherDoes() {
    ConnectorSettings rolling = settings(OLD_SECRET + ", " + SECRET, null);

    assertThatCode(() -> verify(Map.of("Authorization", "Bearer " + OLD_SECRET), rolling)).doesNotThrowAnyException();
    assertThatCode(() -> verify(Map.of("Authorization", "Bearer " + SECRET), rolling)).doesNotThrowAnyException();
    assertThat(refused(Map.of("Authorization", "Bearer " + OLD_SECRET + "," + SECRET), rolling)).isNotNull();
    // once the old one is removed from the settings it no longer passes
    assertThat(refused(Map.of("Authorization", "Bearer " + OLD_SECRET), settings(SECRET, null))).isNotNull();
  }

  @Test
  void aHeaderOfTheMerchantsOwnCarriesTheBareSecret() {
    ConnectorSettings settings = settings(SECRET, "X-Bridge-Secret");

    assertThatCode(() -> verify(Map.of("x-bridge-secret", SECRET), settings)).doesNotThrowAnyException();
    assertThat(refused(Map.of("X-Bridge-Secret", "Bearer " + SECRET), settings).detail())
        .isEqualTo("X-Bridge-Secret does not carry the configured secret");
    assertThat(refused(Map.of("Authorization", "Bearer " + SECRET), settings).detail())
        .isEqualTo("missing X-Bridge-Secret header");
  }

  @Test
  void aSampleIsSignedTheWayVerifyReadsIt() throws Exception {
    for (String header : new String[] {null, "X-Bridge-Secret"}) {
      ConnectorSettings settings = settings(SECRET + "," + OLD_SECRET, header);
      Map<String, String> headers = source.signForSample("sales_order_creditmemo_save_after", body, settings, Instant.now());
      assertThatCode(() -> verify(headers, settings)).doesNotThrowAnyException();
      assertThat(headers).containsKey("x-adobe-commerce-request-id");
    }
    assertThat(source.sample("order_cancel_after")).isPresent();
    assertThat(source.sample("../order_cancel_after")).isEmpty();
  }

  @Test
  void theKeyIsTheCreditMemoAndTheTypeIsTheEventName() throws Exception {
    WebhookRequest request = delivery(Map.of("x-adobe-commerce-request-id", "a1b2c3"));
    var payload = AdobeCommerceNormalizerTest.JSON.readTree(body);

    assertThat(source.eventId(request, payload)).isEqualTo("sales_order_creditmemo_save_after:12:refunded");
    assertThat(source.vendorType(request, payload)).isEqualTo("sales_order_creditmemo_save_after");
    assertThat(source.normalize(request, payload, settings(SECRET, null))).hasSize(1);
    assertThat(source.verifiedBy()).isEqualTo("webhook-secret");
  }

  @Test
  void aCreditMemosOrderNumberIsAskedOnceFromTheOrder() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/rest/default/V1/orders/77"))
        .willReturn(okJson("{\"entity_id\":77,\"increment_id\":\"000000077\"}")));

    Optional<String> number = source.lookupOrderNumber(new OrderRef(null, "adobe-commerce:77", null, null, null, null),
        settings(SECRET, null));

    assertThat(number).contains("000000077");
    LoggedRequest r = wm.findAll(anyRequestedFor(anyUrl())).get(0);
    assertThat(r.getUrl()).isEqualTo("/rest/default/V1/orders/77?fields=entity_id,increment_id");
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + AdobeCommerceLookupTest.TOKEN);
  }

  @Test
  void anUnknownOrderOrAnotherPlatformsIdAsksNothingOrFindsNothing() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/rest/default/V1/orders/99")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"The entity that was requested doesn't exist. Verify the entity and try again.\"}")));

    assertThat(source.lookupOrderNumber(new OrderRef(null, "adobe-commerce:99", null, null, null, null), settings(SECRET, null)))
        .isEmpty();
    assertThat(source.lookupOrderNumber(new OrderRef(null, "shopify:450789469", null, null, null, null), settings(SECRET, null)))
        .isEmpty();
    ConnectorSettings noToken = ConnectorSettings.of("adobe-commerce", Map.of("base-url", wm.baseUrl(), "webhook-secret", SECRET));
    assertThat(source.lookupOrderNumber(new OrderRef(null, "adobe-commerce:77", null, null, null, null), noToken)).isEmpty();
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void aFailedOrderNumberLookupNamesTheOrderButNotTheToken() {
    wm.stubFor(get(urlPathEqualTo("/rest/default/V1/orders/77")).willReturn(aResponse().withStatus(503)
        .withBody("upstream " + AdobeCommerceLookupTest.TOKEN)));

    IOException e = catchThrowableOfType(IOException.class, () -> source.lookupOrderNumber(
        new OrderRef(null, "adobe-commerce:77", null, null, null, null), settings(SECRET, null)));

    assertThat(e).hasMessage("Adobe Commerce answered 503 for order 77");
  }

  @Test
  void aConnectorWithoutAnySecretIsAConfigurationError() {
    ConnectorSettings none = ConnectorSettings.of("adobe-commerce", Map.of("webhook-secret", " "));
    IllegalStateException e =
        catchThrowableOfType(IllegalStateException.class, () -> verify(Map.of("Authorization", "Bearer x"), none));
    assertThat(e).hasMessageContaining("needs the setting 'webhook-secret'");
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"eventName\"");
  }
}
