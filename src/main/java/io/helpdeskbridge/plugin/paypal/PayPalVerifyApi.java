package io.helpdeskbridge.plugin.paypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.spi.ClientCredentialsToken;
import io.helpdeskbridge.spi.WebhookRejected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Verification by PayPal itself ({@code verification: api}): {@code POST
 * /v1/notifications/verify-webhook-signature} with the five transmission headers, the webhook id
 * and the event, under an OAuth client-credentials token from {@code /v1/oauth2/token} (client id
 * and secret as HTTP Basic). PayPal answers {@code {"verification_status": "SUCCESS" | "FAILURE"}}.
 *
 * <p>The event goes to PayPal byte for byte as it arrived: PayPal computes the CRC over what it is
 * sent, so a re-serialised body (other key order, other spacing) would fail. The body is spliced
 * into the request only after it has been read as exactly one JSON object, so it cannot add keys
 * of its own next to {@code webhook_id}.
 *
 * <p>Only PayPal's {@code SUCCESS} accepts. {@code FAILURE}, or a {@code 4xx} refusing the request,
 * refuses the delivery ({@code 400}); an API that cannot be reached, times out, is rate-limited
 * (429) or fails (5xx) leaves the delivery unverified: {@code 503}, which PayPal retries. A {@code
 * 401} means the cached token was revoked: it is fetched again once.
 *
 * @see <a href="https://developer.paypal.com/api/webhooks/v1/#verify-webhook-signature_post">PayPal:
 *     verify webhook signature</a>
 * @see <a href="https://developer.paypal.com/api/rest/authentication/">PayPal: get an access token</a>
 */
final class PayPalVerifyApi {

  static final String TOKEN_PATH = PayPalTokens.TOKEN_PATH;
  static final String VERIFY_PATH = "/v1/notifications/verify-webhook-signature";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectReader ONE_DOCUMENT = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final HttpClient http;
  private final PayPalTokens tokens;

  PayPalVerifyApi(HttpClient http, Clock clock) {
    this(http, new PayPalTokens(http, clock));
  }

  PayPalVerifyApi(HttpClient http, PayPalTokens tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  void verify(PayPalTransmission t, byte[] body, PayPalConfig config) throws WebhookRejected {
    if (config.clientId() == null || config.clientSecret() == null) {
      throw new WebhookRejected(503, "Source not configured",
          "the paypal connector verifies through PayPal's API but has no client-id or client-secret");
    }
    requireOneObject(body);
    ClientCredentialsToken token = tokens.of(config);
    for (String webhookId : config.webhookIds()) {
      if ("SUCCESS".equals(status(token, request(t, webhookId, body), config, true))) return;
    }
    throw WebhookRejected.badSignature("PayPal's verify-webhook-signature API did not confirm this delivery for the configured webhook id");
  }

  /** PayPal's verification_status for one webhook id. */
  private String status(ClientCredentialsToken token, byte[] request, PayPalConfig config, boolean firstTry)
      throws WebhookRejected {
    String accessToken;
    try {
      accessToken = token.get(config.timeout());
    } catch (IOException e) {
      // ClientCredentialsToken's messages name the endpoint and status, never the credentials
      throw unavailable(e.getMessage());
    }
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(URI.create(config.apiBase() + VERIFY_PATH))
              .timeout(config.timeout())
              .header("Authorization", "Bearer " + accessToken)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(request))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unavailable(VERIFY_PATH + " could not be reached (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while asking " + VERIFY_PATH);
    }
    int code = r.statusCode();
    if (code == 401 && firstTry) {
      token.invalidate();
      return status(token, request, config, false);
    }
    if (code == 401 || code == 403 || code == 429 || code >= 500) {
      throw unavailable(VERIFY_PATH + " answered " + code);
    }
    if (code != 200) {
      throw WebhookRejected.badSignature("PayPal refused to verify this delivery (HTTP " + code + errorName(r.body()) + ")");
    }
    try {
      return JSON.readTree(r.body()).path("verification_status").asText("");
    } catch (JsonProcessingException e) {
      throw unavailable(VERIFY_PATH + " answered 200 without a JSON body");
    }
  }

  /** The request body: the headers' values and the webhook id, then the event exactly as received. */
  private static byte[] request(PayPalTransmission t, String webhookId, byte[] body) {
    ObjectNode fields = JSON.createObjectNode();
    fields.put("auth_algo", t.authAlgo());
    fields.put("cert_url", t.certUrl());
    fields.put("transmission_id", t.id());
    fields.put("transmission_sig", t.signature());
    fields.put("transmission_time", t.time());
    fields.put("webhook_id", webhookId);
    String head = fields.toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length + 20);
    out.writeBytes(head.substring(0, head.length() - 1).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(",\"webhook_event\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void requireOneObject(byte[] body) throws WebhookRejected {
    try {
      JsonNode node = ONE_DOCUMENT.readTree(body);
      if (node != null && node.isObject()) return;
    } catch (IOException notJson) {
      // refused below
    }
    throw WebhookRejected.badRequest("the body is not one JSON object, so PayPal cannot verify it");
  }

  /** PayPal's error {@code name} (VALIDATION_ERROR, …) when the body has a safe one. */
  private static String errorName(String body) {
    try {
      String name = JSON.readTree(body).path("name").asText("");
      return name.matches("[A-Z_]{1,64}") ? " " + name : "";
    } catch (JsonProcessingException | RuntimeException e) {
      return "";
    }
  }

  private static WebhookRejected unavailable(String what) {
    return new WebhookRejected(503, "Verification unavailable",
        "PayPal could not verify the delivery: " + what + "; it is not accepted unverified, retry later");
  }

}
