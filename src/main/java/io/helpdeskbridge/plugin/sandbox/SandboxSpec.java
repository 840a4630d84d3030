package io.helpdeskbridge.plugin.sandbox;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/sandbox.yaml}. */
public final class SandboxSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      optional("auto-create-tickets", "true",
          "act as if every order's customer had already opened a ticket, so that sample events land somewhere"));

  @Override
  public String id() {
    return "sandbox";
  }

  @Override
  public String title() {
    return "Sandbox (built-in test helpdesk)";
  }

  @Override
  public String summary() {
    return "Keeps tickets in the bridge's own store and prints every change in the log, for demos and dry runs when"
        + " no real helpdesk is configured.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
