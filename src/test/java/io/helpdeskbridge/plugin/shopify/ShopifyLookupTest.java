package io.helpdeskbridge.plugin.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Known;
import io.helpdeskbridge.spi.Lookup.Parcel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order lookup against a stand-in of the Admin REST API. Orders follow the documented Order
 * resource ({@code name} "#1001", {@code financial_status}, {@code fulfillment_status}, {@code
 * line_items}, {@code fulfillments} with {@code tracking_number(s)}, {@code note_attributes}).
 */
class ShopifyLookupTest {
  private static final String TOKEN = "shpat_test_0a1b2c3d4e5f";
  private static final String ORDERS = "/admin/api/2026-07/orders.json";
  // a fresh stand-in per class, reset before each test
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Lookup lookup = new ShopifyLookup();

  private static ConnectorSettings settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("admin-token", TOKEN);
    s.put("api-base", "http://127.0.0.1:" + wm.getPort() + "/");
    s.put("api-version", "2026-07");
    return ConnectorSettings.of("shopify", s);
  }

  private static String order1001() {
    return """
        {"id":450789469,"name":"#1001","order_number":1001,"email":"bob@example.com",
         "created_at":"2026-11-18T10:00:00-05:00","financial_status":"paid","fulfillment_status":"fulfilled",
         "cancelled_at":null,"cancel_reason":null,"total_price":"59.90","currency":"USD",
         "note_attributes":[{"name":"gift wrap","value":"yes"}],
         "line_items":[{"id":1,"title":"Blue mug","name":"Blue mug - Large","quantity":2,"price":"19.95"},
                       {"id":2,"title":"Tote bag","name":"Tote bag","quantity":1,"price":"20.00"}],
         "fulfillments":[{"id":255858046,"order_id":450789469,"status":"success","tracking_company":"USPS",
                          "tracking_number":"9400111899223197428490","tracking_numbers":["9400111899223197428490"],
                          "tracking_url":"https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490"}]}""";
  }

  private static void orders(String... orders) {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("{\"orders\":[" + String.join(",", orders) + "]}")));
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> all = wm.findAll(anyRequestedFor(anyUrl()));
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void findsTheOrderByItsNumberWithAnyStatus() throws IOException {
    orders(order1001());

    Found found = lookup.lookUp(new Known("1001", null, null, null), settings());

    LoggedRequest r = onlyRequest();
    assertThat(r.getUrl()).isEqualTo(ORDERS + "?name=%231001&status=any&limit=1");
    assertThat(r.getHeader("X-Shopify-Access-Token")).isEqualTo(TOKEN);
    assertThat(found.orderId()).isEqualTo("1001");
    assertThat(found.email()).isEqualTo("bob@example.com");
    assertThat(found.values()).containsExactly(
        Map.entry("order_number", "1001"),
        Map.entry("order_status", "paid, fulfilled"),
        Map.entry("order_items", "2 × Blue mug, 1 × Tote bag"),
        Map.entry("order_total", "59.90 USD"),
        Map.entry("order_created", "2026-11-18"),
        // the shop's own record of the parcel: on the ticket even when no carrier lookup answers
        Map.entry("tracking_number", "9400111899223197428490"),
        Map.entry("carrier", "USPS"),
        Map.entry("tracking_url", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490"));
    assertThat(found.parcels()).containsExactly(new Parcel("9400111899223197428490", "USPS"));
    assertThat(found.paymentIds()).as("no Stripe id on the order, none invented").isEmpty();
  }

  @Test
  void eachParcelKeepsItsOwnLinkAndAnOrderWithoutParcelsNamesNone() throws IOException {
    JsonNode order = new ObjectMapper().readTree("{\"name\":\"#1002\",\"fulfillments\":["
        + "{\"status\":\"cancelled\",\"tracking_company\":\"UPS\",\"tracking_number\":\"1ZCANCELLED\"},"
        + "{\"status\":\"success\",\"tracking_company\":\"FedEx\",\"tracking_numbers\":[\"111\",\"222\"],"
        + "\"tracking_urls\":[\"https://fedex.example/111\",\"https://fedex.example/222\"]}]}");

    Found found = ShopifyLookup.found(order);

    assertThat(found.values()).containsEntry("tracking_number", "111").containsEntry("carrier", "FedEx")
        .containsEntry("tracking_url", "https://fedex.example/111");
    assertThat(ShopifyLookup.trackingUrl(order.path("fulfillments"), "222")).isEqualTo("https://fedex.example/222");
    assertThat(ShopifyLookup.found(new ObjectMapper().readTree("{\"name\":\"#1003\",\"fulfillments\":[]}")).values())
        .doesNotContainKeys("tracking_number", "carrier", "tracking_url");
  }

  @Test
  void withoutANumberFindsTheLatestOrderOfTheEmail() throws IOException {
    orders(order1001());

    Found found = lookup.lookUp(new Known(null, "Bob@Example.com", null, null), settings());

    assertThat(onlyRequest().getUrl()).isEqualTo(ORDERS + "?email=Bob%40Example.com&status=any&limit=1");
    assertThat(found.orderId()).isEqualTo("1001");
    assertThat(found.values()).containsEntry("order_total", "59.90 USD");
  }

  @Test
  void anOrderThatIsNotTheOneAskedForIsNotTaken() throws IOException {
    // what Shopify returns when it ignores a filter: the shop's newest order
    orders(order1001().replace("\"#1001\"", "\"#1002\"").replace("1001,", "1002,").replace("bob@", "carol@"));

    assertThat(lookup.lookUp(new Known("1001", null, null, null), settings())).isEqualTo(Found.nothing());
    assertThat(lookup.lookUp(new Known(null, "bob@example.com", null, null), settings())).isEqualTo(Found.nothing());
  }

  @Test
  void anEmptyListOrA404IsNothingFound() throws IOException {
    orders();
    assertThat(lookup.lookUp(new Known("1001", null, null, null), settings()).isEmpty()).isTrue();

    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withBody("{\"errors\":\"Not Found\"}")));
    assertThat(lookup.lookUp(new Known("1001", null, null, null), settings())).isEqualTo(Found.nothing());
  }

  @Test
  void nothingToAskWithNeitherNumberNorEmail() throws IOException {
    assertThat(lookup.lookUp(new Known(null, " ", null, null), settings())).isEqualTo(Found.nothing());
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aCancelledOrderSaysWhyAndManyItemsAreCut() throws IOException {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      items.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"title\":\"Item ").append(i)
          .append("\",\"quantity\":1}");
    }
    orders("""
        {"id":1,"name":"#1001","email":"bob@example.com","created_at":"2026-11-18T10:00:00Z",
         "financial_status":"refunded","fulfillment_status":null,"cancelled_at":"2026-11-19T09:00:00Z",
         "cancel_reason":"customer","total_price":"120.00","currency":"EUR",
         "note_attributes":[{"name":"stripe_payment_intent","value":"pi_3OJxRe2eZvKYlo2C"}],
         "line_items":[%s],
         "fulfillments":[{"status":"success","tracking_company":"DHL Express","tracking_number":"JD014600006",
                          "tracking_numbers":["JD014600006","JD014600007"]},
                         {"status":"cancelled","tracking_company":"UPS","tracking_number":"1Z999"}]}"""
        .formatted(items));

    Found found = lookup.lookUp(new Known("#1001", null, null, null), settings());

    assertThat(found.values().get("order_status")).isEqualTo("cancelled (customer), refunded");
    assertThat(found.values().get("order_items")).startsWith("1 × Item 1, 1 × Item 2,")
        .endsWith("1 × Item 10 and 2 more");
    assertThat(found.parcels()).containsExactly(
        new Parcel("JD014600006", "DHL Express"), new Parcel("JD014600007", "DHL Express"));
    assertThat(found.paymentIds()).containsExactly("pi_3OJxRe2eZvKYlo2C");
  }

  @Test
  void unfulfilledAndPartialOrdersReadAsWords() {
    assertThat(ShopifyLookup.status(json("{\"financial_status\":\"partially_refunded\",\"fulfillment_status\":null}")))
        .isEqualTo("partially refunded, unfulfilled");
    assertThat(ShopifyLookup.status(json("{\"financial_status\":\"paid\",\"fulfillment_status\":\"partial\"}")))
        .isEqualTo("paid, partially fulfilled");
  }

  @Test
  void aServerErrorIsAnIOExceptionThatNamesNoToken() {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(503)));

    IOException e = catchThrowableOfType(
        () -> lookup.lookUp(new Known("1001", null, null, null), settings()), IOException.class);

    assertThat(e).hasMessage("Shopify answered 503 for the order lookup");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void rateLimitedSaysWhenToComeBack() {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.0")
        .withBody("{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}")));

    IOException e = catchThrowableOfType(
        () -> lookup.lookUp(new Known("1001", null, null, null), settings()), IOException.class);

    assertThat(e).hasMessageContaining("429").hasMessageContaining("Retry-After 2.0 s");
  }

  @Test
  void enabledOnlyWithAnAdminToken() {
    assertThat(lookup.enabled(settings())).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("shopify", Map.of("admin-token", "")))).isFalse();
    assertThat(lookup.id()).isEqualTo(new ShopifyEventSource().id());
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.ORDER);
    assertThat(lookup.describes()).isEqualTo("order (Shopify)");
  }

  private static JsonNode json(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
