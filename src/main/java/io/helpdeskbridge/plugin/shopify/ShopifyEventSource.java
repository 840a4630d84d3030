package io.helpdeskbridge.plugin.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.BundledSamples;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Shopify webhooks: refunds, cancellations and shipment news about a shop's orders. Stateless:
 * every call reads its connector's settings, so one instance serves every Shopify connector.
 *
 * <p>Settings: {@code webhook-secret} (the default secret: a list or {@code old,new} while one is
 * being rotated), {@code shop-secrets} (shop domain → that shop's secret, also {@code old,new};
 * when the {@code X-Shopify-Shop-Domain} of a delivery is listed there, only that shop's secret
 * may sign it, so one shop cannot speak for another), {@code shop-domain} (the shop samples claim
 * to come from) and {@code currency} (used only when a refund names no currency, default USD).
 *
 * <p>The dedupe id is {@code X-Shopify-Webhook-Id}, as Shopify's verify-deliveries page says;
 * {@code X-Shopify-Event-Id} (the same for every subscription to one event) stays in the stored
 * headers for audit. Deliveries also teach the bridge order aliases ({@link ShopifyOrderAliases}).
 *
 * @see <a href="https://shopify.dev/docs/apps/build/webhooks/verify-deliveries">Shopify: verify
 *     webhook deliveries</a>
 */
public final class ShopifyEventSource implements EventSource {

  static final String WEBHOOK_SECRET = "webhook-secret";
  static final String SHOP_SECRETS = "shop-secrets";
  static final String SHOP_DOMAIN = "shop-domain";
  static final String CURRENCY = "currency";

  static final String DEFAULT_SHOP_DOMAIN = "example-shop.myshopify.com";
  static final String DEFAULT_CURRENCY = "USD";
  /** The Admin API version the samples claim to be rendered in. */
  static final String SAMPLE_API_VERSION = "2026-07";


  /** A shop domain safe to repeat in a message; anything else is not echoed back. */
  private static final Pattern PRINTABLE_SHOP = Pattern.compile("[a-z0-9][a-z0-9.-]{0,254}");

  public ShopifyEventSource() {}

  @Override
  public String id() {
    return ShopifyNormalizer.SOURCE;
  }

  /**
   * Picks the secret by the shop the delivery claims, checks the HMAC, then the headers the SDK
   * requires ({@code X-Shopify-Topic}, {@code -Shop-Domain}, {@code -API-Version}, {@code
   * -Webhook-Id}; an Events delivery needs {@code shopify-event-id} instead of the webhook id).
   */
  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock)
      throws WebhookRejected {
    Secrets secrets = secrets(settings);
    String header = ShopifyHeaders.hmac(request);
    if (header == null) {
      throw WebhookRejected.badSignature("missing " + ShopifySignature.HEADER + " header");
    }
    Chosen chosen = secrets.forShop(ShopifyHeaders.shopDomain(request));
    ShopifySignature.verify(header, request.body(), chosen.secrets(), chosen.whose());
    List<String> missing = ShopifyHeaders.missing(request);
    if (!missing.isEmpty()) {
      throw WebhookRejected.badRequest("missing Shopify header(s): " + String.join(", ", missing));
    }
  }

  /** {@code X-Shopify-Webhook-Id} (an Events delivery's {@code shopify-event-id}). */
  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    String id = ShopifyHeaders.deliveryId(request);
    if (id == null) {
      throw WebhookRejected.badRequest("missing " + ShopifyHeaders.WEBHOOK_ID + " header");
    }
    return id;
  }

  /** The {@code X-Shopify-Topic} header as sent ({@code refunds/create}), or null. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return ShopifyHeaders.get(request, ShopifyHeaders.TOPIC);
  }

  @Override
  public List<OrderEvent> normalize(
      WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return ShopifyNormalizer.normalize(
        request, payload, settings.string(CURRENCY, DEFAULT_CURRENCY));
  }

  /** The order name from the Admin API, when {@code admin-token} is set. */
  @Override
  public Optional<String> lookupOrderNumber(io.helpdeskbridge.event.OrderRef ref, ConnectorSettings settings)
      throws java.io.IOException {
    return ShopifyOrderLookup.orderName(ref.vendorOrderId(), settings);
  }

  /** Order number and tracking aliases, in the alias store's key terms. */
  @Override
  public Map<String, String> orderFacts(WebhookRequest request, JsonNode payload) {
    return ShopifyOrderAliases.orderFacts(vendorType(request, payload), payload);
  }

  /**
   * {@code samples/shopify/<topic with / as ->.json} from the classpath: {@code refunds/create}
   * reads {@code refunds-create.json}.
   */
  @Override
  public Optional<byte[]> sample(String vendorType) {
    return BundledSamples.load("shopify", vendorType);
  }

  /**
   * Every header Shopify sends, signed with the secret {@link #verify} will pick for the sample's
   * shop ({@code shop-domain}): that shop's from {@code shop-secrets} if listed, else the first
   * {@code webhook-secret}. Fresh webhook and event ids make each sample a new delivery.
   */
  @Override
  public Map<String, String> signForSample(
      String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    String shop = settings.string(SHOP_DOMAIN, DEFAULT_SHOP_DOMAIN).trim();
    List<String> perShop = secrets(settings).perShop().get(shop.toLowerCase(Locale.ROOT));
    String secret = perShop != null && !perShop.isEmpty() ? perShop.get(0) : defaultSecret(settings);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ShopifyHeaders.HMAC, ShopifySignature.sign(body, secret));
    headers.put(ShopifyHeaders.TOPIC, vendorType);
    headers.put(ShopifyHeaders.SHOP_DOMAIN, shop);
    headers.put(ShopifyHeaders.API_VERSION, SAMPLE_API_VERSION);
    headers.put(ShopifyHeaders.WEBHOOK_ID, UUID.randomUUID().toString());
    headers.put(ShopifyHeaders.TRIGGERED_AT, now.toString());
    headers.put(ShopifyHeaders.EVENT_ID, UUID.randomUUID().toString());
    return headers;
  }

  private static String defaultSecret(ConnectorSettings settings) {
    List<String> defaults = clean(settings.list(WEBHOOK_SECRET));
    if (defaults.isEmpty()) {
      throw new IllegalStateException(
          settings.file() + ": connector '" + settings.id() + "' needs the setting '" + WEBHOOK_SECRET
              + "' to sign samples for shop '" + settings.string(SHOP_DOMAIN, DEFAULT_SHOP_DOMAIN) + "'");
    }
    return defaults.get(0);
  }

  /** The configured secrets; a connector with none at all is a configuration error. */
  private static Secrets secrets(ConnectorSettings settings) {
    List<String> defaults = clean(settings.list(WEBHOOK_SECRET));
    Map<String, List<String>> perShop = new LinkedHashMap<>();
    settings
        .map(SHOP_SECRETS)
        .forEach(
            (shop, value) ->
                perShop.put(
                    shop.trim().toLowerCase(Locale.ROOT),
                    value == null ? List.of() : clean(List.of(value.split(",")))));
    if (defaults.isEmpty() && perShop.isEmpty()) {
      throw new IllegalStateException(
          settings.file() + ": connector '" + settings.id() + "' needs the setting '" + WEBHOOK_SECRET
              + "' (or '" + SHOP_SECRETS + "')");
    }
    return new Secrets(settings, defaults, perShop);
  }

  private static List<String> clean(List<String> values) {
    return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The secrets one delivery may be signed with, and words naming them. */
  private record Chosen(List<String> secrets, String whose) {}

  private record Secrets(
      ConnectorSettings settings, List<String> defaults, Map<String, List<String>> perShop) {

    /** The shop's own secrets when it is listed, else the default ones. */
    Chosen forShop(String shop) throws WebhookRejected {
      if (shop != null && perShop.containsKey(shop)) {
        List<String> own = perShop.get(shop);
        if (own.isEmpty()) {
          throw new IllegalStateException(
              settings.file() + ": connector '" + settings.id() + "' lists shop " + printable(shop)
                  + " under '" + SHOP_SECRETS + "' without a secret");
        }
        return new Chosen(own, "the secret of shop " + printable(shop));
      }
      if (!defaults.isEmpty()) {
        return new Chosen(defaults, "the " + WEBHOOK_SECRET);
      }
      if (shop == null) {
        throw WebhookRejected.badRequest(
            "missing " + ShopifyHeaders.SHOP_DOMAIN + " header: this connector only has per-shop "
                + "secrets (" + SHOP_SECRETS + ") and no default " + WEBHOOK_SECRET
                + ", so the delivery cannot be verified");
      }
      throw WebhookRejected.badSignature(
          "shop " + printable(shop) + " is not listed in " + SHOP_SECRETS
              + " and there is no default " + WEBHOOK_SECRET);
    }

    private static String printable(String shop) {
      return PRINTABLE_SHOP.matcher(shop).matches() ? "'" + shop + "'" : "(unprintable name)";
    }
  }
}
