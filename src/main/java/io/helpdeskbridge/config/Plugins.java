package io.helpdeskbridge.config;

import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.Helpdesk;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.RefundAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** The plugins on the classpath, found through {@link ServiceLoader}, by id. */
public final class Plugins {
  private final Map<String, EventSource> sources = new LinkedHashMap<>();
  private final Map<String, Helpdesk> helpdesks = new LinkedHashMap<>();
  private final Map<String, Lookup> lookups = new LinkedHashMap<>();
  private final Map<String, RefundAction> refunds = new LinkedHashMap<>();

  public static Plugins discover() {
    Plugins p = new Plugins();
    for (EventSource s : ServiceLoader.load(EventSource.class)) p.register(p.sources, s.id(), s);
    for (Helpdesk h : ServiceLoader.load(Helpdesk.class)) p.register(p.helpdesks, h.id(), h);
    // a vendor's package may offer several roles under its one id (Zendesk: helpdesk and webhook source)
    for (Lookup l : ServiceLoader.load(Lookup.class)) p.register(p.lookups, l.id(), l);
    for (RefundAction r : ServiceLoader.load(RefundAction.class)) p.register(p.refunds, r.id(), r);
    return p;
  }

  private static <T> void register(Map<String, T> into, String id, T plugin) {
    if (into.containsKey(id)) throw new IllegalStateException("two plugins claim the id '" + id + "'");
    into.put(id, plugin);
  }

  public Optional<Lookup> lookup(String id) {
    return Optional.ofNullable(lookups.get(id));
  }

  public Map<String, Lookup> lookups() {
    return lookups;
  }

  public Optional<RefundAction> refund(String id) {
    return Optional.ofNullable(refunds.get(id));
  }

  public Optional<EventSource> source(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  public Optional<Helpdesk> helpdesk(String id) {
    return Optional.ofNullable(helpdesks.get(id));
  }

  public Map<String, EventSource> sources() {
    return sources;
  }

  public Map<String, Helpdesk> helpdesks() {
    return helpdesks;
  }

  public Set<String> ids() {
    Set<String> all = new TreeSet<>(sources.keySet());
    all.addAll(helpdesks.keySet());
    return all;
  }
}
