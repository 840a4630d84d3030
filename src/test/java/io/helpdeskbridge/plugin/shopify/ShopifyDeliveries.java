package io.helpdeskbridge.plugin.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds Shopify deliveries for the tests: fixtures, headers as Shopify sends them, settings. */
final class ShopifyDeliveries {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant RECEIVED = Instant.parse("2026-02-20T12:00:00Z");
  static final String SHOP = "north-wind.myshopify.com";

  private ShopifyDeliveries() {}

  static JsonNode fixture(String name) throws IOException {
    return resource("vendor/shopify/" + name);
  }

  static byte[] fixtureBytes(String name) throws IOException {
    try (InputStream in = open("vendor/shopify/" + name)) {
      return in.readAllBytes();
    }
  }

  static JsonNode resource(String path) throws IOException {
    try (InputStream in = open(path)) {
      return JSON.readTree(in);
    }
  }

  private static InputStream open(String path) {
    InputStream in = ShopifyDeliveries.class.getClassLoader().getResourceAsStream(path);
    assertThat(in).as(path).isNotNull();
    return in;
  }

  /** The headers of a classic delivery of {@code topic} from {@link #SHOP}, without signature. */
  static Map<String, String> headers(String topic, String webhookId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Shopify-Topic", topic);
    headers.put("X-Shopify-Shop-Domain", SHOP);
    headers.put("X-Shopify-API-Version", "2026-07");
    headers.put("X-Shopify-Webhook-Id", webhookId);
    headers.put("X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5");
    return headers;
  }

  /** The same headers signed with {@code secret} over {@code body}. */
  static Map<String, String> signed(String topic, String webhookId, byte[] body, String secret) {
    Map<String, String> headers = headers(topic, webhookId);
    headers.put("X-Shopify-Hmac-Sha256", ShopifySignature.sign(body, secret));
    return headers;
  }

  static WebhookRequest request(Map<String, String> headers, byte[] body) {
    return new WebhookRequest("shopify", headers, body, RECEIVED);
  }

  /** A delivery with {@code topic} and webhook id, no signature: enough for normalize. */
  static WebhookRequest delivery(String topic, String webhookId) {
    return request(headers(topic, webhookId), new byte[0]);
  }

  static ConnectorSettings settings(Map<String, Object> values) {
    return new ConnectorSettings("shopify", "shopify", "connectors/shopify.yaml", values);
  }
}
