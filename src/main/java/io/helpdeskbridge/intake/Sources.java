package io.helpdeskbridge.intake;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The enabled webhook sources by connector id ({@code /webhooks/<id>}), each with its plugin. */
public final class Sources {

  /** One source connector. */
  public record Source(String id, EventSource plugin, ConnectorSettings settings) {}

  private final Map<String, Source> byId = new LinkedHashMap<>();

  public void add(Source s) {
    byId.put(s.id(), s);
  }

  public Optional<Source> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Map<String, Source> all() {
    return byId;
  }
}
