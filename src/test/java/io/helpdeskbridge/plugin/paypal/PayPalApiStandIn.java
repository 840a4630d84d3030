package io.helpdeskbridge.plugin.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * PayPal's REST API as a WireMock stand-in speaking the documented paths and shapes: {@code POST
 * /v1/oauth2/token} (client credentials as Basic, answer {@code access_token}/{@code expires_in}),
 * {@code GET /v2/payments/captures/{id}} (a Capture with {@code invoice_id}, {@code custom_id},
 * {@code supplementary_data.related_ids.order_id} and links), {@code GET
 * /v2/checkout/orders/{id}} (an Order with {@code purchase_units}), PayPal's error bodies ({@code
 * name}, {@code message}, {@code debug_id}, {@code details}; 401 as {@code error}/{@code
 * error_description}) and 429 with {@code Retry-After}.
 */
public final class PayPalApiStandIn {
  public static final String CLIENT_ID = "AeA1QIZXiflr1_-r0U2UbWTziOWX1GRQer5jkUq4ZfWT5qwb6qQRPq7jDtv57TL4POEEezGLdutcxnkJ";
  public static final String CLIENT_SECRET = "ECYYrrSHdKfk_Q0EdvzdGkzj58a66kKaUQ5dZAEv4HvvtDId2_DpSuYDB088BZxGuMji7G4OFUnPog6p";
  public static final String ACCESS_TOKEN = "A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSL";
  public static final String FRESH_TOKEN = "A21AAGfreshTokenAfterRevocation0000000000000000000000000000000000000000000000000";

  private final WireMockServer server;

  public PayPalApiStandIn(WireMockServer server) {
    this.server = server;
  }

  /** The token endpoint hands out {@link #ACCESS_TOKEN}. */
  public PayPalApiStandIn tokens() {
    server.stubFor(post(urlPathEqualTo(PayPalTokens.TOKEN_PATH)).atPriority(5)
        .willReturn(okJson(token(ACCESS_TOKEN))));
    return this;
  }

  /** The first token PayPal gives is revoked: the API refuses it once, the second token works. */
  public PayPalApiStandIn firstTokenRevoked() {
    server.stubFor(post(urlPathEqualTo(PayPalTokens.TOKEN_PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(token(ACCESS_TOKEN))).willSetStateTo("revoked"));
    server.stubFor(post(urlPathEqualTo(PayPalTokens.TOKEN_PATH)).inScenario("token").whenScenarioStateIs("revoked")
        .willReturn(okJson(token(FRESH_TOKEN))));
    server.stubFor(get(urlPathEqualTo(PayPalOrderLookup.CAPTURES + "0TOKEN000REVOKED1")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Token signature verification failed\"}")));
    return this;
  }

  /** A capture of a checkout order, with the given invoice_id and custom_id (either may be null). */
  public PayPalApiStandIn capture(String captureId, String orderId, String invoiceId, String customId) {
    StringBuilder b = new StringBuilder("{\"id\":\"" + captureId + "\",\"status\":\"COMPLETED\",");
    b.append("\"amount\":{\"currency_code\":\"USD\",\"value\":\"100.00\"},\"final_capture\":true,");
    b.append("\"seller_protection\":{\"status\":\"ELIGIBLE\",\"dispute_categories\":[\"ITEM_NOT_RECEIVED\",\"UNAUTHORIZED_TRANSACTION\"]},");
    if (invoiceId != null) b.append("\"invoice_id\":\"").append(invoiceId).append("\",");
    if (customId != null) b.append("\"custom_id\":\"").append(customId).append("\",");
    b.append("\"seller_receivable_breakdown\":{\"gross_amount\":{\"currency_code\":\"USD\",\"value\":\"100.00\"},");
    b.append("\"paypal_fee\":{\"currency_code\":\"USD\",\"value\":\"3.98\"},\"net_amount\":{\"currency_code\":\"USD\",\"value\":\"96.02\"}},");
    if (orderId != null) b.append("\"supplementary_data\":{\"related_ids\":{\"order_id\":\"").append(orderId).append("\"}},");
    b.append("\"create_time\":\"2026-11-20T10:00:00Z\",\"update_time\":\"2026-11-20T10:00:00Z\",\"links\":[");
    b.append("{\"href\":\"https://api.paypal.com/v2/payments/captures/").append(captureId).append("\",\"rel\":\"self\",\"method\":\"GET\"},");
    b.append("{\"href\":\"https://api.paypal.com/v2/payments/captures/").append(captureId).append("/refund\",\"rel\":\"refund\",\"method\":\"POST\"}");
    if (orderId != null) {
      b.append(",{\"href\":\"https://api.paypal.com/v2/checkout/orders/").append(orderId).append("\",\"rel\":\"up\",\"method\":\"GET\"}");
    }
    b.append("]}");
    server.stubFor(get(urlPathEqualTo(PayPalOrderLookup.CAPTURES + captureId)).atPriority(5)
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN).or(equalTo("Bearer " + FRESH_TOKEN)))
        .willReturn(okJson(b.toString())));
    return this;
  }

  /** A checkout order whose one purchase unit carries invoice_id / custom_id (either may be null). */
  public PayPalApiStandIn order(String orderId, String invoiceId, String customId) {
    String unit = "{\"reference_id\":\"default\",\"amount\":{\"currency_code\":\"USD\",\"value\":\"100.00\"},"
        + (invoiceId == null ? "" : "\"invoice_id\":\"" + invoiceId + "\",")
        + (customId == null ? "" : "\"custom_id\":\"" + customId + "\",")
        + "\"payee\":{\"email_address\":\"merchant@example.com\",\"merchant_id\":\"7KNGBPH2U58GQ\"}}";
    server.stubFor(get(urlPathEqualTo(PayPalOrderLookup.ORDERS + orderId)).atPriority(5)
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN).or(equalTo("Bearer " + FRESH_TOKEN)))
        .willReturn(okJson("{\"id\":\"" + orderId + "\",\"intent\":\"CAPTURE\",\"status\":\"COMPLETED\","
            + "\"purchase_units\":[" + unit + "],\"create_time\":\"2026-11-20T09:59:00Z\",\"links\":[{\"href\":"
            + "\"https://api.paypal.com/v2/checkout/orders/" + orderId + "\",\"rel\":\"self\",\"method\":\"GET\"}]}")));
    return this;
  }

  /** Every other capture or order id: PayPal's 404. */
  public PayPalApiStandIn unknownIdsAreNotFound() {
    String body = "{\"name\":\"RESOURCE_NOT_FOUND\",\"details\":[{\"issue\":\"INVALID_RESOURCE_ID\",\"description\":"
        + "\"Specified resource ID does not exist. Please check the resource ID and try again.\"}],\"message\":"
        + "\"The specified resource does not exist.\",\"debug_id\":\"90957fca61718\",\"links\":[{\"href\":"
        + "\"https://developer.paypal.com/docs/api/payments/v2/#error-INVALID_RESOURCE_ID\",\"rel\":\"information_link\"}]}";
    server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/v2/(payments/captures|checkout/orders)/.*"))
        .atPriority(9).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(body)));
    return this;
  }

  /** PayPal's rate limit for one capture: 429 with Retry-After, {@code times} times, then the stubs above. */
  public PayPalApiStandIn rateLimited(String captureId, int times) {
    String body = "{\"name\":\"RATE_LIMIT_REACHED\",\"message\":\"Too many requests. Blocked due to rate limiting.\","
        + "\"debug_id\":\"5f3e3d4c2b1a0\"}";
    String scenario = "limit-" + captureId;
    for (int i = 0; i < times; i++) {
      String state = i == 0 ? Scenario.STARTED : "limited-" + i;
      server.stubFor(get(urlPathEqualTo(PayPalOrderLookup.CAPTURES + captureId)).atPriority(1).inScenario(scenario)
          .whenScenarioStateIs(state).willSetStateTo("limited-" + (i + 1))
          .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
              .withHeader("Content-Type", "application/json").withBody(body)));
    }
    return this;
  }

  private static String token(String accessToken) {
    return "{\"scope\":\"https://uri.paypal.com/services/payments/refund https://uri.paypal.com/services/payments/payment\","
        + "\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"app_id\":\"APP-80W284485P519543T\","
        + "\"expires_in\":32400,\"nonce\":\"2026-11-24T10:00:00ZbRsZ0nP4\"}";
  }
}
