package io.helpdeskbridge.routes;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.mapping.Mapping;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's route watcher on {@code routes/}, with its reload replaced: the changed files go to a
 * {@link RouteReloader}, which checks each before it touches anything live. Camel's watcher calls
 * back on every file-system event, and editors save in steps (truncate, write, rename), so a file
 * is read only once the folder has been quiet for {@link #QUIET}.
 *
 * <p>Camel's own {@code camel.main.routes-reload-enabled} stays off: its strategy removes every route
 * (the HTTP intake included) before loading, and a file that fails leaves the bridge with none.
 */
public final class RouteFolderWatch extends RouteWatcherReloadStrategy {
  /** How long the folder must be quiet before the changed files are read. */
  public static final Duration QUIET = Duration.ofMillis(300);
  static final String SETTING = "BRIDGE_ROUTES_RELOAD";
  private static final Logger LOG = LoggerFactory.getLogger(RouteFolderWatch.class);

  private final RouteReloader reloader;
  private final Duration quiet;
  private final Set<String> pending = new TreeSet<>();
  private ScheduledExecutorService timer;
  private ScheduledFuture<?> due;

  public RouteFolderWatch(RouteReloader reloader, Duration quiet) {
    super(reloader.folder().toString(), false);
    // as the start-up include pattern (BridgeHome#routesPattern): what is not loaded at start is not watched
    setPattern("*.yaml");
    this.reloader = reloader;
    this.quiet = quiet;
  }

  /**
   * Watches {@code routes/} of the running bridge when the routes come from that folder and
   * {@code BRIDGE_ROUTES_RELOAD} is not {@code false}. The reloader checks against the mappings the
   * bridge loaded at start and the connector files of its home, as {@code validate} does.
   */
  public static void install(Main main, BridgeSettings settings, Map<String, Mapping> mappings) {
    BridgeHome home = settings.home();
    if (!wanted(settings.env(), home)) return;
    main.addMainListener(new MainListenerSupport() {
      @Override
      public void afterStart(BaseMainSupport m) {
        CamelContext context = m.getCamelContext();
        RouteReloader reloader = new RouteReloader(context, home.path().resolve("routes"),
            RouteFileCheck.forBridge(home, mappings), Clock.systemUTC());
        context.getRegistry().bind(RouteReloader.REGISTRY_NAME, reloader);
        try {
          context.addService(new RouteFolderWatch(reloader, QUIET));
        } catch (Exception e) {
          LOG.error("routes reload: cannot watch {}; route changes need a restart", reloader.folder(), e);
        }
      }
    });
  }

  /** {@code BRIDGE_ROUTES_RELOAD}: {@code true} or {@code false}; unset means on when routes/ is a folder of the home. */
  static boolean wanted(Map<String, String> env, BridgeHome home) {
    String value = env.get(SETTING);
    boolean folder = home.hasOwn("routes");
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
      throw new IllegalStateException(SETTING + "=" + value + " is neither true nor false");
    }
    if (v.equals("false")) {
      LOG.info("routes reload: off ({}=false); route changes need a restart", SETTING);
      return false;
    }
    if (!folder) {
      if (v.equals("true")) LOG.warn("routes reload: {}=true, but the routes are the built-in defaults (no {}): nothing to watch",
          SETTING, home.path().resolve("routes"));
      return false;
    }
    return true;
  }

  @Override
  protected void doStart() throws Exception {
    timer = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "RouteReload");
    reloader.snapshot();
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    if (timer != null) {
      getCamelContext().getExecutorServiceManager().shutdownNow(timer);
      timer = null;
    }
  }

  @Override
  protected String startupMessage(File dir) {
    return "routes reload: watching " + dir + " (a changed file is checked first; a broken one is refused"
        + " and the running routes keep running)";
  }

  /** Camel's watcher calls this for each created, modified or deleted file: note it, read it once quiet. */
  @Override
  protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
    if (resources == null) return; // a properties file changed: the bridge's routes read none
    synchronized (this) {
      for (Resource r : resources) pending.add(fileName(r.getLocation()));
      if (due != null) due.cancel(false);
      if (timer != null) due = timer.schedule(this::flush, quiet.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void flush() {
    List<String> batch;
    synchronized (this) {
      batch = List.copyOf(pending);
      pending.clear();
    }
    try {
      reloader.reload(batch);
    } catch (RuntimeException e) {
      LOG.error("routes reload: {} could not be reloaded; the running routes stay as they were", batch, e);
    }
  }

  private static String fileName(String location) {
    String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
    return Path.of(path).getFileName().toString();
  }
}
