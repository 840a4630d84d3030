package io.helpdeskbridge.plugin.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.RefundAction;
import io.helpdeskbridge.spi.RefundAction.Request;
import io.helpdeskbridge.spi.RefundAction.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The requests Shopify receives for a refund from a ticket, and what its answers become, against a
 * stand-in of the Admin REST API. Bodies follow the documented Refund resource: calculate answers
 * with {@code suggested_refund} transactions ({@code parent_id}, {@code gateway}, {@code
 * maximum_refundable}); a created refund carries {@code refund} transactions with a {@code status}.
 */
class ShopifyRefundsTest {
  private static final String READ_TOKEN = "shpat_read_0a1b2c3d4e5f";
  private static final String REFUND_TOKEN = "shpat_write_9f8e7d6c5b4a";
  private static final String KEY = "hdb-refund-5e0c2a7b91d4f3e8a6b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4";
  private static final String NOTE = "Refund approved on ticket 4242 (zendesk) [" + KEY + "]";
  private static final String API = "/admin/api/2026-07";
  private static final String ORDERS = API + "/orders.json";
  private static final String REFUNDS = API + "/orders/450789469/refunds.json";
  private static final String CALCULATE = API + "/orders/450789469/refunds/calculate.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  // a fresh stand-in per class, reset before each test
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RefundAction refunds = new ShopifyRefunds();

  private static ConnectorSettings settings(String base) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("admin-token", READ_TOKEN);
    s.put("refund-admin-token", REFUND_TOKEN);
    s.put("api-base", base);
    s.put("api-version", "2026-07");
    return ConnectorSettings.of("shopify", s);
  }

  private static ConnectorSettings settings() {
    return settings("http://127.0.0.1:" + wm.getPort());
  }

  private static Request request(long amountMinor, String currency) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("order_id", "1001");
    metadata.put("helpdesk", "zendesk");
    metadata.put("ticket_id", "4242");
    return new Request("1001", null, amountMinor, currency, "requested_by_customer", KEY, metadata);
  }

  private static String order(String name, String currency) {
    return """
        {"id":450789469,"name":"%s","currency":"USD","presentment_currency":"%s"}""".formatted(name, currency);
  }

  private static void orders(String... orders) {
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("{\"orders\":[" + String.join(",", orders) + "]}")));
  }

  private static String refundsList(String... refunds) {
    return "{\"refunds\":[" + String.join(",", refunds) + "]}";
  }

  private static String suggested(String gateway, long parentId, String maximum) {
    return """
        {"order_id":450789469,"kind":"suggested_refund","gateway":"%s","parent_id":%d,"amount":"0.00",
         "currency":"USD","maximum_refundable":"%s"}""".formatted(gateway, parentId, maximum);
  }

  private static String calculated(String... transactions) {
    return """
        {"refund":{"shipping":{"amount":"0.00","tax":"0.00","maximum_refundable":"5.00"},"duties":[],
         "additional_fees":[],"return":null,"refund_line_items":[],"transactions":[%s],"currency":"USD"}}"""
        .formatted(String.join(",", transactions));
  }

  private static String transaction(long id, String amount, String status, String message, String errorCode) {
    return """
        {"id":%d,"order_id":450789469,"kind":"refund","gateway":"bogus","status":"%s","message":%s,
         "created_at":"2026-11-20T09:01:02-05:00","test":true,"authorization":null,"parent_id":801038806,
         "error_code":%s,"amount":"%s","currency":"USD"}"""
        .formatted(id, status, quoted(message), quoted(errorCode), amount);
  }

  private static String refund(String note, String... transactions) {
    return """
        {"id":929361466,"order_id":450789469,"created_at":"2026-11-20T09:01:02-05:00","note":%s,"user_id":null,
         "processed_at":"2026-11-20T09:01:02-05:00","restock":false,"duties":[],"refund_line_items":[],
         "refund_shipping_lines":[],"transactions":[%s],"order_adjustments":[]}"""
        .formatted(quoted(note), String.join(",", transactions));
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  /** The usual stand-in: order #1001 in USD, no refunds yet, $41.94 refundable on one bogus-gateway payment. */
  private static void anOrderWithRoomFor(String maximum) {
    orders(order("#1001", "USD"));
    wm.stubFor(get(urlPathEqualTo(REFUNDS)).willReturn(okJson(refundsList())));
    wm.stubFor(post(urlPathEqualTo(CALCULATE)).willReturn(okJson(calculated(suggested("bogus", 801038806, maximum)))));
  }

  private static void refundAnswers(int status, String body) {
    wm.stubFor(post(urlPathEqualTo(REFUNDS)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static List<LoggedRequest> posts(String path) {
    return wm.findAll(postRequestedFor(urlPathEqualTo(path)));
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void refundsTheAmountOverTheSuggestedTransactionWithTheKeyInTheNote() throws IOException {
    anOrderWithRoomFor("41.94");
    refundAnswers(201, "{\"refund\":" + refund(NOTE, transaction(1068278484, "25.00", "success",
        "Bogus Gateway: Forced success", null)) + "}");

    Result result = refunds.refund(request(2500, "usd"), settings());

    assertThat(result).isEqualTo(new Result(true, "929361466", "success", null));
    LoggedRequest search = wm.findAll(getRequestedFor(urlPathEqualTo(ORDERS))).get(0);
    assertThat(search.queryParameter("name").firstValue()).isEqualTo("#1001");
    assertThat(search.queryParameter("status").firstValue()).isEqualTo("any");
    assertThat(search.queryParameter("limit").firstValue()).isEqualTo("1");
    assertThat(search.queryParameter("fields").firstValue()).isEqualTo("id,name,currency,presentment_currency");
    assertThat(posts(CALCULATE)).hasSize(1);
    assertThat(json(posts(CALCULATE).get(0).getBodyAsString())).isEqualTo(json("""
        {"refund":{"currency":"USD","shipping":{"amount":"0.00"},"refund_line_items":[]}}"""));
    assertThat(posts(REFUNDS)).hasSize(1);
    LoggedRequest created = posts(REFUNDS).get(0);
    assertThat(json(created.getBodyAsString())).isEqualTo(json("""
        {"refund":{"currency":"USD","notify":false,"note":"%s",
         "transactions":[{"parent_id":801038806,"amount":"25.00","kind":"refund","gateway":"bogus"}]}}"""
        .formatted(NOTE)));
    assertThat(created.getHeader("Content-Type")).startsWith("application/json");
    List<LoggedRequest> all = wm.findAll(anyRequestedFor(anyUrl()));
    assertThat(all).hasSize(4).allSatisfy(r -> {
      assertThat(r.getHeader("X-Shopify-Access-Token")).as("the write token, never the lookups' one").isEqualTo(REFUND_TOKEN);
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    });
  }

  @Test
  void aRetryAfterA503FindsTheRefundByItsKeyAndDoesNotPostAgain() throws IOException {
    orders(order("#1001", "USD"));
    wm.stubFor(post(urlPathEqualTo(CALCULATE)).willReturn(okJson(calculated(suggested("bogus", 801038806, "41.94")))));
    // Shopify made the refund, but the answer was lost on the way
    wm.stubFor(get(urlPathEqualTo(REFUNDS)).inScenario("lost answer").whenScenarioStateIs(STARTED)
        .willReturn(okJson(refundsList(
            refund("it broke during shipping", transaction(179259969, "209.00", "success", null, null))))));
    wm.stubFor(post(urlPathEqualTo(REFUNDS)).inScenario("lost answer").whenScenarioStateIs(STARTED)
        .willSetStateTo("refunded").willReturn(aResponse().withStatus(503)));
    wm.stubFor(get(urlPathEqualTo(REFUNDS)).inScenario("lost answer").whenScenarioStateIs("refunded")
        .willReturn(okJson(refundsList(
            refund("it broke during shipping", transaction(179259969, "209.00", "success", null, null)),
            refund(NOTE, transaction(1068278484, "25.00", "success", "Bogus Gateway: Forced success", null))))));

    IOException first = catchThrowableOfType(() -> refunds.refund(request(2500, "USD"), settings()), IOException.class);
    Result retried = refunds.refund(request(2500, "USD"), settings());

    assertThat(first).hasMessage("Shopify answered 503 for the refund of order #1001");
    assertThat(retried).isEqualTo(new Result(true, "929361466", "success", null));
    assertThat(posts(REFUNDS)).as("one refund posted, ever").hasSize(1);
    assertThat(posts(CALCULATE)).as("the retry stops at the note").hasSize(1);
  }

  @Test
  void a503ThatCreatedNothingIsPostedAgainWithTheSameBody() throws IOException {
    anOrderWithRoomFor("41.94");
    wm.stubFor(post(urlPathEqualTo(REFUNDS)).inScenario("outage").whenScenarioStateIs(STARTED)
        .willSetStateTo("back").willReturn(aResponse().withStatus(503)));
    wm.stubFor(post(urlPathEqualTo(REFUNDS)).inScenario("outage").whenScenarioStateIs("back")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"refund\":" + refund(NOTE, transaction(1068278484, "25.00", "pending", null, null)) + "}")));

    catchThrowableOfType(() -> refunds.refund(request(2500, "USD"), settings()), IOException.class);
    Result retried = refunds.refund(request(2500, "USD"), settings());

    assertThat(retried).isEqualTo(new Result(true, "929361466", "pending", null));
    assertThat(posts(REFUNDS)).hasSize(2);
    assertThat(posts(REFUNDS).get(1).getBodyAsString()).isEqualTo(posts(REFUNDS).get(0).getBodyAsString());
  }

  @Test
  void moreThanTheMaximumRefundableIsRefusedWithoutPosting() throws IOException {
    anOrderWithRoomFor("41.94");

    Result result = refunds.refund(request(5000, "USD"), settings());

    assertThat(result).isEqualTo(Result.refused(
        "Shopify allows at most 41.94 USD back on order #1001, less than the 50.00 USD asked"));
    assertThat(posts(REFUNDS)).isEmpty();
  }

  @Test
  void nothingLeftToRefundIsRefusedWithoutPosting() throws IOException {
    anOrderWithRoomFor("0.00");

    Result result = refunds.refund(request(2500, "USD"), settings());

    assertThat(result).isEqualTo(Result.refused("Shopify has nothing left to refund on order #1001"));
    assertThat(posts(REFUNDS)).isEmpty();
  }

  @Test
  void theAmountIsSpreadOverSeveralPaymentsInShopifysOrder() throws IOException {
    orders(order("#1001", "USD"));
    wm.stubFor(get(urlPathEqualTo(REFUNDS)).willReturn(okJson(refundsList())));
    wm.stubFor(post(urlPathEqualTo(CALCULATE)).willReturn(okJson(calculated(
        suggested("gift_card", 389404469, "10.00"), suggested("shopify_payments", 801038806, "31.94")))));
    refundAnswers(201, "{\"refund\":" + refund(NOTE, transaction(1, "10.00", "success", null, null),
        transaction(2, "15.00", "success", null, null)) + "}");

    refunds.refund(request(2500, "USD"), settings());

    assertThat(json(posts(REFUNDS).get(0).getBodyAsString()).path("refund").path("transactions")).isEqualTo(json("""
        [{"parent_id":389404469,"amount":"10.00","kind":"refund","gateway":"gift_card"},
         {"parent_id":801038806,"amount":"15.00","kind":"refund","gateway":"shopify_payments"}]"""));
  }

  @Test
  void a422IsARefusalInShopifysWords() throws IOException {
    anOrderWithRoomFor("41.94");
    refundAnswers(422, "{\"errors\":{\"base\":[\"Refund amount must be less than or equal to the refundable amount\"]}}");

    Result result = refunds.refund(request(2500, "USD"), settings());

    assertThat(result).isEqualTo(Result.refused("Refund amount must be less than or equal to the refundable amount"));
  }

  @Test
  void aFailedTransactionFailsTheRefundWithTheGatewaysReason() throws IOException {
    anOrderWithRoomFor("41.94");
    refundAnswers(201, "{\"refund\":" + refund(NOTE, transaction(1068278484, "25.00", "failure",
        "Bogus Gateway: Forced failure", "card_declined")) + "}");

    Result result = refunds.refund(request(2500, "USD"), settings());

    assertThat(result).isEqualTo(new Result(false, "929361466", "failure", "Bogus Gateway: Forced failure (card_declined)"));
  }

  @Test
  void anUnknownOrderIsRefusedAndAnotherOrderIsNeverTaken() throws IOException {
    orders();
    assertThat(refunds.refund(request(2500, "USD"), settings())).isEqualTo(Result.refused("no Shopify order #1001"));

    wm.resetAll();
    // a name filter Shopify ignored hands back the shop's newest order
    orders(order("#1002", "USD"));
    assertThat(refunds.refund(request(2500, "USD"), settings())).isEqualTo(Result.refused("no Shopify order #1001"));

    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    assertThat(refunds.refund(new Request(null, null, 2500, "USD", null, KEY, Map.of()), settings()))
        .isEqualTo(Result.refused("no Shopify order number given"));
  }

  @Test
  void anotherCurrencyThanTheCustomersIsRefusedBeforeAnythingIsCalculated() throws IOException {
    orders(order("#1001", "EUR"));

    Result result = refunds.refund(request(2500, "USD"), settings());

    assertThat(result).isEqualTo(Result.refused("Shopify order #1001 is in EUR, not USD"));
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    assertThat(ShopifyRefunds.calculation("JPY").toString())
        .isEqualTo("{\"refund\":{\"currency\":\"JPY\",\"shipping\":{\"amount\":\"0\"},\"refund_line_items\":[]}}");
  }

  @Test
  void rateLimitsAndServerErrorsThrowSoTheEngineRetries() {
    anOrderWithRoomFor("41.94");
    wm.stubFor(post(urlPathEqualTo(REFUNDS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.0")
        .withBody("{\"errors\":\"Exceeded 2 calls per second for api client. "
            + "Reduce request rates to resume uninterrupted service.\"}")));

    IOException limited = catchThrowableOfType(() -> refunds.refund(request(2500, "USD"), settings()), IOException.class);

    wm.resetAll();
    wm.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(502)));
    IOException down = catchThrowableOfType(() -> refunds.refund(request(2500, "USD"), settings()), IOException.class);

    assertThat(limited).hasMessage("Shopify answered 429 for the refund of order #1001 (rate limited, Retry-After 2.0 s)");
    assertThat(down).hasMessage("Shopify answered 502 for the search for order #1001");
  }

  @Test
  void noMessageEverCarriesAToken() throws IOException {
    List<String> messages = new ArrayList<>();
    // a contrived echo of the token sent, to prove the scrubbing
    String quoting = "{\"errors\":\"[API] Invalid access token " + REFUND_TOKEN + "\"}";
    for (int status : new int[] {500, 422, 401, 403}) {
      wm.resetAll();
      anOrderWithRoomFor("41.94");
      refundAnswers(status, quoting);
      try {
        Result r = refunds.refund(request(2500, "USD"), settings());
        messages.add(r.failureReason());
      } catch (IOException e) {
        messages.add(e.getMessage());
      }
    }
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    IOException unreachable = catchThrowableOfType(
        () -> refunds.refund(request(2500, "USD"), settings("http://127.0.0.1:" + closedPort)), IOException.class);
    messages.add(String.valueOf(unreachable.getMessage()));

    assertThat(messages).hasSize(5)
        .allSatisfy(m -> assertThat(m).doesNotContain(REFUND_TOKEN).doesNotContain(READ_TOKEN));
    assertThat(messages.get(0))
        .isEqualTo("Shopify answered 500 for the refund of order #1001: [API] Invalid access token [token]");
    assertThat(messages.get(1)).isEqualTo("[API] Invalid access token [token]");
    assertThat(messages.get(2)).isEqualTo("Shopify refused the access token (401) for the refund of order #1001");
  }

  @Test
  void enabledOnlyWithTheRefundTokenNeverTheReadToken() {
    assertThat(refunds.enabled(settings())).isTrue();
    assertThat(refunds.enabled(ConnectorSettings.of("shopify", Map.of("admin-token", READ_TOKEN)))).isFalse();
    assertThat(refunds.id()).isEqualTo("shopify");
  }
}
