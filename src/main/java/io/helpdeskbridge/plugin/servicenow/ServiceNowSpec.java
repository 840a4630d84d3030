package io.helpdeskbridge.plugin.servicenow;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/servicenow.yaml}: cases or incidents through the Table API. */
public final class ServiceNowSpec implements ConnectorSpec {
  @Override
  public String id() {
    return "servicenow";
  }

  @Override
  public String title() {
    return "ServiceNow";
  }

  @Override
  public String summary() {
    return "Writes work notes, fields, priority and state on Customer Service cases or incidents through the Table API.";
  }

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.required("url", "the instance, https://acme.service-now.com (any http(s) URL)"),
        Setting.optional("table", "sn_customerservice_case", "the table written to: sn_customerservice_case, incident or"
            + " another task table"),
        Setting.optional("username", null, "the integration user (HTTP Basic); needed unless oauth-token is set"),
        Setting.secret("password", "the integration user's password; needed unless oauth-token is set"),
        Setting.secret("oauth-token", "an OAuth access token, sent as Bearer; wins over username and password"),
        Setting.optional("fields", null, "logical field (order_id, tracking_number, order_status, shipment_status,"
            + " external_id, bridge_key) -> column name; blank = not written and not searched; external_id is the"
            + " correlation column"),
        Setting.optional("states", null, "mapping status -> the table's state value; a status without one is ignored (one WARN)"),
        Setting.optional("tags-field", null, "a comma-separated text column that holds the mappings' tags; blank = tags ignored"),
        Setting.optional("parent-field", null, "the reference column linking a record to its problem (parent, problem_id);"
            + " blank = ticket type and problem link ignored"),
        Setting.optional("connect-timeout-ms", "5000", "connect timeout of API calls"),
        Setting.optional("request-timeout-ms", "30000", "timeout of one API call"));
  }
}
