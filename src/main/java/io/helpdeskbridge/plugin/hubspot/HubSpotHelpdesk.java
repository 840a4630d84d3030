package io.helpdeskbridge.plugin.hubspot;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Helpdesk;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskContext;
import io.helpdeskbridge.spi.RateSignal;
import java.time.Clock;

/**
 * HubSpot Service Hub tickets through the CRM v3 objects API with a private app access token, with
 * the JDK's HTTP client and Jackson (no vendor SDK). Settings: see {@link HubSpotConfig}.
 *
 * @see <a href="https://developers.hubspot.com/docs/api/crm/tickets">CRM tickets</a>
 */
public final class HubSpotHelpdesk implements Helpdesk {
  @Override
  public String id() {
    return "hubspot";
  }

  @Override
  public HelpdeskConnection connect(ConnectorSettings settings, HelpdeskContext context) {
    // the same connector takes ticket webhooks once it has their secret: without the URL they are
    // signed for, every delivery would be refused, so the start says so instead
    if (settings.has(HubSpotTicketSource.WEBHOOK_SECRET)) HubSpotTicketSource.webhookUrl(settings);
    return new HubSpotConnection(HubSpotConfig.from(settings), Clock.systemUTC(),
        context == null ? RateSignal.NONE : context.rates());
  }
}
