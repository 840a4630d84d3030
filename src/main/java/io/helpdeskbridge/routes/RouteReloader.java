package io.helpdeskbridge.routes;

import io.helpdeskbridge.yaml.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.EventHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the running routes in line with the files of {@code routes/}, one file at a time, and
 * only with files that pass {@link RouteFileCheck}. A changed file that passes replaces the routes
 * it gave before (a route it no longer has is removed, a new one added); a deleted file takes its
 * routes with it; a file with problems is refused, logged as ERROR with each {@code file:line:
 * problem}, and the routes that ran before run on untouched. Route ids stay unique across the
 * folder and against the bridge's own routes.
 *
 * <p>Unlike Camel's stock {@code RouteWatcherReloadStrategy}, which first removes every route of the
 * context (the bridge's HTTP intake too) and leaves none running when the new file fails to load,
 * nothing live is touched before the file passed. Should Camel still refuse the checked file (a
 * helpdesk the dry run knew but the bridge has not enabled), the file's previous routes are put back.
 *
 * <p>The outcome of each file is kept ({@link #last()}, {@link #history()}, {@link #refused()}) for
 * the ops console; the reloader is bound in Camel's registry as {@value #REGISTRY_NAME}.
 */
public final class RouteReloader {
  public static final String REGISTRY_NAME = "routeReloader";
  private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);
  private static final int HISTORY = 50;

  private final CamelContext context;
  private final Path folder;
  private final RouteFileCheck check;
  private final Clock clock;
  /** Each file's text whose routes run now: what a changed file is checked against. */
  private final Map<String, String> applied = new TreeMap<>();
  private final Map<String, ReloadStatus> latest = new TreeMap<>();
  private final Deque<ReloadStatus> history = new ArrayDeque<>();

  public RouteReloader(CamelContext context, Path folder, RouteFileCheck check, Clock clock) {
    this.context = context;
    this.folder = folder.toAbsolutePath().normalize();
    this.check = check;
    this.clock = clock;
  }

  public Path folder() {
    return folder;
  }

  /** Takes the files as they are now as what runs: call once Camel has loaded them at start. */
  public synchronized void snapshot() {
    applied.clear();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.filter(RouteReloader::isRouteFile).toList()) {
        applied.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOG.warn("routes reload: cannot read {}: {}", folder, e.getMessage());
    }
  }

  /** Whether the watch and the start-up load both take this file: {@code *.yaml}, as the include pattern. */
  static boolean isRouteFile(Path p) {
    return p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p);
  }

  /**
   * Checks and applies the named files of the folder as they are on disk now, and logs what became
   * of each. Files of one batch are retried while any of them applied, so a route moved from one
   * file to another is accepted in either order.
   */
  public synchronized List<ReloadStatus> reload(Collection<String> names) {
    List<String> todo = new ArrayList<>(new TreeSet<>(names));
    Map<String, ReloadStatus> outcomes = new LinkedHashMap<>();
    boolean progress = true;
    while (progress && !todo.isEmpty()) {
      progress = false;
      for (Iterator<String> it = todo.iterator(); it.hasNext(); ) {
        String name = it.next();
        ReloadStatus s = reloadOne(name);
        if (s == null) {
          it.remove();
          continue;
        }
        outcomes.put(name, s);
        if (!s.refused()) {
          it.remove();
          progress |= s.outcome() != ReloadStatus.Outcome.UNCHANGED;
        }
      }
    }
    outcomes.forEach((name, s) -> record(name, s));
    return List.copyOf(outcomes.values());
  }

  private ReloadStatus reloadOne(String name) {
    Path path = folder.resolve(name).normalize();
    String file = path.toString();
    List<String> running = runningIds(path);
    String before = applied.get(name);
    String text;
    try {
      text = Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return status(file, ReloadStatus.Outcome.REFUSED, running, List.of(new Problem(file, 1, "cannot read the file: " + e)));
    }
    if (text == null) {
      if (before == null && running.isEmpty()) {
        // a file that never ran (say, refused and then deleted): only worth a line if it was reported
        return latest.containsKey(name) ? status(file, ReloadStatus.Outcome.REMOVED, running, List.of()) : null;
      }
      try {
        remove(running);
      } catch (Exception e) {
        return status(file, ReloadStatus.Outcome.REFUSED, runningIds(path),
            List.of(new Problem(file, 1, "the file is gone but its routes could not be removed: " + e.getMessage())));
      }
      applied.remove(name);
      return status(file, ReloadStatus.Outcome.REMOVED, running, List.of());
    }
    if (text.equals(before)) return status(file, ReloadStatus.Outcome.UNCHANGED, running, List.of());

    Map<String, String> others = new LinkedHashMap<>();
    applied.forEach((n, t) -> {
      if (!n.equals(name)) others.put(folder.resolve(n).toString(), t);
    });
    RouteFileCheck.Result checked = check.check(file, text, others);
    List<Problem> problems = new ArrayList<>(checked.problems());
    if (problems.isEmpty()) problems.addAll(clashes(path, text, checked.routeIds()));
    if (!problems.isEmpty()) return status(file, ReloadStatus.Outcome.REFUSED, running, problems);
    return apply(name, path, text, before, running);
  }

  /** Replaces the file's routes: the old ones stop and go first, as a route's endpoint takes one consumer. */
  private ReloadStatus apply(String name, Path path, String text, String before, List<String> running) {
    String file = path.toString();
    try {
      remove(running);
      PluginHelper.getRoutesLoader(context).updateRoutes(List.of(resource(path, text)));
      applied.put(name, text);
      List<String> ids = runningIds(path);
      // as Camel's own reload does, so event notifiers (metrics, the console) hear of it
      for (int i = 0; i < ids.size(); i++) EventHelper.notifyRouteReloaded(context, context.getRoute(ids.get(i)), i + 1, ids.size());
      return status(file, ReloadStatus.Outcome.APPLIED, ids, List.of());
    } catch (Exception e) {
      Problem problem = RouteHarness.problem(file, text, e);
      List<Problem> problems = new ArrayList<>(List.of(problem));
      try {
        remove(runningIds(path));
        if (before != null) PluginHelper.getRoutesLoader(context).updateRoutes(List.of(resource(path, before)));
      } catch (Exception restore) {
        // nothing of the file runs now: saving the previous version again must apply it, not be "unchanged"
        applied.remove(name);
        problems.add(new Problem(file, 1, "its previous routes could not be put back either: " + restore.getMessage()));
      }
      return status(file, ReloadStatus.Outcome.REFUSED, runningIds(path), problems);
    }
  }

  /** The resource as Camel's start-up load names it, so the routes are known as this file's afterwards. */
  private static Resource resource(Path path, String text) {
    return ResourceHelper.fromString("file:" + path, text);
  }

  /** A route id the file gives that another file, or the bridge itself, already runs. */
  private List<Problem> clashes(Path path, String text, List<String> ids) {
    List<Problem> out = new ArrayList<>();
    for (String id : ids) {
      Route other = context.getRoute(id);
      if (other == null || path.equals(sourceOf(other))) continue;
      Path owner = sourceOf(other);
      out.add(new Problem(path.toString(), RouteHarness.lineOfId(text, id), "route id '" + id + "' is already taken by "
          + (owner == null ? "a route of the bridge itself" : owner) + "; route ids must be unique"));
    }
    return out;
  }

  private void remove(List<String> ids) throws Exception {
    for (String id : ids) {
      context.getRouteController().stopRoute(id);
      context.removeRoute(id);
    }
  }

  /** The routes running from this file, in the order Camel has them. */
  List<String> runningIds(Path path) {
    return context.getRoutes().stream().filter(r -> path.equals(sourceOf(r))).map(Route::getRouteId).toList();
  }

  /** The file a route was loaded from, or null for the bridge's own (Java) routes. */
  static Path sourceOf(Route route) {
    Resource rs = route.getSourceResource();
    String location = rs == null ? null : rs.getLocation();
    if (location == null || !location.startsWith("file:")) return null;
    return Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
  }

  private ReloadStatus status(String file, ReloadStatus.Outcome outcome, List<String> ids, List<Problem> problems) {
    return new ReloadStatus(file, clock.instant(), outcome, ids, problems);
  }

  private void record(String name, ReloadStatus s) {
    if (s.refused()) LOG.error("routes reload: {}", s.describe());
    else LOG.info("routes reload: {}", s.describe());
    if (s.outcome() == ReloadStatus.Outcome.REMOVED) latest.remove(name);
    else latest.put(name, s);
    history.addLast(s);
    while (history.size() > HISTORY) history.removeFirst();
  }

  /** The most recent outcome, if any file changed since start. */
  public synchronized Optional<ReloadStatus> last() {
    return Optional.ofNullable(history.peekLast());
  }

  /** The recent outcomes, oldest first (at most the last 50). */
  public synchronized List<ReloadStatus> history() {
    return List.copyOf(history);
  }

  /** The files whose version on disk was refused and does not run: the older version runs instead. */
  public synchronized List<ReloadStatus> refused() {
    return latest.values().stream().filter(ReloadStatus::refused).toList();
  }
}
