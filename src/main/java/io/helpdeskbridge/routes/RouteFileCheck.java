package io.helpdeskbridge.routes;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.sweep.StaleShipmentSource;
import io.helpdeskbridge.ticket.DryRunSink;
import io.helpdeskbridge.yaml.Problem;
import io.helpdeskbridge.yaml.ProblemsException;
import io.helpdeskbridge.yaml.YamlFiles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The checks of {@code validate} for one route file that changed while the bridge runs: the YAML
 * parses (a syntax error names its line), then the file's routes load and start in a throwaway
 * {@link RouteHarness} with dry components, after the other route files as they run now. So an
 * unknown mapping, helpdesk or source, a second route on the same {@code webhook:} or {@code direct:}
 * endpoint, or a step Camel cannot build is found before anything live is touched.
 */
public final class RouteFileCheck {

  /** The problems of the file (none: it may be applied) and the route ids it gives. */
  public record Result(List<Problem> problems, List<String> routeIds) {
    public Result {
      problems = List.copyOf(problems);
      routeIds = List.copyOf(routeIds);
    }
  }

  private final Supplier<RouteHarness> harnesses;

  public RouteFileCheck(Supplier<RouteHarness> harnesses) {
    this.harnesses = harnesses;
  }

  /**
   * Checks as {@code validate} does, against what the running bridge knows: its mappings (loaded
   * at start) and the connector files of its home.
   */
  public static RouteFileCheck forBridge(BridgeHome home, Map<String, Mapping> mappings) {
    Set<String> connectorIds = new TreeSet<>();
    home.files("connectors").forEach(f -> connectorIds.add(f.name().replaceFirst("\\.ya?ml$", "")));
    return new RouteFileCheck(() -> new RouteHarness(new DryRunSink(mappings, connectorIds),
        id -> connectorIds.contains(id) || id.equals(StaleShipmentSource.ID), mappings));
  }

  /**
   * @param file the file's name in messages (its path)
   * @param others the other route files as they run now, name to text
   */
  public Result check(String file, String text, Map<String, String> others) {
    try {
      YamlFiles.parse(file, text);
    } catch (ProblemsException e) {
      return new Result(e.problems(), List.of());
    }
    try (RouteHarness harness = harnesses.get()) {
      // what runs now loads first, so a clash is blamed on the changed file
      others.forEach(harness::load);
      List<Problem> problems = harness.load(file, text).map(List::of).orElse(List.of());
      return new Result(problems, harness.routeIds(file));
    }
  }
}
