package io.helpdeskbridge.cli;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.mapping.MappingLoader;
import io.helpdeskbridge.routes.RouteHarness;
import io.helpdeskbridge.ticket.DryRunSink;
import io.helpdeskbridge.yaml.Problem;
import io.helpdeskbridge.yaml.ProblemsException;
import io.helpdeskbridge.yaml.YamlFiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks every file in routes/, connectors/ and mappings/ and prints each problem as {@code
 * file:line: message}. Routes are really loaded into Camel (with the bridge's components), so an
 * unknown mapping or source in a URI is caught here, not at start-up.
 */
@Command(name = "validate", description = "Check every YAML file in routes/, connectors/, mappings/; exit 0 only when all are valid.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--env", description = "Also require every ${env:...} variable of the enabled connectors to be set.")
  boolean env;

  @Override
  public Integer call() {
    BridgeSettings settings = BridgeSettings.from(System.getenv());
    BridgeHome home = settings.home();
    Plugins plugins = Plugins.discover();
    List<Problem> problems = new ArrayList<>();

    List<BridgeHome.ConfigFile> connectorFiles = home.files("connectors");
    try {
      new ConnectorLoader(settings.env(), plugins.ids(), env).checkingSettingsOf(plugins).load(connectorFiles);
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
    }
    Set<String> connectorIds = new TreeSet<>();
    connectorFiles.forEach(f -> connectorIds.add(f.name().replaceFirst("\\.ya?ml$", "")));

    List<BridgeHome.ConfigFile> mappingFiles = home.files("mappings");
    Map<String, Mapping> mappings = new LinkedHashMap<>();
    try {
      mappings.putAll(new MappingLoader().load(mappingFiles));
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
      // check routes against the mapping files that exist, so one bad mapping is not reported twice
      for (BridgeHome.ConfigFile f : mappingFiles) mappings.put(f.name().replaceFirst("\\.ya?ml$", ""), null);
    }

    List<BridgeHome.ConfigFile> routeFiles = home.files("routes");
    try (RouteHarness harness = new RouteHarness(new DryRunSink(mappings, connectorIds),
        id -> connectorIds.contains(id) || id.equals(io.helpdeskbridge.sweep.StaleShipmentSource.ID), mappings)) {
      for (BridgeHome.ConfigFile f : routeFiles) {
        try {
          YamlFiles.parse(f.location(), f.text());
        } catch (ProblemsException e) {
          problems.addAll(e.problems());
          continue;
        }
        harness.load(f.location(), f.text()).ifPresent(problems::add);
      }
    }

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
    problems.forEach(err::println);
    err.flush();
    if (!problems.isEmpty()) {
      err.println(problems.size() + " problem(s) found");
      err.flush();
      return 1;
    }
    out.printf("OK: %d route file(s) from %s, %d connector(s) from %s, %d mapping(s) from %s%n",
        routeFiles.size(), home.describe("routes"), connectorFiles.size(), home.describe("connectors"),
        mappingFiles.size(), home.describe("mappings"));
    out.flush();
    return 0;
  }
}
