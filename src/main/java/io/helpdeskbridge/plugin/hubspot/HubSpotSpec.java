package io.helpdeskbridge.plugin.hubspot;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/hubspot.yaml}: the helpdesk (CRM v3 tickets) and its ticket webhooks. */
public final class HubSpotSpec implements ConnectorSpec {
  @Override
  public String id() {
    return "hubspot";
  }

  @Override
  public String title() {
    return "HubSpot Service Hub";
  }

  @Override
  public String summary() {
    return "Writes notes and ticket properties through the CRM v3 API, and enriches new tickets announced by HubSpot's"
        + " v3-signed ticket webhooks.";
  }

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.requiredSecret("access-token", "a private app's access token (scope tickets), sent as Authorization: Bearer"),
        Setting.optional("api-base", "https://api.hubapi.com", "HubSpot's API base URL"),
        Setting.optional("fields", null, "logical field (order_id, external_id, tracking_number, order_status, shipment_status,"
            + " bridge_key) -> the ticket property's internal name; blank = not written and not searched. order_id also names"
            + " the property whose ticket.propertyChange webhooks ask for enrichment"),
        Setting.optional("tags-property", null, "a multiple-checkboxes or text ticket property that holds the mappings' tags,"
            + " ';'-separated and merged; blank = tags ignored (one WARN)"),
        Setting.optional("pipeline", "0", "the pipeline id of tickets the bridge creates"),
        Setting.optional("new-stage", "1", "the pipeline stage id of tickets the bridge creates"),
        Setting.optional("stages", null, "mapping status -> pipeline stage id (hs_pipeline_stage); a status without one is"
            + " ignored (one WARN)"),
        Setting.optional("rate-limit-delay-seconds", "10", "the wait after a 429 that names no Retry-After"),
        Setting.optional("connect-timeout-ms", "5000", "connect timeout of API calls"),
        Setting.optional("request-timeout-ms", "30000", "timeout of one API call"),
        Setting.secret("webhook-secret", "the app's client secret, which signs its webhooks (X-HubSpot-Signature-v3); old,new"
            + " while rotating; switches POST /webhooks/hubspot on"),
        Setting.optional("webhook-url", null, "the webhook target URL set in the HubSpot app, exactly as HubSpot calls it (the"
            + " public URL, also behind a proxy): the v3 signature covers it; required with webhook-secret"));
  }
}
