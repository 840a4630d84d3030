package io.helpdeskbridge.plugin.shopify;

import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.JSON;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.SHOP;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.fixture;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.fixtureBytes;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.headers;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.request;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.settings;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderCancelled;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShopifyEventSourceTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "shpss_test_secret";
  private static final String CONTRACT_HMAC = "PVLwnu1YHzpGLn2MwNKXb7Ul1ju5gfmLeM65DvA9/S8=";
  private static final String WEBHOOK_ID = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-20T12:00:00Z"), ZoneOffset.UTC);

  private static final String SHOP_A = SHOP; // north-wind.myshopify.com
  private static final String SECRET_A = "shpss_north_wind_key";
  private static final String SHOP_B = "south-sea.myshopify.com";
  private static final String SECRET_B = "shpss_south_sea_key";

  private final ShopifyEventSource source = new ShopifyEventSource();

  /** A delivery of {@code body} claiming {@code shop}, signed with {@code secret}. */
  private static WebhookRequest from(String shop, String secret, byte[] body) {
    Map<String, String> headers = signed("refunds/create", WEBHOOK_ID, body, secret);
    if (shop == null) {
      headers.remove("X-Shopify-Shop-Domain");
    } else {
      headers.put("X-Shopify-Shop-Domain", shop);
    }
    return request(headers, body);
  }

  private static ConnectorSettings perShop(Object defaultSecret) {
    Map<String, Object> values = new HashMap<>();
    values.put("shop-secrets", Map.of(SHOP_A, SECRET_A, SHOP_B, SECRET_B));
    if (defaultSecret != null) {
      values.put("webhook-secret", defaultSecret);
    }
    return settings(values);
  }

  @Test
  void isFoundByServiceLoaderUnderItsId() {
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.get().id()))
        .contains("shopify");
    assertThat(source.id()).isEqualTo("shopify");
  }

  // --- signature ---

  @Test
  void verifiesTheContractVectorWithHeaderNamesInAnyCase() {
    Map<String, String> headers = new HashMap<>();
    headers.put("x-shopify-hmac-sha256", CONTRACT_HMAC);
    headers.put("X-SHOPIFY-TOPIC", "refunds/create");
    headers.put("x-shopify-shop-domain", SHOP);
    headers.put("X-Shopify-Api-Version", "2026-07");
    headers.put("x-shopify-webhook-id", WEBHOOK_ID);

    assertThatCode(() -> source.verify(request(headers, BODY), settings(Map.of("webhook-secret", SECRET)), CLOCK))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsTheEventsProductHeaderNames() throws Exception {
    Map<String, String> headers = new HashMap<>();
    headers.put("shopify-hmac-sha256", CONTRACT_HMAC);
    headers.put("shopify-topic", "orders/cancelled");
    headers.put("shopify-shop-domain", SHOP);
    headers.put("shopify-api-version", "unstable");
    headers.put("shopify-event-id", "e7a4a2e0-0f4c-4a0e-9a8e-9b6f1f2d3c4b");
    WebhookRequest request = request(headers, BODY);

    source.verify(request, settings(Map.of("webhook-secret", SECRET)), CLOCK);

    assertThat(source.eventId(request, JSON.readTree(BODY))).isEqualTo("e7a4a2e0-0f4c-4a0e-9a8e-9b6f1f2d3c4b");
    assertThat(source.vendorType(request, JSON.readTree(BODY))).isEqualTo("orders/cancelled");
  }

  @Test
  void refusesATamperedBodyAWrongSecretAndAMissingSignature() {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));
    byte[] tampered = "{\"id\":\"evt_2\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> unsigned = headers("refunds/create", WEBHOOK_ID);

    assertThatThrownBy(() -> source.verify(request(signed("refunds/create", WEBHOOK_ID, BODY, SECRET), tampered),
            settings, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Shopify-Hmac-Sha256 does not match the body for the webhook-secret");
    assertThatThrownBy(() -> source.verify(from(SHOP, "shpss_someone_else", BODY), settings, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Shopify-Hmac-Sha256 does not match the body for the webhook-secret");
    assertThatThrownBy(() -> source.verify(request(unsigned, BODY), settings, CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing X-Shopify-Hmac-Sha256 header")
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Invalid signature"));
  }

  @Test
  void acceptsAnyOfTheDefaultSecretsWhileOneIsRotated() {
    for (Object secrets : new Object[] {"shpss_old, " + SECRET, List.of(SECRET, "shpss_new")}) {
      assertThatCode(() -> source.verify(from(SHOP, SECRET, BODY), settings(Map.of("webhook-secret", secrets)), CLOCK))
          .as("%s", secrets)
          .doesNotThrowAnyException();
    }
  }

  // --- per-shop secrets ---

  @Test
  void aShopListedInShopSecretsMustBeSignedWithItsOwnSecret() {
    assertThatCode(() -> source.verify(from(SHOP_A, SECRET_A, BODY), perShop(null), CLOCK))
        .doesNotThrowAnyException();
    assertThatCode(() -> source.verify(from(SHOP_B, SECRET_B, BODY), perShop(null), CLOCK))
        .doesNotThrowAnyException();
  }

  @Test
  void aDeliverySignedByShopAButClaimingShopBIsRefused() {
    for (Object defaultSecret : new Object[] {null, SECRET_A}) {
      assertThatThrownBy(() -> source.verify(from(SHOP_B, SECRET_A, BODY), perShop(defaultSecret), CLOCK))
          .as("default secret %s", defaultSecret)
          .isInstanceOf(WebhookRejected.class)
          .hasMessage("X-Shopify-Hmac-Sha256 does not match the body for the secret of shop 'south-sea.myshopify.com'")
          .hasMessageNotContaining(SECRET_A)
          .hasMessageNotContaining(SECRET_B);
    }
  }

  @Test
  void theDefaultSecretIsNotAcceptedForAListedShop() {
    assertThatThrownBy(() -> source.verify(from(SHOP_A, SECRET, BODY), perShop(SECRET), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("secret of shop 'north-wind.myshopify.com'");
  }

  @Test
  void shopsNotListedUseTheDefaultSecret() {
    String other = "third-shop.myshopify.com";

    assertThatCode(() -> source.verify(from(other, SECRET, BODY), perShop(SECRET), CLOCK))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> source.verify(from(other, SECRET_A, BODY), perShop(SECRET), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("X-Shopify-Hmac-Sha256 does not match the body for the webhook-secret");
  }

  @Test
  void aShopDomainMatchesWhateverItsCase() {
    assertThatCode(() -> source.verify(from("North-Wind.MyShopify.com", SECRET_A, BODY), perShop(null), CLOCK))
        .doesNotThrowAnyException();
  }

  @Test
  void aShopSecretMayBeRotatedAsOldCommaNew() {
    ConnectorSettings settings =
        settings(Map.of("shop-secrets", Map.of(SHOP_A, "shpss_old_a, " + SECRET_A)));

    assertThatCode(() -> source.verify(from(SHOP_A, SECRET_A, BODY), settings, CLOCK)).doesNotThrowAnyException();
    assertThatCode(() -> source.verify(from(SHOP_A, "shpss_old_a", BODY), settings, CLOCK)).doesNotThrowAnyException();
  }

  @Test
  void withOnlyShopSecretsAnUnlistedShopIsRefused() {
    assertThatThrownBy(() -> source.verify(from("third-shop.myshopify.com", SECRET_A, BODY), perShop(null), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("shop 'third-shop.myshopify.com' is not listed in shop-secrets and there is no default webhook-secret")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
  }

  @Test
  void withOnlyShopSecretsADeliveryNamingNoShopIsRefusedClearly() {
    assertThatThrownBy(() -> source.verify(from(null, SECRET_A, BODY), perShop(null), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage(
            "missing X-Shopify-Shop-Domain header: this connector only has per-shop secrets (shop-secrets) "
                + "and no default webhook-secret, so the delivery cannot be verified")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
  }

  @Test
  void aShopNameThatIsNotADomainIsNotEchoedBack() {
    assertThatThrownBy(() -> source.verify(from("<script>x</script>", SECRET_A, BODY), perShop(null), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("shop (unprintable name) is not listed in shop-secrets and there is no default webhook-secret");
  }

  @Test
  void noSecretAtAllIsAConfigurationErrorNamingTheKeyAndFile() {
    assertThatThrownBy(() -> source.verify(from(SHOP, SECRET, BODY), settings(Map.of("currency", "EUR")), CLOCK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("webhook-secret")
        .hasMessageContaining("connectors/shopify.yaml");
  }

  @Test
  void aListedShopWithABlankSecretIsAConfigurationError() {
    ConnectorSettings settings =
        settings(Map.of("webhook-secret", SECRET, "shop-secrets", Map.of(SHOP_A, " ")));

    assertThatThrownBy(() -> source.verify(from(SHOP_A, SECRET, BODY), settings, CLOCK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'north-wind.myshopify.com' under 'shop-secrets' without a secret")
        .hasMessageNotContaining(SECRET);
  }

  // --- required headers ---

  @Test
  void aGenuineDeliveryMissingRequiredHeadersIsABadRequestNamingThem() {
    Map<String, String> headers = signed("refunds/create", WEBHOOK_ID, BODY, SECRET);
    headers.remove("X-Shopify-Topic");
    headers.remove("X-Shopify-API-Version");
    headers.remove("X-Shopify-Shop-Domain");

    assertThatThrownBy(() -> source.verify(request(headers, BODY), settings(Map.of("webhook-secret", SECRET)), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing Shopify header(s): X-Shopify-Topic, X-Shopify-Shop-Domain, X-Shopify-API-Version")
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Bad request"));
  }

  @Test
  void anEventsDeliveryNeedsItsEventIdRatherThanAWebhookId() {
    Map<String, String> headers = new HashMap<>();
    headers.put("shopify-hmac-sha256", CONTRACT_HMAC);
    headers.put("shopify-topic", "orders/cancelled");
    headers.put("shopify-shop-domain", SHOP);
    headers.put("shopify-api-version", "unstable");
    headers.put("X-Shopify-Webhook-Id", WEBHOOK_ID);

    assertThatThrownBy(() -> source.verify(request(headers, BODY), settings(Map.of("webhook-secret", SECRET)), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing Shopify header(s): shopify-event-id");
  }

  @Test
  void aForgedDeliveryIsRefusedForItsSignatureBeforeAnythingElse() {
    Map<String, String> headers = Map.of("X-Shopify-Hmac-Sha256", CONTRACT_HMAC);

    assertThatThrownBy(() -> source.verify(request(headers, BODY), settings(Map.of("webhook-secret", "shpss_x")), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Invalid signature"));
  }

  // --- ids ---

  @Test
  void eventIdIsTheWebhookIdAndVendorTypeTheTopic() throws Exception {
    WebhookRequest request = request(headers("fulfillments/update", WEBHOOK_ID), BODY);
    JsonNode payload = JSON.readTree(BODY);

    assertThat(source.eventId(request, payload)).isEqualTo(WEBHOOK_ID);
    assertThat(source.vendorType(request, payload)).isEqualTo("fulfillments/update");
    assertThat(source.vendorType(request(Map.of(), BODY), payload)).isNull();
  }

  @Test
  void aRetryIsTheSameEventButASecondSubscriptionIsAnother() throws Exception {
    // Shopify retries with the same webhook id; two subscriptions to one topic share X-Shopify-Event-Id
    // but each gets its own webhook id, which the inbox dedupes on
    JsonNode payload = JSON.readTree(BODY);
    WebhookRequest first = request(headers("refunds/create", WEBHOOK_ID), BODY);
    WebhookRequest retry = request(headers("refunds/create", WEBHOOK_ID), BODY);
    WebhookRequest otherSubscription = request(headers("refunds/create", UUID.randomUUID().toString()), BODY);

    assertThat(source.eventId(retry, payload)).isEqualTo(source.eventId(first, payload));
    assertThat(source.eventId(otherSubscription, payload)).isNotEqualTo(source.eventId(first, payload));
    assertThat(otherSubscription.header("X-Shopify-Event-Id")).isEqualTo(first.header("X-Shopify-Event-Id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void aMissingWebhookIdIsABadRequest(String value) throws Exception {
    Map<String, String> headers = headers("refunds/create", value);
    Map<String, String> without = headers("refunds/create", WEBHOOK_ID);
    without.remove("X-Shopify-Webhook-Id");

    for (Map<String, String> h : List.of(headers, without)) {
      assertThatThrownBy(() -> source.eventId(request(h, BODY), JSON.readTree(BODY)))
          .isInstanceOf(WebhookRejected.class)
          .hasMessage("missing X-Shopify-Webhook-Id header")
          .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Bad request"));
    }
  }

  // --- normalize and facts through the plugin ---

  @Test
  void normalizeUsesTheConfiguredCurrencyOnlyWhenTheRefundHasNone() throws Exception {
    byte[] body = fixtureBytes("refunds-create.no-currency.json");
    WebhookRequest request = request(headers("refunds/create", WEBHOOK_ID), body);
    JsonNode payload = JSON.readTree(body);

    assertThat(source.normalize(request, payload, settings(Map.of("currency", "CHF"))))
        .singleElement()
        .satisfies(e -> assertThat(((RefundIssued) e).amount()).isEqualTo(Money.of(1250, "CHF")));
    assertThat(source.normalize(request, payload, settings(Map.of("currency", ""))))
        .singleElement()
        .satisfies(e -> assertThat(((RefundIssued) e).amount()).isEqualTo(Money.of(1250, "USD")));
    assertThat(source.normalize(request, fixture("refunds-create.json"), settings(Map.of("currency", "CHF"))))
        .singleElement()
        .satisfies(e -> assertThat(((RefundIssued) e).amount()).isEqualTo(Money.of(2500, "EUR")));
  }

  @Test
  void ordersUpdatedMeansNoEventButTeachesTheOrderNumber() throws Exception {
    WebhookRequest request = request(headers("orders/updated", WEBHOOK_ID), BODY);
    JsonNode payload = fixture("orders-updated.json");

    assertThat(source.normalize(request, payload, settings(Map.of()))).isEmpty();
    assertThat(source.orderFacts(request, payload))
        .contains(
            entry("vendor-order:shopify:820982911", "order:2042"),
            entry("tracking:JD014600006281230704", "vendor-order:shopify:820982911"));
  }

  // --- samples ---

  @ParameterizedTest
  @ValueSource(
      strings = {"refunds/create", "orders/cancelled", "fulfillments/update", "fulfillment_events/create",
                 "orders/updated"})
  void bundledSamplesAreSignedVerifiedAndNormalized(String topic) throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET + ",shpss_second"));
    byte[] body = source.sample(topic).orElseThrow();
    Instant now = Instant.parse("2026-03-01T09:30:00Z");

    Map<String, String> headers = source.signForSample(topic, body, settings, now);
    WebhookRequest request = request(headers, body);
    source.verify(request, settings, CLOCK);
    JsonNode payload = JSON.readTree(body);
    List<OrderEvent> events = source.normalize(request, payload, settings);

    assertThat(headers)
        .containsOnlyKeys(
            "X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-API-Version",
            "X-Shopify-Webhook-Id", "X-Shopify-Triggered-At", "X-Shopify-Event-Id")
        .containsEntry("X-Shopify-Topic", topic)
        .containsEntry("X-Shopify-Shop-Domain", "example-shop.myshopify.com")
        .containsEntry("X-Shopify-API-Version", "2026-07")
        .containsEntry("X-Shopify-Triggered-At", "2026-03-01T09:30:00Z");
    assertThat(UUID.fromString(headers.get("X-Shopify-Webhook-Id"))).isNotNull();
    assertThat(UUID.fromString(headers.get("X-Shopify-Event-Id"))).isNotNull();
    assertThat(source.eventId(request, payload)).isEqualTo(headers.get("X-Shopify-Webhook-Id"));
    assertThat(source.vendorType(request, payload)).isEqualTo(topic);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.occurredAt()).isEqualTo(now);
      assertThat(e.sourceEventId()).isEqualTo(headers.get("X-Shopify-Webhook-Id"));
      assertThat(e.order().vendorOrderId()).isEqualTo("shopify:450789469");
    });
    switch (topic) {
      case "refunds/create" -> assertThat(events).singleElement().isInstanceOfSatisfying(RefundIssued.class, r -> {
        assertThat(r.amount().format()).isEqualTo("25.00 USD");
        assertThat(r.reason()).isEqualTo("Arrived damaged");
      });
      case "orders/cancelled" -> assertThat(events).singleElement().isInstanceOfSatisfying(OrderCancelled.class,
          c -> assertThat(c.order().orderId()).isEqualTo("1001"));
      case "fulfillments/update" -> assertThat(events).singleElement().isInstanceOfSatisfying(
          ShipmentException.class, s -> assertThat(s.status()).isEqualTo("delivery failed"));
      case "fulfillment_events/create" -> assertThat(events).singleElement().isInstanceOfSatisfying(
          ShipmentException.class, s -> assertThat(s.lastLocation()).isEqualTo("Ottawa, Ontario, Canada"));
      default -> {
        assertThat(events).isEmpty();
        assertThat(source.orderFacts(request, payload))
            .containsEntry("vendor-order:shopify:450789469", "order:1001")
            .containsEntry("tracking:1Z999AA10123456784", "vendor-order:shopify:450789469");
      }
    }
  }

  @Test
  void fulfillmentSampleGivesTheWholeShipmentException() throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));
    byte[] body = source.sample("fulfillments/update").orElseThrow();
    Instant now = Instant.parse("2026-03-01T09:30:00Z");
    Map<String, String> headers = source.signForSample("fulfillments/update", body, settings, now);

    assertThat(source.normalize(request(headers, body), JSON.readTree(body), settings))
        .containsExactly(
            new ShipmentException(
                "shopify",
                headers.get("X-Shopify-Webhook-Id"),
                now,
                new OrderRef(null, "shopify:450789469", null, null, "1Z999AA10123456784", "UPS"),
                "fulfillments/update",
                "UPS",
                "1Z999AA10123456784",
                "delivery failed",
                null,
                null,
                "https://www.ups.com/track?tracknum=1Z999AA10123456784"));
  }

  @Test
  void samplesAreSignedForTheConfiguredShopWithTheSecretVerifyWillPick() throws Exception {
    ConnectorSettings settings =
        settings(Map.of("webhook-secret", SECRET, "shop-domain", SHOP_B, "shop-secrets", Map.of(SHOP_B, SECRET_B)));
    byte[] body = source.sample("refunds/create").orElseThrow();

    Map<String, String> headers = source.signForSample("refunds/create", body, settings, CLOCK.instant());

    assertThat(headers).containsEntry("X-Shopify-Shop-Domain", SHOP_B)
        .containsEntry("X-Shopify-Hmac-Sha256", ShopifySignature.sign(body, SECRET_B));
    assertThatCode(() -> source.verify(request(headers, body), settings, CLOCK)).doesNotThrowAnyException();
  }

  @Test
  void everySampleDeliveryIsNew() throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET, "shop-domain", ""));
    byte[] body = source.sample("orders/cancelled").orElseThrow();

    Map<String, String> one = source.signForSample("orders/cancelled", body, settings, CLOCK.instant());
    Map<String, String> two = source.signForSample("orders/cancelled", body, settings, CLOCK.instant());

    assertThat(one.get("X-Shopify-Webhook-Id")).isNotEqualTo(two.get("X-Shopify-Webhook-Id"));
    assertThat(one.get("X-Shopify-Event-Id")).isNotEqualTo(two.get("X-Shopify-Event-Id"));
    assertThat(one.get("X-Shopify-Shop-Domain")).isEqualTo("example-shop.myshopify.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"products/update", "../shopify/refunds-create", "refunds/../x", "", "refunds/create.json"})
  void unknownOrUnsafeSampleNamesGiveNothing(String type) {
    assertThat(source.sample(type)).isEmpty();
    assertThat(source.sample(null)).isEmpty();
  }

  @Test
  void sampleNamesMayAlsoBeGivenWithADash() {
    assertThat(source.sample("refunds-create").orElseThrow())
        .isEqualTo(source.sample("refunds/create").orElseThrow());
  }
}
