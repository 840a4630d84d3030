package io.helpdeskbridge.plugin.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.helpdeskbridge.plugin.stripe.StripeLookupTest.PI;
import static io.helpdeskbridge.plugin.stripe.StripeLookupTest.intent;
import static io.helpdeskbridge.plugin.stripe.StripeLookupTest.searchResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.RefundAction;
import io.helpdeskbridge.spi.RefundAction.Request;
import io.helpdeskbridge.spi.RefundAction.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The refund request Stripe receives, and what its answers become, against a stand-in of API v1. */
class StripeRefundsTest {
  private static final String READ_KEY = "rk_test_51ReadOnlyKeyXyz";
  private static final String REFUND_KEY = "rk_test_51RefundWriteKeyQrs";
  private static final String IDEMPOTENCY_KEY = "refund-zendesk-4242-1";
  // a fresh stand-in per class, reset before each test
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RefundAction refunds = new StripeRefunds();

  private static ConnectorSettings settings(String base) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("api-key", READ_KEY);
    s.put("refund-api-key", REFUND_KEY);
    s.put("api-base", base);
    return ConnectorSettings.of("stripe", s);
  }

  private static ConnectorSettings settings() {
    return settings("http://127.0.0.1:" + wm.getPort());
  }

  private static Request request(String paymentId, String reason) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("ticket_id", "4242");
    metadata.put("helpdesk", "zendesk");
    return new Request("1001", paymentId, 2000, "usd", reason, IDEMPOTENCY_KEY, metadata);
  }

  private static void refundAnswers(int status, String body) {
    wm.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static String refund(String status, String failureReason) {
    return """
        {"id":"re_3QAbCdRefund1","object":"refund","amount":2000,"currency":"usd","payment_intent":"%s",
         "charge":"ch_3QAbCdEfGh5678","status":"%s","reason":"requested_by_customer","created":1795176000,
         "failure_reason":%s,"metadata":{"ticket_id":"4242","helpdesk":"zendesk"}}"""
        .formatted(PI, status, failureReason == null ? "null" : "\"" + failureReason + "\"");
  }

  private static String error(String type, String code, String message) {
    String c = code == null ? "" : "\"code\":\"" + code + "\",";
    return "{\"error\":{\"type\":\"" + type + "\"," + c + "\"message\":\"" + message + "\"}}";
  }

  private static LoggedRequest thePost() {
    List<LoggedRequest> posts = wm.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")));
    assertThat(posts).hasSize(1);
    return posts.get(0);
  }

  /** The form body as ordered pairs, decoded. */
  private static Map<String, String> form(LoggedRequest r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : r.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void refundsTheNamedPaymentIntentWithTheIdempotencyKeyAndTheRefundKey() throws IOException {
    refundAnswers(200, refund("succeeded", null));

    Result result = refunds.refund(request(PI, "requested_by_customer"), settings());

    LoggedRequest r = thePost();
    assertThat(r.getHeader("Idempotency-Key")).isEqualTo(IDEMPOTENCY_KEY);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + REFUND_KEY);
    assertThat(r.getHeader("Stripe-Version")).isEqualTo(StripeApi.VERSION);
    assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(r)).containsExactly(
        Map.entry("payment_intent", PI),
        Map.entry("amount", "2000"),
        Map.entry("reason", "requested_by_customer"),
        Map.entry("metadata[ticket_id]", "4242"),
        Map.entry("metadata[helpdesk]", "zendesk"));
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search")))).isEmpty();
    assertThat(result).isEqualTo(new Result(true, "re_3QAbCdRefund1", "succeeded", null));
  }

  @Test
  void anUnknownPaymentIsFoundBySearchingTheOrderMetadata() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search"))
        .willReturn(okJson(searchResult(intent(PI, "succeeded", "1001")))));
    refundAnswers(200, refund("pending", null));

    Result result = refunds.refund(request(null, null), settings());

    LoggedRequest search = wm.findAll(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))).get(0);
    assertThat(search.queryParameter("query").firstValue()).isEqualTo("metadata['order_id']:'1001'");
    assertThat(search.getHeader("Authorization")).isEqualTo("Bearer " + REFUND_KEY);
    assertThat(form(thePost())).containsEntry("payment_intent", PI).doesNotContainKey("reason");
    assertThat(result.succeeded()).as("pending is on its way").isTrue();
    assertThat(result.status()).isEqualTo("pending");
  }

  @Test
  void noPaymentForTheOrderIsRefusedWithoutPosting() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(searchResult())));

    Result result = refunds.refund(request(null, null), settings());

    assertThat(result).isEqualTo(Result.refused("no Stripe payment found for order 1001"));
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")))).isEmpty();
  }

  @Test
  void aPaymentInAnotherCurrencyIsRefusedWithoutPosting() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(searchResult(
        intent(PI, "succeeded", "1001").replace("\"usd\"", "\"eur\"")))));

    Result result = refunds.refund(request(null, null), settings());

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failureReason()).isEqualTo("the Stripe payment of order 1001 is in EUR, not USD");
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")))).isEmpty();
  }

  @Test
  void aChargeIsRefundedAsAChargeAndAReasonStripeDoesNotKnowIsLeftOff() throws IOException {
    refundAnswers(200, refund("succeeded", null));

    refunds.refund(request("ch_3QAbCdEfGh5678", "damaged"), settings());

    assertThat(form(thePost())).containsEntry("charge", "ch_3QAbCdEfGh5678")
        .doesNotContainKeys("payment_intent", "reason");
  }

  @Test
  void alreadyRefundedIsARefusalInStripesWords() throws IOException {
    refundAnswers(400, error("invalid_request_error", "charge_already_refunded",
        "Charge ch_3QAbCdEfGh5678 has already been refunded."));

    Result result = refunds.refund(request(PI, null), settings());

    assertThat(result).isEqualTo(Result.refused("Charge ch_3QAbCdEfGh5678 has already been refunded."));
  }

  @Test
  void aKeyReusedWithOtherParametersIsARefusal() throws IOException {
    refundAnswers(400, error("idempotency_error", null,
        "Keys for idempotent requests can only be used with the same parameters they were first used with."));

    Result result = refunds.refund(request(PI, null), settings());

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failureReason()).startsWith("Keys for idempotent requests");
    assertThat(thePost().getHeader("Idempotency-Key")).isEqualTo(IDEMPOTENCY_KEY);
  }

  @Test
  void aFailedRefundCarriesItsFailureReason() throws IOException {
    refundAnswers(200, refund("failed", "expired_or_canceled_card"));

    Result result = refunds.refund(request(PI, null), settings());

    assertThat(result).isEqualTo(new Result(false, "re_3QAbCdRefund1", "failed", "expired_or_canceled_card"));
  }

  @Test
  void serverErrorsRateLimitsAndConflictsThrowSoTheEngineRetriesWithTheSameKey() {
    for (int status : new int[] {500, 429, 409}) {
      wm.resetAll();
      refundAnswers(status, error("api_error", null, "Try again later"));

      IOException e = catchThrowableOfType(() -> refunds.refund(request(PI, null), settings()), IOException.class);

      assertThat(e).as("status %d", status).hasMessage("Stripe answered " + status + " for /v1/refunds: Try again later");
      assertThat(e.getMessage()).doesNotContain(REFUND_KEY).doesNotContain(READ_KEY);
    }
  }

  @Test
  void anUnreachableStripeThrows() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String base = "http://127.0.0.1:" + closedPort;

    IOException e = catchThrowableOfType(() -> refunds.refund(request(PI, null), settings(base)), IOException.class);

    assertThat(e).isNotNull();
    assertThat(String.valueOf(e.getMessage())).doesNotContain(REFUND_KEY);
  }

  @Test
  void enabledOnlyWithTheRefundKeyNeverTheReadKey() {
    assertThat(refunds.enabled(settings())).isTrue();
    assertThat(refunds.enabled(ConnectorSettings.of("stripe", Map.of("api-key", READ_KEY)))).isFalse();
    assertThat(refunds.id()).isEqualTo("stripe");
  }
}
