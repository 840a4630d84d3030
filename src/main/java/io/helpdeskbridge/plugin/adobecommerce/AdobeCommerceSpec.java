package io.helpdeskbridge.plugin.adobecommerce;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.required;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.secret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/adobe-commerce.yaml}: the webhook source and the order lookup. */
public final class AdobeCommerceSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      required(AdobeCommerceApi.BASE_URL,
          "the store's base URL (https://shop.example.com, with /index.php when the store runs without URL"
              + " rewrites); REST calls go to <base-url>/rest/<store-code>/V1/..."),
      optional(AdobeCommerceApi.STORE_CODE, AdobeCommerceApi.DEFAULT_STORE_CODE,
          "the store view code in the REST path (Stores > All Stores); \"all\" for every store view"),
      secret(AdobeCommerceApi.ACCESS_TOKEN,
          "an integration's access token (System > Extensions > Integrations) with Sales > Operations > Orders"
              + " and Shipments, sent as a Bearer token, which 2.4.4 and later accept only with"
              + " oauth/consumer/enable_integration_as_bearer = 1; enables order lookups and the order number of"
              + " credit memos; unset = no lookups"),
      secret(AdobeCommerceEventSource.WEBHOOK_SECRET,
          "the shared secret the Webhooks module sends in secret-header with every hook, or \"old,new\" while"
              + " replacing it"),
      optional(AdobeCommerceEventSource.SECRET_HEADER, AdobeCommerceSecret.DEFAULT_HEADER,
          "the hook header that carries the secret: Authorization (as \"Bearer <secret>\", never stored with a"
              + " delivery) or a header of your own, which is stored with each delivery (put \"secret\" in its name so ops"
              + " views mask it)"));

  @Override
  public String id() {
    return AdobeCommerceNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "Adobe Commerce (Magento 2)";
  }

  @Override
  public String summary() {
    return "Credit memos and cancellations from the Adobe Commerce Webhooks module become ticket updates; with an"
        + " integration token the bridge also looks up orders, their parcels and a credit memo's order number.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
