package io.helpdeskbridge.plugin.adobecommerce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Known;
import io.helpdeskbridge.spi.Lookup.Parcel;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order lookup against a stand-in of the REST API, answering as Commerce documents it: a
 * search is {@code {"items": [...], "search_criteria": {...}, "total_count": n}}; errors are {@code
 * {"message": "... %1", "parameters": [...]}}; Fastly's and the checkout limiter's 429 carry no
 * Retry-After.
 */
class AdobeCommerceLookupTest {
  static final String TOKEN = "int-token-7f3a9c2e1b";
  private static final String ORDERS = "/rest/default/V1/orders";
  private static final String SHIPMENTS = "/rest/default/V1/shipments";
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Lookup lookup = new AdobeCommerceLookup();

  static ConnectorSettings settings(String baseUrl, String storeCode) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("base-url", baseUrl);
    if (storeCode != null) s.put("store-code", storeCode);
    s.put("access-token", TOKEN);
    return ConnectorSettings.of("adobe-commerce", s);
  }

  private static ConnectorSettings settings() {
    return settings(wm.baseUrl() + "/", null);
  }

  private static List<LoggedRequest> requests() {
    return wm.findAll(anyRequestedFor(anyUrl()));
  }

  private static void completeOrder77() {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson(
        AdobeCommerceFixtures.search("increment_id", "000000077", AdobeCommerceFixtures.order77("complete", "complete")))));
  }

  /** What looking up order 000000077 throws. */
  private <T extends Throwable> T failure(Class<T> type) {
    return catchThrowableOfType(type, () -> lookup.lookUp(new Known("000000077", null, null, null), settings()));
  }

  /** The query as Commerce reads it: each decoded name with its value. */
  private static Map<String, String> query(LoggedRequest r) {
    Map<String, String> q = new TreeMap<>();
    r.getQueryParams().forEach((name, p) -> q.put(name, p.firstValue()));
    return q;
  }

  @Test
  void findsTheOrderByItsIncrementIdThenItsParcels() throws IOException {
    completeOrder77();
    wm.stubFor(get(urlPathEqualTo(SHIPMENTS)).willReturn(okJson(AdobeCommerceFixtures.shipments77())));

    Found found = lookup.lookUp(new Known("#000000077", null, null, null), settings());

    List<LoggedRequest> sent = requests();
    assertThat(sent).hasSize(2);
    LoggedRequest orders = sent.stream().filter(r -> r.getUrl().startsWith(ORDERS)).findFirst().orElseThrow();
    assertThat(orders.getUrl()).startsWith(ORDERS + "?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=increment_id&");
    assertThat(query(orders)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "searchCriteria[filter_groups][0][filters][0][field]", "increment_id",
        "searchCriteria[filter_groups][0][filters][0][value]", "000000077",
        "searchCriteria[filter_groups][0][filters][0][condition_type]", "eq",
        "searchCriteria[pageSize]", "1"));
    LoggedRequest shipments = sent.stream().filter(r -> r.getUrl().startsWith(SHIPMENTS)).findFirst().orElseThrow();
    assertThat(query(shipments)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "searchCriteria[filter_groups][0][filters][0][field]", "order_id",
        "searchCriteria[filter_groups][0][filters][0][value]", "77",
        "searchCriteria[filter_groups][0][filters][0][condition_type]", "eq"));
    assertThat(sent).allSatisfy(r -> {
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    });

    assertThat(found.orderId()).isEqualTo("000000077");
    assertThat(found.email()).isEqualTo("jane@example.com");
    assertThat(found.values()).containsExactly(
        Map.entry("order_number", "000000077"),
        Map.entry("order_status", "complete"),
        Map.entry("order_items", "2 × Blue mug, 1 × Linen shirt"),
        Map.entry("order_total", "59.90 USD"),
        Map.entry("order_created", "2026-11-20"),
        Map.entry("tracking_number", "1Z999AA10123456784"),
        Map.entry("carrier", "UPS"));
    assertThat(found.parcels()).containsExactly(new Parcel("1Z999AA10123456784", "UPS"), new Parcel("PARCEL-42", "Local courier"));
    assertThat(found.paymentIds()).containsExactly("pi_3QbSample0Intent000001");
  }

  @Test
  void withoutANumberFindsTheNewestOrderOfTheEmail() throws IOException {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson(AdobeCommerceFixtures.search("customer_email", "Jane@Example.com",
        AdobeCommerceFixtures.order77("processing", "processing", false)))));

    Found found = lookup.lookUp(new Known(null, " Jane@Example.com ", null, null), settings());

    LoggedRequest r = requests().get(0);
    assertThat(query(r)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "searchCriteria[filter_groups][0][filters][0][field]", "customer_email",
        "searchCriteria[filter_groups][0][filters][0][value]", "Jane@Example.com",
        "searchCriteria[filter_groups][0][filters][0][condition_type]", "eq",
        "searchCriteria[sortOrders][0][field]", "created_at",
        "searchCriteria[sortOrders][0][direction]", "DESC",
        "searchCriteria[pageSize]", "1"));
    assertThat(r.getUrl()).contains("=Jane%40Example.com&");
    assertThat(found.orderId()).isEqualTo("000000077");
    assertThat(found.values()).containsEntry("order_status", "processing");
    // nothing of it shipped: no shipments call, no parcels
    assertThat(requests()).hasSize(1);
    assertThat(found.parcels()).isEmpty();
  }

  @Test
  void theStoreViewCodeIsInThePath() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/shop/index.php/rest/de_store/V1/orders"))
        .willReturn(okJson(AdobeCommerceFixtures.search("increment_id", "000000077"))));

    assertThat(lookup.lookUp(new Known("000000077", null, null, null), settings(wm.baseUrl() + "/shop/index.php", "de_store")))
        .isEqualTo(Found.nothing());
    assertThat(requests()).singleElement().satisfies(r -> assertThat(r.getUrl()).startsWith("/shop/index.php/rest/de_store/V1/orders?"));
  }

  @Test
  void anOrderThatIsNotTheOneAskedForIsNotTaken() throws IOException {
    // what a search whose filter was dropped (a proxy, a plugin) returns: some other order
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson(AdobeCommerceFixtures.search("increment_id", "x",
        AdobeCommerceFixtures.order77("processing", "processing").replace("000000077", "000000078").replace("jane@", "carol@")))));

    assertThat(lookup.lookUp(new Known("000000077", null, null, null), settings())).isEqualTo(Found.nothing());
    assertThat(lookup.lookUp(new Known(null, "jane@example.com", null, null), settings())).isEqualTo(Found.nothing());
  }

  @Test
  void anEmptySearchIsNothingFoundAndNeitherNumberNorEmailAsksNothing() throws IOException {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("{\"items\":[],\"search_criteria\":{},\"total_count\":0}")));
    assertThat(lookup.lookUp(new Known("000000099", null, null, null), settings()).isEmpty()).isTrue();

    wm.resetRequests();
    assertThat(lookup.lookUp(new Known(null, " ", null, null), settings())).isEqualTo(Found.nothing());
    assertThat(requests()).isEmpty();
  }

  @Test
  void aRefusedTokenSaysWhyWithoutTheToken() {
    // what 2.4.4+ answers to an integration token used as Bearer while enable_integration_as_bearer is 0
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"The consumer isn't authorized to access %resources.\","
            + "\"parameters\":{\"resources\":\"Magento_Sales::actions_view\"}}")));

    IOException e = failure(IOException.class);

    assertThat(e).isNotInstanceOf(Lookup.RateLimited.class)
        .hasMessageStartingWith("Adobe Commerce refused the access token (401) for the order lookup: "
            + "The consumer isn't authorized to access Magento_Sales::actions_view.")
        .hasMessageContaining("oauth/consumer/enable_integration_as_bearer = 1");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void aMissingRouteIsAFailureNotNothingFound() {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Request does not match any route.\"}")));

    IOException e = failure(IOException.class);

    assertThat(e).hasMessage("Adobe Commerce answered 404 for the order lookup: Request does not match any route.");
  }

  @Test
  void serverErrorsAreIOExceptionsWithCommercesMessageAndNeverTheToken() {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Internal Error. Details are available in Magento log file. Report ID: %1\","
            + "\"parameters\":[\"webapi-6745f1a2b3c4d\"]}")));
    IOException e = failure(IOException.class);
    assertThat(e).hasMessage("Adobe Commerce answered 500 for the order lookup: "
        + "Internal Error. Details are available in Magento log file. Report ID: webapi-6745f1a2b3c4d");

    // a load balancer's page instead of JSON, echoing the request headers it got
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(503).withBody("<html>Bearer " + TOKEN + "</html>")));
    e = failure(IOException.class);
    assertThat(e).hasMessage("Adobe Commerce answered 503 for the order lookup");
  }

  @Test
  void aFailingShipmentsCallFailsTheLookupRatherThanHidingTheParcels() {
    completeOrder77();
    wm.stubFor(get(urlPathEqualTo(SHIPMENTS)).willReturn(aResponse().withStatus(502)));

    IOException e = failure(IOException.class);

    assertThat(e).hasMessage("Adobe Commerce answered 502 for the shipments of order 000000077");
  }

  @Test
  void rateLimitedPausesTheConnectorForWhatRetryAfterSaysOrTheDefault() {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Too Many Requests\",\"trace\":null}")));
    Lookup.RateLimited limited = failure(Lookup.RateLimited.class);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limited).hasMessage("Adobe Commerce answered 429 for the order lookup (rate limited, Retry-After 30 s)");

    // Fastly's 429 on cloud infrastructure says nothing of when: the connector's rate-limit-delay-seconds applies
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(429).withBody("Limit Exceeded")));
    limited = failure(Lookup.RateLimited.class);
    assertThat(limited.retryAfter()).isNull();
  }

  @Test
  void statusWordsAndPartialRefunds() {
    assertThat(AdobeCommerceOrders.status(json("{\"state\":\"holded\",\"status\":\"holded\"}"))).isEqualTo("on hold");
    assertThat(AdobeCommerceOrders.status(json("{\"status\":\"pending_payment\"}"))).isEqualTo("pending payment");
    assertThat(AdobeCommerceOrders.status(json("{\"status\":\"processing\",\"grand_total\":59.9,\"total_refunded\":\"25.0000\"}")))
        .isEqualTo("processing, partially refunded");
    assertThat(AdobeCommerceOrders.status(json("{\"status\":\"closed\",\"grand_total\":59.9,\"total_refunded\":59.9}")))
        .isEqualTo("closed");
  }

  @Test
  void enabledOnlyWithAnAddressAndAToken() {
    assertThat(lookup.enabled(settings())).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("adobe-commerce", Map.of("base-url", "https://shop.example.com", "access-token", ""))))
        .isFalse();
    assertThat(lookup.id()).isEqualTo(new AdobeCommerceEventSource().id()).isEqualTo("adobe-commerce");
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.ORDER);
    assertThat(lookup.describes()).isEqualTo("order (Adobe Commerce)");
  }

  static com.fasterxml.jackson.databind.JsonNode json(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
