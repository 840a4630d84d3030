package io.helpdeskbridge.plugin.shopify;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.secret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/shopify.yaml}: the webhook source, the order lookup and the refunds. */
public final class ShopifySpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      // not required: a connector may sign every shop with its own secret from shop-secrets
      secret(ShopifyEventSource.WEBHOOK_SECRET,
          "the default signing secret (an app's client secret, or the key the store admin shows for its webhooks),"
              + " or \"old,new\" while rotating it; needed unless every shop is listed in shop-secrets"),
      secret(ShopifyEventSource.SHOP_SECRETS,
          "shop domain → that shop's own signing secret (\"old,new\" while rotating); a listed shop's deliveries must"
              + " be signed with it, other shops use webhook-secret"),
      optional(ShopifyEventSource.SHOP_DOMAIN, null,
          "the shop's myshopify.com domain: the Admin API's host when api-base is unset, and the shop send-sample"
              + " deliveries claim to come from (" + ShopifyEventSource.DEFAULT_SHOP_DOMAIN + " when unset)"),
      optional(ShopifyEventSource.CURRENCY, ShopifyEventSource.DEFAULT_CURRENCY,
          "the ISO currency code used only when a refund names no currency on its transactions"),
      secret(ShopifyOrderLookup.ADMIN_TOKEN,
          "Admin API access token with read_orders (and read_all_orders for orders older than 60 days) for order"
              + " lookups and for the order number of refunds and fulfillments; unset = no lookups"),
      optional(ShopifyOrderLookup.API_BASE, "https://<shop-domain>",
          "the Admin API base URL (tests point it at a stand-in)"),
      optional(ShopifyOrderLookup.API_VERSION, ShopifyEventSource.SAMPLE_API_VERSION,
          "the Admin API version in the path of every lookup and refund, as in /admin/api/"
              + ShopifyEventSource.SAMPLE_API_VERSION + "/orders.json"),
      secret(ShopifyRefunds.REFUND_ADMIN_TOKEN,
          "Admin API access token with write_orders, used only for refunds agents approve and kept apart from"
              + " admin-token; unset = no refunds"));

  @Override
  public String id() {
    return ShopifyNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "Shopify";
  }

  @Override
  public String summary() {
    return "Refunds, cancellations and fulfillment news from Shopify's webhooks become ticket updates; with Admin API"
        + " tokens the bridge also looks up orders for agents and refunds the ones they approve.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
