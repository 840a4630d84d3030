package io.helpdeskbridge.plugin.freshdesk;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Helpdesk;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskContext;
import java.time.Clock;

/**
 * Freshdesk through its REST API v2, with the JDK's HTTP client and Jackson (no vendor SDK).
 * Settings: {@code url}, {@code api-key}, {@code fields} (logical field → Freshdesk custom field
 * name, {@code cf_…}), {@code default-requester}, {@code types}, {@code statuses}, timeouts; see
 * {@link FreshdeskConfig}.
 *
 * @see <a href="https://developers.freshdesk.com/api/">Freshdesk API v2</a>
 */
public final class FreshdeskHelpdesk implements Helpdesk {
  @Override
  public String id() {
    return "freshdesk";
  }

  @Override
  public HelpdeskConnection connect(ConnectorSettings settings, HelpdeskContext context) {
    return new FreshdeskConnection(FreshdeskConfig.from(settings), Clock.systemUTC(),
        context == null ? io.helpdeskbridge.spi.RateSignal.NONE : context.rates());
  }
}
