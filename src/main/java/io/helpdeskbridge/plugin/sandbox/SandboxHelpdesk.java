package io.helpdeskbridge.plugin.sandbox;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Helpdesk;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskContext;

/**
 * A helpdesk inside the bridge: tickets live in the store's own tables and every change is printed
 * in the log. Used when no real helpdesk is configured, for demos and for dry runs. With {@code
 * auto-create-tickets: true} every order already "has" a customer ticket, the way a real desk would
 * after the customer wrote in, so a first sample event visibly lands somewhere.
 */
public final class SandboxHelpdesk implements Helpdesk {
  @Override
  public String id() {
    return "sandbox";
  }

  @Override
  public HelpdeskConnection connect(ConnectorSettings settings, HelpdeskContext context) {
    boolean autoCreate = Boolean.parseBoolean(settings.string("auto-create-tickets", "true"));
    return new SandboxConnection(settings.id(), context.dataSource(), autoCreate);
  }
}
