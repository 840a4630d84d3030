package io.helpdeskbridge.plugin.stripe;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.secret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/stripe.yaml}: the webhook source, the payment lookup and the refunds. */
public final class StripeSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      requiredSecret(StripeEventSource.WEBHOOK_SECRET,
          "the webhook endpoint's signing secret (whsec_…), or \"old,new\" while rolling it; unset = a development"
              + " secret, which real deliveries will not match"),
      optional(StripeEventSource.TOLERANCE_SECONDS, String.valueOf(StripeSignature.DEFAULT_TOLERANCE.getSeconds()),
          "how many seconds a signed timestamp stays valid (Stripe's own tolerance); 0 turns the age check off"),
      optional(StripeEventSource.ORDER_METADATA_KEY, StripeNormalizer.DEFAULT_ORDER_METADATA_KEY,
          "the metadata key your shop writes the order number to on charges, payment intents, refunds and disputes"),
      optional(StripeEventSource.REFUNDS_FROM, "charge",
          "which events report refunds, charge (charge.refunded) or refund (refund.created/updated), so that each"
              + " refund gives one note; failed refunds are reported either way"),
      secret(StripeApi.API_KEY,
          "a read-only restricted key (PaymentIntents, Charges, Refunds) for looking up an order's payment and the"
              + " order of disputes, fraud warnings and reviews that name only a payment; unset = no lookups"),
      secret(StripeRefunds.REFUND_API_KEY,
          "a restricted key with write access to Refunds and read access to PaymentIntents, used only for refunds"
              + " agents approve and kept apart from api-key so lookups never move money; unset = no refunds"),
      optional(StripeApi.API_BASE, StripeApi.DEFAULT_BASE, "Stripe's API base URL (tests point it at a stand-in)"));

  @Override
  public String id() {
    return StripeNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "Stripe";
  }

  @Override
  public String summary() {
    return "Refunds, failed refunds and payments, disputes and Radar fraud warnings from Stripe's webhooks become"
        + " ticket updates; with API keys the bridge also looks up an order's payment for agents and sends the"
        + " refunds they approve.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
