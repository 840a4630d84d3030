package io.helpdeskbridge.config;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.yaml.Problem;
import io.helpdeskbridge.yaml.ProblemsException;
import io.helpdeskbridge.yaml.YNode;
import io.helpdeskbridge.yaml.YamlFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code connectors/*.yaml}: one connector instance per file, {@code id} equal to the file
 * name, a known {@code plugin}, its {@code settings} with {@code ${env:...}} resolved. A connector
 * with {@code enabled-when-set: VAR} is switched off (not an error) while VAR is unset.
 */
public final class ConnectorLoader {

  /** Enabled connectors, and the ids of the ones switched off. */
  public record Connectors(List<ConnectorSettings> enabled, List<String> disabled) {}

  private static final Set<String> TOP_KEYS = Set.of("id", "plugin", "enabled-when-set", "description", "settings");

  private final EnvReferences env;
  private final Set<String> knownPlugins;
  private final boolean reportMissingEnv;
  /** Plugin id → the settings its spec and roles allow; a plugin without a spec is not checked. */
  private Map<String, Set<String>> declaredSettings = Map.of();

  /**
   * @param reportMissingEnv false for checks of the files alone ({@code validate} without {@code
   *     --env}): an unset variable is then a deployment matter, not a problem of the file
   */
  public ConnectorLoader(Map<String, String> env, Set<String> knownPlugins, boolean reportMissingEnv) {
    this.env = new EnvReferences(env);
    this.knownPlugins = knownPlugins;
    this.reportMissingEnv = reportMissingEnv;
  }

  /** Also refuses settings the plugins do not declare (typos), naming the file, line and key. */
  public ConnectorLoader checkingSettingsOf(Plugins plugins) {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    plugins.specs().forEach((id, spec) -> {
      Set<String> keys = new java.util.TreeSet<>();
      spec.settings().forEach(s -> keys.add(s.key()));
      EngineSettings.of(plugins.roles(id)).forEach(s -> keys.add(s.key()));
      out.put(id, keys);
    });
    this.declaredSettings = out;
    return this;
  }

  /** Loads all files; throws {@link ProblemsException} listing every problem in every file. */
  public Connectors load(List<BridgeHome.ConfigFile> files) {
    List<Problem> problems = new ArrayList<>();
    List<ConnectorSettings> enabled = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    for (BridgeHome.ConfigFile f : files) {
      try {
        ConnectorSettings s = loadOne(f, problems);
        if (s == null) continue;
        if (s.plugin() == null) disabled.add(s.id());
        else enabled.add(s);
      } catch (ProblemsException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new ProblemsException(problems);
    return new Connectors(enabled, disabled);
  }

  /** Returns null on problems; a settings object with a null plugin means "disabled". */
  private ConnectorSettings loadOne(BridgeHome.ConfigFile f, List<Problem> problems) {
    YNode root = YamlFiles.parse(f.location(), f.text());
    if (!root.isMap()) {
      problems.add(root.problem("a connector file is a mapping with id, plugin and settings"));
      return null;
    }
    int before = problems.size();
    root.keys().forEach((k, node) -> {
      if (!TOP_KEYS.contains(k)) problems.add(node.problem("unknown key '" + k + "' (allowed: " + String.join(", ", sorted(TOP_KEYS)) + ")"));
    });
    String stem = f.name().replaceFirst("\\.ya?ml$", "");
    String id = root.get("id").map(YNode::scalar).orElse(null);
    if (id == null) problems.add(root.problem("missing key 'id' (it must equal the file name: " + stem + ")"));
    else if (!id.equals(stem)) problems.add(root.get("id").get().problem("id '" + id + "' must equal the file name '" + stem + "'"));
    String plugin = root.get("plugin").map(YNode::scalar).orElse(null);
    if (plugin == null) problems.add(root.problem("missing key 'plugin' (one of: " + String.join(", ", sorted(knownPlugins)) + ")"));
    else if (!knownPlugins.contains(plugin)) {
      problems.add(root.get("plugin").get().problem("unknown plugin '" + plugin + "' (known: " + String.join(", ", sorted(knownPlugins)) + ")"));
    }
    YNode settings = root.get("settings").orElse(null);
    if (settings != null && !settings.isMap() && (settings.isList() || settings.toJava() != null)) {
      problems.add(settings.problem("'settings' must be a mapping of key: value"));
    }
    Set<String> declared = plugin == null ? null : declaredSettings.get(plugin);
    if (declared != null && settings != null && settings.isMap()) {
      settings.keys().forEach((k, node) -> {
        if (!declared.contains(k)) {
          String near = Spelling.nearest(k, declared);
          problems.add(node.problem("unknown setting '" + k + "' for plugin '" + plugin + "'"
              + (near == null ? "" : " (did you mean '" + near + "'?)") + "; known: " + String.join(", ", declared)));
        }
      });
    }
    YNode gateNode = root.get("enabled-when-set").orElse(null);
    if (gateNode != null && (!gateNode.isScalar() || gateNode.scalar() == null || !gateNode.scalar().matches("[A-Za-z_][A-Za-z0-9_]*"))) {
      problems.add(gateNode.problem("'enabled-when-set' must be the name of one environment variable"));
    }
    if (problems.size() > before) return null;

    String gate = root.get("enabled-when-set").map(YNode::scalar).orElse(null);
    if (gate != null && !env.isSet(gate)) return new ConnectorSettings(id, null, f.location(), Map.of());

    Map<String, Object> values = new LinkedHashMap<>();
    if (settings != null && settings.isMap()) {
      settings.keys().forEach((k, keyNode) -> values.put(k, resolve(settings.get(k).get(), "settings." + k, problems)));
    }
    return problems.size() > before ? null : new ConnectorSettings(id, plugin, f.location(), values);
  }

  private Object resolve(YNode node, String path, List<Problem> problems) {
    if (node.isScalar()) {
      Object raw = node.toJava();
      if (raw == null) return null;
      if (raw.toString().contains("${env:") && !EnvReferences.wellFormed(raw.toString())) {
        problems.add(node.problem("malformed reference in " + path + ": use ${env:NAME} or ${env:NAME:-default}"));
        return null;
      }
      return env.resolve(raw.toString(), name -> {
        if (reportMissingEnv) {
          problems.add(node.problem("environment variable " + name + " is not set (needed by " + path + ")"));
        }
      });
    }
    if (node.isList()) {
      List<Object> out = new ArrayList<>();
      List<YNode> items = node.items();
      for (int i = 0; i < items.size(); i++) out.add(resolve(items.get(i), path + "[" + i + "]", problems));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    node.keys().forEach((k, kn) -> out.put(k, resolve(node.get(k).get(), path + "." + k, problems)));
    return out;
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
