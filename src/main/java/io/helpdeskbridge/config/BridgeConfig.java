package io.helpdeskbridge.config;

import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.mapping.MappingLoader;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.yaml.Problem;
import io.helpdeskbridge.yaml.ProblemsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the ops folders say, checked: the enabled source and helpdesk connectors, the
 * mappings, and which helpdesk {@code ticket:default} writes to.
 *
 * <p>A connector of a plugin that is both helpdesk and event source (Zendesk, Salesforce) is a
 * source only when it says how its events arrive: a {@code webhook-secret} ({@code POST
 * /webhooks/<id>}) or a subscription setting ({@link #SUBSCRIPTION_SETTINGS}, e.g. Salesforce's
 * {@code case-events-channel}). A desk used only for writing needs neither. A source whose events
 * come only by subscription gets no development webhook secret: it takes no webhooks.
 */
public record BridgeConfig(
    Plugins plugins,
    List<ConnectorSettings> sources,
    List<ConnectorSettings> helpdesks,
    List<ConnectorSettings> others,
    List<String> disabled,
    Map<String, Mapping> mappings,
    String defaultHelpdesk) {

  /** Settings that make a helpdesk connector a source whose events arrive by subscription, not HTTP. */
  public static final List<String> SUBSCRIPTION_SETTINGS = List.of("case-events-channel");

  public static BridgeConfig load(BridgeSettings settings, Plugins plugins, boolean strictEnv) {
    List<Problem> problems = new ArrayList<>();
    ConnectorLoader.Connectors connectors = null;
    try {
      connectors = new ConnectorLoader(settings.env(), plugins.ids(), strictEnv).checkingSettingsOf(plugins).load(settings.home().files("connectors"));
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
    }
    Map<String, Mapping> mappings = Map.of();
    try {
      mappings = new MappingLoader().load(settings.home().files("mappings"));
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) throw new ProblemsException(problems);
    List<ConnectorSettings> sources = new ArrayList<>();
    List<ConnectorSettings> helpdesks = new ArrayList<>();
    List<ConnectorSettings> others = new ArrayList<>();
    for (ConnectorSettings c : connectors.enabled()) {
      // one connector may be both (Zendesk writes tickets and sends ticket webhooks)
      boolean helpdesk = plugins.helpdesk(c.plugin()).isPresent();
      boolean source = plugins.source(c.plugin()).isPresent();
      // a helpdesk is a source only once its webhook secret or its subscription is set: no development
      // secret, so a desk used only for writing needs nothing new (and BRIDGE_REQUIRE_SECRETS does not stop it)
      if (source && (!helpdesk || c.has("webhook-secret") || subscribed(c))) sources.add(c);
      if (helpdesk) helpdesks.add(c);
      // lookups and refund actions only (NetSuite, the carriers' tracking APIs)
      if (!helpdesk && !source) others.add(c);
    }
    return new BridgeConfig(plugins, sources, helpdesks, others, connectors.disabled(), mappings,
        chooseHelpdesk(settings.helpdesk(), helpdesks));
  }

  /** Whether the connector names a subscription its events arrive through. */
  static boolean subscribed(ConnectorSettings c) {
    return SUBSCRIPTION_SETTINGS.stream().anyMatch(c::has);
  }

  /** BRIDGE_HELPDESK when set; else the first real helpdesk enabled; else the sandbox. */
  static String chooseHelpdesk(String wanted, List<ConnectorSettings> helpdesks) {
    if (wanted != null) {
      for (ConnectorSettings h : helpdesks) if (h.id().equals(wanted) || h.plugin().equals(wanted)) return h.id();
      throw new IllegalStateException("BRIDGE_HELPDESK=" + wanted + " names no enabled helpdesk connector (enabled: "
          + helpdesks.stream().map(ConnectorSettings::id).toList() + ")");
    }
    for (ConnectorSettings h : helpdesks) if (!h.plugin().equals("sandbox")) return h.id();
    for (ConnectorSettings h : helpdesks) return h.id();
    return null;
  }

  /**
   * Fills an empty {@code webhook-secret} of each source with a development secret, telling
   * {@code warn} loudly; or refuses when secrets are required.
   */
  public BridgeConfig withDevSecrets(BridgeSettings settings, Consumer<String> warn) {
    DevSecrets dev = new DevSecrets(settings.home().path());
    List<ConnectorSettings> out = new ArrayList<>();
    for (ConnectorSettings s : sources) {
      String proof = plugins.source(s.plugin()).map(io.helpdeskbridge.spi.EventSource::verifiedBy).orElse("webhook-secret");
      // a secret set, or no webhooks at all: events only through the subscription
      if (s.has(proof) || subscribed(s)) {
        out.add(s);
        continue;
      }
      if (!proof.equals("webhook-secret")) {
        // verified without a shared secret (PayPal: webhook id and certificate): nothing to invent
        if (settings.requireSecrets()) {
          throw new IllegalStateException(s.file() + ": source '" + s.id() + "' has no " + proof + " and BRIDGE_REQUIRE_SECRETS=true");
        }
        warn.accept("source '" + s.id() + "' has no " + proof + " configured: every " + s.plugin()
            + " delivery will be refused until you set it (" + s.file() + ").");
        out.add(s);
        continue;
      }
      if (settings.requireSecrets()) {
        throw new IllegalStateException(s.file() + ": source '" + s.id() + "' has no webhook-secret and BRIDGE_REQUIRE_SECRETS=true");
      }
      Map<String, Object> values = new LinkedHashMap<>(s.values());
      values.put("webhook-secret", dev.getOrCreate(s.id()));
      warn.accept("source '" + s.id() + "' has no webhook secret configured: using a DEVELOPMENT secret kept in "
          + dev.location(s.id()) + ". Real " + s.plugin() + " deliveries will be refused until you set the secret ("
          + s.file() + ").");
      out.add(new ConnectorSettings(s.id(), s.plugin(), s.file(), values));
    }
    return new BridgeConfig(plugins, out, helpdesks, others, disabled, mappings, defaultHelpdesk);
  }

  /** Every enabled connector once, whatever its roles: sources, helpdesks, then the others. */
  public List<ConnectorSettings> connectors() {
    Map<String, ConnectorSettings> all = new LinkedHashMap<>();
    for (List<ConnectorSettings> l : List.of(sources, helpdesks, others)) for (ConnectorSettings c : l) all.putIfAbsent(c.id(), c);
    return List.copyOf(all.values());
  }

  public ConnectorSettings source(String id) {
    return sources.stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no enabled source connector '" + id + "' (enabled: "
            + sources.stream().map(ConnectorSettings::id).toList() + ")"));
  }
}
