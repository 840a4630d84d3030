package io.helpdeskbridge.plugin.servicenow;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Helpdesk;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskContext;
import io.helpdeskbridge.spi.RateSignal;

/** ServiceNow (CSM cases or incidents) over the Table API; plugin id {@code servicenow}. */
public final class ServiceNowHelpdesk implements Helpdesk {

  @Override
  public String id() {
    return "servicenow";
  }

  @Override
  public HelpdeskConnection connect(ConnectorSettings settings, HelpdeskContext context) {
    return new ServiceNowConnection(ServiceNowConfig.from(settings), context == null ? RateSignal.NONE : context.rates());
  }
}
