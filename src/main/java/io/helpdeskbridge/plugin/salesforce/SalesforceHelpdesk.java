package io.helpdeskbridge.plugin.salesforce;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Helpdesk;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskContext;

/**
 * Salesforce Service Cloud (Cases) through Apache Camel's salesforce component. Settings: {@code
 * login-url}, {@code client-id} and the credentials of one OAuth flow (client credentials, password,
 * refresh token or JWT bearer with a key store), {@code api-version}, {@code order-field}, {@code
 * tracking-field}, {@code external-id-field}, {@code tags-field}, {@code fields} (logical field →
 * API name), {@code priorities}, {@code statuses}, {@code types}; see {@code
 * connectors/salesforce.yaml}. Connecting logs in, so bad credentials stop the start-up.
 *
 * @see <a href="https://camel.apache.org/components/4.18.x/salesforce-component.html">Camel Salesforce component</a>
 */
public final class SalesforceHelpdesk implements Helpdesk {
  @Override
  public String id() {
    return "salesforce";
  }

  @Override
  public HelpdeskConnection connect(ConnectorSettings settings, HelpdeskContext context) {
    SalesforceConfig config = SalesforceConfig.from(settings);
    SalesforceConnection connection = new SalesforceConnection(config);
    if (config.caseEventsChannel() != null && context != null) {
      connection.subscribe(new SalesforceCaseEvents(config, context.inbound()));
    }
    return connection;
  }
}
