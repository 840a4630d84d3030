package io.helpdeskbridge.plugin.shopify;

import io.helpdeskbridge.spi.WebhookRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The headers Shopify sends with a delivery, under both of its naming schemes. Classic webhooks
 * use {@code X-Shopify-*}; the newer Events product uses the same names without the {@code X-}
 * prefix ({@code shopify-hmac-sha256}) and, for now, sends the classic ones as well. Like the
 * official SDK, a delivery carrying {@code shopify-hmac-sha256} is treated as an Events delivery,
 * whose dedupe id is {@code shopify-event-id} (Events deliveries have no webhook id).
 *
 * @see <a href="https://shopify.dev/docs/apps/build/webhooks/delivery-structure">Shopify: webhook
 *     delivery structure</a>
 */
final class ShopifyHeaders {

  static final String HMAC = "X-Shopify-Hmac-Sha256";
  static final String EVENTS_HMAC = "shopify-hmac-sha256";
  static final String TOPIC = "X-Shopify-Topic";
  static final String SHOP_DOMAIN = "X-Shopify-Shop-Domain";
  static final String API_VERSION = "X-Shopify-API-Version";
  static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
  static final String TRIGGERED_AT = "X-Shopify-Triggered-At";
  static final String EVENT_ID = "X-Shopify-Event-Id";

  /** What the SDK requires of a classic delivery besides the HMAC. */
  private static final List<String> REQUIRED = List.of(TOPIC, SHOP_DOMAIN, API_VERSION, WEBHOOK_ID);

  /** What the SDK requires of an Events delivery besides the HMAC: the event id, not a webhook id. */
  private static final List<String> REQUIRED_EVENTS = List.of(TOPIC, SHOP_DOMAIN, API_VERSION, EVENT_ID);

  private ShopifyHeaders() {}

  /**
   * The non-blank, trimmed value of a header under its classic name ({@code X-Shopify-Topic}) or
   * its Events name ({@code shopify-topic}), the classic one first; null when neither is there.
   */
  static String get(WebhookRequest request, String classicName) {
    String value = trimmed(request.header(classicName));
    if (value == null && classicName.startsWith("X-")) {
      value = trimmed(request.header(classicName.substring(2)));
    }
    return value;
  }

  /** True when the delivery comes from the Events product (it carries {@code shopify-hmac-sha256}). */
  static boolean isEvents(WebhookRequest request) {
    return present(request.header(EVENTS_HMAC));
  }

  /** The signature header as sent (not trimmed): the Events one when present, as the SDK picks it. */
  static String hmac(WebhookRequest request) {
    String events = request.header(EVENTS_HMAC);
    if (present(events)) {
      return events;
    }
    String classic = request.header(HMAC);
    return present(classic) ? classic : null;
  }

  /** The shop the delivery claims to come from, lower-cased, or null. */
  static String shopDomain(WebhookRequest request) {
    String shop = get(request, SHOP_DOMAIN);
    return shop == null ? null : shop.toLowerCase(Locale.ROOT);
  }

  /**
   * The delivery's dedupe id: {@code X-Shopify-Webhook-Id}, or for an Events delivery that has
   * none, its {@code shopify-event-id}; null when there is neither.
   */
  static String deliveryId(WebhookRequest request) {
    String id = get(request, WEBHOOK_ID);
    if (id == null && isEvents(request)) {
      id = get(request, EVENT_ID);
    }
    return id;
  }

  /** The required headers this delivery lacks, by the name its scheme uses. */
  static List<String> missing(WebhookRequest request) {
    boolean events = isEvents(request);
    List<String> missing = new ArrayList<>();
    for (String name : events ? REQUIRED_EVENTS : REQUIRED) {
      if (get(request, name) == null) {
        missing.add(events ? name.substring(2).toLowerCase(Locale.ROOT) : name);
      }
    }
    return missing;
  }

  private static String trimmed(String value) {
    return present(value) ? value.trim() : null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
