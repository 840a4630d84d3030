package io.helpdeskbridge.plugin.zendesk;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Helpdesk;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskContext;

/**
 * Zendesk Support through the Zendesk Java client (cloudbees-oss). Settings: {@code url}, {@code
 * email}, {@code api-token}, {@code fields} (logical field → custom field id), timeouts.
 *
 * @see <a href="https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/">Tickets API</a>
 */
public final class ZendeskHelpdesk implements Helpdesk {
  @Override
  public String id() {
    return "zendesk";
  }

  @Override
  public HelpdeskConnection connect(ConnectorSettings settings, HelpdeskContext context) {
    return new ZendeskConnection(ZendeskConfig.from(settings),
        context == null ? io.helpdeskbridge.spi.RateSignal.NONE : context.rates());
  }
}
