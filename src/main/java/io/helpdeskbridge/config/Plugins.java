package io.helpdeskbridge.config;

import io.helpdeskbridge.spi.ConnectorSpec;
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
  private final Map<String, ConnectorSpec> specs = new LinkedHashMap<>();

  /** What a plugin does for the bridge; a plugin may play several roles under its one id. */
  public enum Role { SOURCE, HELPDESK, LOOKUP, REFUND }

  public static Plugins discover() {
    Plugins p = new Plugins();
    for (EventSource s : ServiceLoader.load(EventSource.class)) p.register(p.sources, s.id(), s);
    for (Helpdesk h : ServiceLoader.load(Helpdesk.class)) p.register(p.helpdesks, h.id(), h);
    // a vendor's package may offer several roles under its one id (Zendesk: helpdesk and webhook source)
    for (Lookup l : ServiceLoader.load(Lookup.class)) p.register(p.lookups, l.id(), l);
    for (RefundAction r : ServiceLoader.load(RefundAction.class)) p.register(p.refunds, r.id(), r);
    for (ConnectorSpec c : ServiceLoader.load(ConnectorSpec.class)) p.register(p.specs, c.id(), c);
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

  /** Every plugin id of any role: what a connector file's {@code plugin:} may name. */
  public Set<String> ids() {
    Set<String> all = new TreeSet<>(sources.keySet());
    all.addAll(helpdesks.keySet());
    all.addAll(lookups.keySet());
    all.addAll(refunds.keySet());
    return all;
  }

  /** The roles the plugin of this id plays, in the enum's order. */
  public java.util.EnumSet<Role> roles(String id) {
    java.util.EnumSet<Role> out = java.util.EnumSet.noneOf(Role.class);
    if (sources.containsKey(id)) out.add(Role.SOURCE);
    if (helpdesks.containsKey(id)) out.add(Role.HELPDESK);
    if (lookups.containsKey(id)) out.add(Role.LOOKUP);
    if (refunds.containsKey(id)) out.add(Role.REFUND);
    return out;
  }

  public Optional<ConnectorSpec> spec(String id) {
    return Optional.ofNullable(specs.get(id));
  }

  public Map<String, ConnectorSpec> specs() {
    return specs;
  }
}
