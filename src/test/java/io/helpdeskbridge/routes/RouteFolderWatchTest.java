package io.helpdeskbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.routes.ReloadStatus.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camel's watcher on a real folder, feeding the reloader once the folder is quiet. */
class RouteFolderWatchTest {
  @TempDir Path home;
  LiveRoutes live;
  RouteReloader reloader;

  @AfterEach
  void tearDown() {
    if (live != null) live.close();
  }

  private void watch(Duration quiet) throws Exception {
    Path routes = Files.createDirectories(home.resolve("routes"));
    LiveRoutes.shipped(routes, "stripe.yaml", "to-ticket.yaml");
    live = new LiveRoutes(routes, Set.of());
    reloader = new RouteReloader(live.context(), routes, RouteFileCheck.forBridge(new BridgeHome(Path.of("")), LiveRoutes.MAPPINGS),
        Clock.systemUTC());
    live.context().addService(new RouteFolderWatch(reloader, quiet));
  }

  private List<Outcome> outcomes() {
    return reloader.history().stream().map(ReloadStatus::outcome).toList();
  }

  @Test
  void anEditIsAppliedWithoutRestartABrokenOneRefusedAndTheFixApplied() throws Exception {
    watch(RouteFolderWatch.QUIET);
    Path stripe = home.resolve("routes/stripe.yaml");

    Files.writeString(stripe, RouteReloaderTest.FILTERED);
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes().contains(Outcome.APPLIED));
    assertThat(live.refund("1002")).isEmpty();

    Files.writeString(stripe, RouteReloaderTest.FILTERED.replace("direct:to-ticket", "ticket:default?mapping=nope"));
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes().contains(Outcome.REFUSED));
    assertThat(reloader.refused()).singleElement().satisfies(s -> assertThat(s.problems()).singleElement()
        .satisfies(p -> assertThat(p.toString()).startsWith(stripe + ":10: ").contains("no mapping 'nope'")));
    assertThat(live.refund("1002")).as("the filtered route still runs").isEmpty();
    assertThat(live.refund("1001")).containsExactly("refund-issued");

    Files.copy(Path.of("routes/stripe.yaml"), stripe, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes().equals(List.of(Outcome.APPLIED, Outcome.REFUSED, Outcome.APPLIED)));
    assertThat(live.refund("1002")).containsExactly("refund-issued");
  }

  @Test
  void aFileWrittenInStepsIsReadOnceItIsWhole() throws Exception {
    watch(Duration.ofSeconds(1));
    Path extra = home.resolve("routes/extra.yaml");
    String text = """
        - route:
            id: extra
            from:
              uri: direct:extra
              steps:
                - log: extra
        """;

    // the way an editor may save: an empty file, then the text in two writes
    Files.writeString(extra, "");
    Files.writeString(extra, text.substring(0, 30), StandardOpenOption.APPEND);
    Files.writeString(extra, text.substring(30), StandardOpenOption.APPEND);

    await().atMost(Duration.ofSeconds(20)).until(() -> !reloader.history().isEmpty());
    assertThat(outcomes()).containsExactly(Outcome.APPLIED);
    assertThat(live.context().getRoute("extra")).isNotNull();
  }

  @Test
  void aDeletedFileTakesItsRoutesAway() throws Exception {
    watch(RouteFolderWatch.QUIET);

    Files.delete(home.resolve("routes/stripe.yaml"));

    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes().contains(Outcome.REMOVED));
    assertThat(live.context().getRoute("stripe")).isNull();
    assertThat(live.context().getRoute("to-ticket")).isNotNull();
  }

  @Test
  void reloadIsOnWhenTheRoutesAreAFolderUnlessSwitchedOff() throws Exception {
    BridgeHome bare = new BridgeHome(home);
    assertThat(RouteFolderWatch.wanted(Map.of(), bare)).as("built-in routes: nothing to watch").isFalse();
    assertThat(RouteFolderWatch.wanted(Map.of("BRIDGE_ROUTES_RELOAD", "true"), bare)).isFalse();

    Files.createDirectories(home.resolve("routes"));
    assertThat(RouteFolderWatch.wanted(Map.of(), bare)).isTrue();
    assertThat(RouteFolderWatch.wanted(Map.of("BRIDGE_ROUTES_RELOAD", " TRUE "), bare)).isTrue();
    assertThat(RouteFolderWatch.wanted(Map.of("BRIDGE_ROUTES_RELOAD", "false"), bare)).isFalse();
    assertThatThrownBy(() -> RouteFolderWatch.wanted(Map.of("BRIDGE_ROUTES_RELOAD", "yes"), bare))
        .hasMessage("BRIDGE_ROUTES_RELOAD=yes is neither true nor false");
  }
}
