package io.helpdeskbridge.plugin.zendesk;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.required;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.secret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/**
 * The settings of {@code connectors/zendesk.yaml}: the helpdesk ({@link ZendeskConfig}) and, once its
 * {@code webhook-secret} is set, the ticket webhook source ({@link ZendeskTicketSource}).
 */
public final class ZendeskSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      required("url", "the account's base URL, such as https://acme.zendesk.com (/api/v2 may be added or left out)"),
      required("email", "the email of the agent whose API token the bridge uses (sent as email/token)"),
      requiredSecret("api-token", "an API token from Admin Center > Apps and integrations > Zendesk API"),
      optional("fields", null,
          "logical fields of the mappings (order_id, tracking_number, order_status, shipment_status, payment_status)"
              + " → numeric ids of Zendesk custom ticket fields; an unmapped field is neither written nor searched"),
      optional("connect-timeout-ms", "5000", "how long to wait for a connection to Zendesk, in milliseconds"),
      optional("request-timeout-ms", "30000", "how long to wait for Zendesk's answer to one request, in milliseconds"),
      // optional here: a desk that is only written to takes no webhooks
      secret(ZendeskTicketSource.WEBHOOK_SECRET,
          "the signing secret of the Zendesk webhook that reports new and refund-tagged tickets, or \"old,new\" while"
              + " rolling it; unset = no /webhooks/zendesk, Zendesk is only written to"),
      optional(ZendeskTicketSource.TOLERANCE_SECONDS, String.valueOf(ZendeskWebhookSignature.DEFAULT_TOLERANCE.getSeconds()),
          "how many seconds a webhook's signed timestamp stays valid; 0 = no age check"),
      optional(ZendeskTicketSource.REFUND_TAG, ZendeskTicketNormalizer.DEFAULT_REFUND_TAG,
          "the ticket tag (set by an agent or a macro) that asks the bridge to refund the amount in the webhook body"),
      optional(ZendeskTicketSource.DEFAULT_CURRENCY, ZendeskTicketNormalizer.DEFAULT_CURRENCY,
          "the currency of refund_amount when the webhook body gives no refund_currency"));

  @Override
  public String id() {
    return ZendeskTicketNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "Zendesk Support";
  }

  @Override
  public String summary() {
    return "Writes the bridge's notes, tags, fields and new tickets to Zendesk Support, and takes its ticket webhooks"
        + " to enrich new tickets and carry out the refunds agents approve.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
