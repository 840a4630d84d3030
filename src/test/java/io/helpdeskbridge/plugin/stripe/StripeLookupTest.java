package io.helpdeskbridge.plugin.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The payment lookup against a stand-in of Stripe's API v1: PaymentIntents (retrieve and search,
 * the latter answering {@code object: search_result}), charges, and the refund list.
 */
class StripeLookupTest {
  static final String KEY = "rk_test_51LookupKeyAbCdEf";
  static final String PI = "pi_3QAbCdEfGh1234";
  // a fresh stand-in per class, reset before each test
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Lookup lookup = new StripeLookup();

  private static ConnectorSettings settings(Map<String, Object> extra) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("api-key", KEY);
    s.put("api-base", "http://127.0.0.1:" + wm.getPort());
    s.putAll(extra);
    return ConnectorSettings.of("stripe", s);
  }

  static String intent(String id, String status, String orderId) {
    return """
        {"id":"%s","object":"payment_intent","amount":5990,"amount_received":5990,"currency":"usd",
         "status":"%s","latest_charge":"ch_3QAbCdEfGh5678","metadata":{"order_id":"%s"},"livemode":false}"""
        .formatted(id, status, orderId);
  }

  static String searchResult(String... intents) {
    return "{\"object\":\"search_result\",\"url\":\"/v1/payment_intents/search\",\"has_more\":false,"
        + "\"next_page\":null,\"data\":[" + String.join(",", intents) + "]}";
  }

  private static void refunds(String... refunds) {
    wm.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(okJson(
        "{\"object\":\"list\",\"url\":\"/v1/refunds\",\"has_more\":false,\"data\":[" + String.join(",", refunds) + "]}")));
  }

  private static final String REFUND = """
      {"id":"re_123","object":"refund","amount":2000,"currency":"usd","charge":"ch_3QAbCdEfGh5678",
       "payment_intent":"pi_3QAbCdEfGh1234","status":"succeeded","reason":"requested_by_customer",
       "created":1795176000,"metadata":{}}""";

  private static List<LoggedRequest> requests() {
    return wm.findAll(anyRequestedFor(anyUrl()));
  }

  @Test
  void findsThePaymentOfAnOrderByItsMetadataAndItsLatestRefund() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search"))
        .willReturn(okJson(searchResult(intent(PI, "succeeded", "1001")))));
    refunds(REFUND);

    Found found = lookup.lookUp(new Known("1001", null, null, null), settings(Map.of()));

    LoggedRequest search = wm.findAll(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))).get(0);
    assertThat(search.queryParameter("query").firstValue()).isEqualTo("metadata['order_id']:'1001'");
    assertThat(search.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(search.getHeader("Stripe-Version")).isEqualTo(StripeApi.VERSION);
    LoggedRequest list = wm.findAll(getRequestedFor(urlPathEqualTo("/v1/refunds"))).get(0);
    assertThat(list.getUrl()).isEqualTo("/v1/refunds?payment_intent=" + PI + "&limit=1");
    assertThat(found.paymentIds()).containsExactly(PI);
    assertThat(found.orderId()).isEqualTo("1001");
    assertThat(found.values()).containsExactly(
        Map.entry("payment_status", "succeeded"),
        Map.entry("payment_amount", "59.90 USD"),
        Map.entry("last_refund", "20.00 USD, succeeded, 2026-11-20 (re_123)"));
  }

  @Test
  void aNamedPaymentIntentIsReadWithoutSearching() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + PI))
        .willReturn(okJson(intent(PI, "requires_payment_method", "1001"))));
    refunds();

    Found found = lookup.lookUp(new Known("1001", null, List.of(PI), null), settings(Map.of()));

    assertThat(requests()).extracting(LoggedRequest::getUrl)
        .containsExactlyInAnyOrder("/v1/payment_intents/" + PI, "/v1/refunds?payment_intent=" + PI + "&limit=1");
    assertThat(found.values()).containsEntry("payment_status", "requires payment method")
        .containsEntry("last_refund", "none");
  }

  @Test
  void aNamedChargeLeadsToItsPaymentIntent() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/charges/ch_3QAbCdEfGh5678")).willReturn(okJson(
        "{\"id\":\"ch_3QAbCdEfGh5678\",\"object\":\"charge\",\"amount\":5990,\"currency\":\"usd\","
            + "\"status\":\"succeeded\",\"payment_intent\":\"" + PI + "\",\"metadata\":{}}")));
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + PI)).willReturn(okJson(intent(PI, "succeeded", "1001"))));
    refunds(REFUND);

    Found found = lookup.lookUp(new Known(null, null, List.of("ch_3QAbCdEfGh5678"), null), settings(Map.of()));

    assertThat(found.paymentIds()).containsExactly(PI);
    assertThat(found.values()).containsEntry("last_refund", "20.00 USD, succeeded, 2026-11-20 (re_123)");
  }

  @Test
  void theSucceededIntentWinsAndTheMetadataKeyAndQuotesAreHonoured() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(searchResult(
        intent("pi_failedAttempt", "requires_payment_method", "10'01"), intent(PI, "succeeded", "10'01")))));
    refunds();

    Found found = lookup.lookUp(new Known("10'01", null, null, null), settings(Map.of("order-metadata-key", "shop_order")));

    LoggedRequest search = wm.findAll(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))).get(0);
    assertThat(search.queryParameter("query").firstValue()).isEqualTo("metadata['shop_order']:'10\\'01'");
    assertThat(found.paymentIds()).containsExactly(PI);
  }

  @Test
  void noPaymentForTheOrderIsNothingFound() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(searchResult())));

    assertThat(lookup.lookUp(new Known("1001", null, null, null), settings(Map.of()))).isEqualTo(Found.nothing());
    assertThat(requests()).hasSize(1);
    assertThat(lookup.lookUp(new Known(null, "bob@example.com", null, null), settings(Map.of()))).isEqualTo(Found.nothing());
    assertThat(requests()).as("nothing to search by").hasSize(1);
  }

  @Test
  void aServerErrorIsAnIOExceptionWithStripesWordsAndNoKey() {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}")));

    IOException e = catchThrowableOfType(
        () -> lookup.lookUp(new Known("1001", null, null, null), settings(Map.of())), IOException.class);

    assertThat(e).hasMessage("Stripe answered 500 for /v1/payment_intents/search: An unknown error occurred");
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void aRefusedKeyIsNotQuotedBack() {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody(
            "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided: " + KEY + "\"}}")));

    IOException e = catchThrowableOfType(
        () -> lookup.lookUp(new Known("1001", null, null, null), settings(Map.of())), IOException.class);

    assertThat(e).hasMessage("Stripe answered 401 for /v1/payment_intents/search: the API key was refused");
    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("AbCdEf");
  }

  @Test
  void enabledOnlyWithTheReadKey() {
    assertThat(lookup.enabled(settings(Map.of()))).isTrue();
    assertThat(lookup.enabled(ConnectorSettings.of("stripe", Map.of("refund-api-key", "rk_x")))).isFalse();
    assertThat(lookup.id()).isEqualTo(new StripeEventSource().id());
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.PAYMENT);
    assertThat(lookup.describes()).isEqualTo("payment (Stripe)");
  }
}
