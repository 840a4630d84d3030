package io.helpdeskbridge.plugin.paypal;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The PayPal webhook source's settings, as {@code connectors/paypal.yaml} gives them. */
public final class PayPalSpec implements ConnectorSpec {

  @Override
  public String id() {
    return PayPalNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "PayPal";
  }

  @Override
  public String summary() {
    return "Webhooks of a PayPal REST app: refunds, reversals and denied captures, disputes opened and resolved; with the"
        + " app's client id and secret the bridge also asks PayPal for the order of a capture no event explained.";
  }

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.required(PayPalConfig.WEBHOOK_ID,
            "the Webhook ID PayPal shows for this listener URL in the app's settings; part of every signed message, so "
                + "only deliveries to this webhook verify. Live and sandbox ids may both be listed: \"id1,id2\""),
        Setting.optional(PayPalConfig.VERIFICATION, "certificate",
            "certificate: verify the RSA signature here with the certificate PAYPAL-CERT-URL names; api: ask PayPal's "
                + "verify-webhook-signature API (needs client-id and client-secret, one API call per delivery)"),
        Setting.optional(PayPalConfig.TOLERANCE_SECONDS, String.valueOf(PayPalConfig.DEFAULT_TOLERANCE_SECONDS),
            "age limit of PAYPAL-TRANSMISSION-TIME; older deliveries are refused (0 = no age check)"),
        Setting.optional(PayPalConfig.CERT_HOSTS, PayPalConfig.DEFAULT_CERT_HOSTS,
            "where PAYPAL-CERT-URL may point: .domain (https, any host under it), host[:port] (https, that host), or "
                + "scheme://host:port (exactly that origin; the only way to allow http, for test stand-ins)"),
        Setting.optional(PayPalConfig.ORDER_FROM, String.join(",", PayPalConfig.DEFAULT_ORDER_FROM),
            "which field the shop puts its order number in, first match wins: invoice_id (invoice_number on disputes), "
                + "custom_id (custom on disputes)"),
        Setting.optional(PayPalConfig.CLIENT_ID, null, "the REST app's client id: needed by verification: api, and lets the"
            + " bridge ask PayPal for the order of a refund, reversal or dispute that names only its capture"
            + " (GET /v2/payments/captures/{id}, then its checkout order); unset = no lookups"),
        Setting.secret(PayPalConfig.CLIENT_SECRET, "the REST app's secret, with client-id (verification: api, order lookups)"),
        Setting.optional(PayPalConfig.API_BASE, PayPalConfig.DEFAULT_API_BASE,
            "PayPal's API base URL for verification: api and order lookups (sandbox: https://api-m.sandbox.paypal.com)"),
        Setting.optional(PayPalConfig.TIMEOUT_MS, String.valueOf(PayPalConfig.DEFAULT_TIMEOUT_MS),
            "how long fetching a certificate or asking the API may take: a delivery is then answered 503 (PayPal retries), an"
                + " order lookup is tried again later"));
  }
}
