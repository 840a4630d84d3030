package io.helpdeskbridge.plugin.freshdesk;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.required;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/freshdesk.yaml}, as {@link FreshdeskConfig} reads them. */
public final class FreshdeskSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      required("url", "the account's base URL, such as https://acme.freshdesk.com (/api/v2 may be added or left out)"),
      requiredSecret("api-key", "the API key of the agent the bridge writes as (profile picture > Profile settings > View API key)"),
      optional("fields", null,
          "logical fields of the mappings (order_id, tracking_number, order_status, shipment_status, and bridge_key for"
              + " idempotent creates) → custom ticket field API names (cf_…); blank = neither written nor searched"),
      optional("default-requester", null,
          "the requester email of created tickets when the event carries no customer email (Freshdesk needs one)"),
      optional("types", null,
          "ticket types of the mappings → this account's Freshdesk ticket types; unmapped types are left out"),
      optional("statuses", "new: 2, open: 2, pending: 3, hold: 3, solved: 4",
          "statuses of the mappings → Freshdesk status codes (2 Open, 3 Pending, 4 Resolved, 5 Closed, or a custom"
              + " status of the account)"),
      optional("connect-timeout-ms", "5000", "how long to wait for a connection to Freshdesk, in milliseconds"),
      optional("request-timeout-ms", "30000", "how long to wait for Freshdesk's answer to one request, in milliseconds"));

  @Override
  public String id() {
    return "freshdesk";
  }

  @Override
  public String title() {
    return "Freshdesk";
  }

  @Override
  public String summary() {
    return "Writes the bridge's private notes, tags, fields, priority and status to Freshdesk tickets (API v2), and"
        + " creates tickets.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
