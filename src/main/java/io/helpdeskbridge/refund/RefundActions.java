package io.helpdeskbridge.refund;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.RefundAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The refund actions the enabled connectors offer, by connector id ({@code refund:stripe}). */
public final class RefundActions {

  /** One connector's action with its settings. */
  public record Bound(String connectorId, RefundAction action, ConnectorSettings settings) {}

  private final Map<String, Bound> byConnector = new LinkedHashMap<>();

  public void add(Bound b) {
    byConnector.put(b.connectorId(), b);
  }

  public Optional<Bound> get(String connectorId) {
    return Optional.ofNullable(byConnector.get(connectorId));
  }

  public java.util.Set<String> ids() {
    return byConnector.keySet();
  }
}
