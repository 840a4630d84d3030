package io.helpdeskbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.routes.ReloadStatus.Outcome;
import io.helpdeskbridge.ticket.DryRunSink;
import io.helpdeskbridge.yaml.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reloader against a real Camel context running the shipped Stripe routes: what it applies,
 * what it refuses, and that a refused file leaves the running routes serving as before.
 */
class RouteReloaderTest {
  static final String FILTERED = """
      # test orders stay off the tickets
      - route:
          id: stripe
          from:
            uri: webhook:stripe
            steps:
              - filter:
                  simple: "${header.orderKey} != 'order:1002'"
                  steps:
                    - to: direct:to-ticket
      """;

  @TempDir Path dir;
  LiveRoutes live;
  RouteReloader reloader;

  @BeforeEach
  void setUp() throws Exception {
    LiveRoutes.shipped(dir, "stripe.yaml", "to-ticket.yaml");
    live = new LiveRoutes(dir, Set.of());
    // the bridge's own Java routes share the context
    live.context().addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:intake").routeId("intake").log("intake");
      }
    });
    // the check knows the connector files (zendesk among them), the running bridge enabled no zendesk
    RouteFileCheck check = new RouteFileCheck(() -> new RouteHarness(new DryRunSink(LiveRoutes.MAPPINGS, Set.of("zendesk")),
        Set.of("stripe", "shopify", "zendesk")::contains, LiveRoutes.MAPPINGS));
    reloader = new RouteReloader(live.context(), dir, check, Clock.fixed(Instant.parse("2026-11-24T22:00:00Z"), ZoneOffset.UTC));
    reloader.snapshot();
  }

  @AfterEach
  void tearDown() {
    live.close();
  }

  private ReloadStatus write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
    return only(reloader.reload(List.of(name)));
  }

  private static ReloadStatus only(List<ReloadStatus> statuses) {
    assertThat(statuses).hasSize(1);
    return statuses.get(0);
  }

  @Test
  void aChangedFileReplacesItsRoutesAndTheNewStepsServe() throws Exception {
    assertThat(live.refund("1002")).containsExactly("refund-issued");

    ReloadStatus s = write("stripe.yaml", FILTERED);

    assertThat(s.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(s.file()).isEqualTo(dir.resolve("stripe.yaml").toString());
    assertThat(s.routeIds()).containsExactly("stripe");
    assertThat(s.at()).isEqualTo(Instant.parse("2026-11-24T22:00:00Z"));
    assertThat(live.refund("1002")).isEmpty();
    assertThat(live.refund("1001")).containsExactly("refund-issued");
    assertThat(reloader.last()).contains(s);
    assertThat(live.context().getRoute("intake")).as("the bridge's own routes are not touched").isNotNull();
  }

  @Test
  void brokenYamlIsRefusedOnItsLineAndTheRunningRoutesServeOn() throws Exception {
    Route before = live.context().getRoute("stripe");

    // the filter's steps one space too far left
    ReloadStatus s = write("stripe.yaml", FILTERED.replace("            steps:\n              - to:", "           steps:\n              - to:"));

    assertThat(s.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(s.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(dir.resolve("stripe.yaml").toString());
      assertThat(p.line()).isEqualTo(9);
      assertThat(p.message()).startsWith("YAML syntax:");
    });
    assertThat(s.routeIds()).containsExactly("stripe");
    assertThat(live.context().getRoute("stripe")).isSameAs(before);
    assertThat(live.context().getRouteController().getRouteStatus("stripe")).isEqualTo(ServiceStatus.Started);
    assertThat(live.refund("1002")).containsExactly("refund-issued");
    assertThat(reloader.refused()).containsExactly(s);
  }

  @Test
  void anUnknownMappingIsRefusedOnItsLineAndTheRunningRoutesServeOn() throws Exception {
    Route before = live.context().getRoute("stripe");

    ReloadStatus s = write("stripe.yaml", FILTERED.replace("direct:to-ticket", "ticket:default?mapping=refund-isued"));

    assertThat(s.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(s.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.message()).contains("no mapping 'refund-isued'");
    });
    assertThat(live.context().getRoute("stripe")).isSameAs(before);
    assertThat(live.refund("1002")).containsExactly("refund-issued");
  }

  @Test
  void anUnknownComponentOrSourceIsRefused() throws Exception {
    ReloadStatus endpoint = write("stripe.yaml", FILTERED.replace("direct:to-ticket", "tickett:default?mapping=refund-issued"));
    ReloadStatus source = write("stripe.yaml", FILTERED.replace("webhook:stripe", "webhook:stripee"));

    assertThat(endpoint.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.message()).contains("tickett");
    });
    assertThat(source.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(5);
      assertThat(p.message()).contains("no connector 'stripee'");
    });
    assertThat(live.refund("1002")).containsExactly("refund-issued");
  }

  @Test
  void aFixAfterARefusalApplies() throws Exception {
    write("stripe.yaml", "- route: [");

    ReloadStatus fixed = write("stripe.yaml", FILTERED);

    assertThat(fixed.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(reloader.refused()).isEmpty();
    assertThat(reloader.history()).extracting(ReloadStatus::outcome).containsExactly(Outcome.REFUSED, Outcome.APPLIED);
    assertThat(live.refund("1002")).isEmpty();
  }

  @Test
  void aRouteIdTakenByAnotherFileOrByTheBridgeIsRefused() throws Exception {
    ReloadStatus file = write("extra.yaml", """
        - route:
            id: to-ticket
            from:
              uri: direct:extra
              steps:
                - log: extra
        """);
    ReloadStatus own = write("extra.yaml", """
        - route:
            from:
              uri: direct:extra
              steps:
                - log: extra
            id: intake
        """);

    assertThat(file.problems()).containsExactly(new Problem(dir.resolve("extra.yaml").toString(), 2,
        "route id 'to-ticket' is already taken by " + dir.resolve("to-ticket.yaml") + "; route ids must be unique"));
    assertThat(own.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(6);
      assertThat(p.message()).contains("a route of the bridge itself");
    });
    assertThat(live.context().getRoute("to-ticket").getEndpoint().getEndpointUri()).isEqualTo("direct://to-ticket");
    assertThat(live.context().getRoute("intake")).isNotNull();
    assertThat(live.refund("1001")).containsExactly("refund-issued");
  }

  @Test
  void aSecondRouteOnTheSameEndpointIsRefused() throws Exception {
    ReloadStatus webhook = write("stripe-eu.yaml", """
        - route:
            id: stripe-again
            from:
              uri: webhook:stripe
              steps:
                - to: direct:to-ticket
        """);
    ReloadStatus direct = write("stripe-eu.yaml", """
        - route:
            id: to-ticket-again
            from:
              uri: direct:to-ticket
              steps:
                - log: again
        """);

    assertThat(webhook.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.message()).contains("Multiple consumers for the same endpoint is not allowed: webhook://stripe");
    });
    assertThat(direct.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.message()).contains("Multiple consumers for the same endpoint is not allowed: direct://to-ticket");
    });
    assertThat(live.context().getRoute("stripe-again")).isNull();
    assertThat(live.refund("1001")).containsExactly("refund-issued");
  }

  @Test
  void aNewFileAddsItsRoutesAndADeletedFileTakesThemAway() throws Exception {
    ReloadStatus added = write("shopify.yaml", Files.readString(Path.of("routes/shopify.yaml")));
    assertThat(added.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(live.harness.consumer("shopify")).isPresent();

    Files.delete(dir.resolve("shopify.yaml"));
    ReloadStatus removed = only(reloader.reload(List.of("shopify.yaml")));

    assertThat(removed.outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(removed.routeIds()).containsExactly("shopify");
    assertThat(live.context().getRoute("shopify")).isNull();
    assertThat(live.harness.consumer("shopify")).isEmpty();
    assertThat(live.refund("1001")).containsExactly("refund-issued");
  }

  @Test
  void aRouteDroppedFromAFileStopsRunning() throws Exception {
    write("extra.yaml", """
        - route:
            id: one
            from: { uri: "direct:one", steps: [ { log: one } ] }
        - route:
            id: two
            from: { uri: "direct:two", steps: [ { log: two } ] }
        """);

    ReloadStatus s = write("extra.yaml", """
        - route:
            id: one
            from: { uri: "direct:one", steps: [ { log: one again } ] }
        """);

    assertThat(s.routeIds()).containsExactly("one");
    assertThat(live.context().getRoute("two")).isNull();
  }

  @Test
  void aRouteMovedBetweenFilesInOneBatchIsAcceptedWhicheverFileComesFirst() throws Exception {
    Files.writeString(dir.resolve("b.yaml"), """
        - route:
            id: moving
            from: { uri: "direct:moving", steps: [ { log: in b } ] }
        """);
    reloader.reload(List.of("b.yaml"));

    Files.writeString(dir.resolve("a.yaml"), """
        - route:
            id: moving
            from: { uri: "direct:moving", steps: [ { log: in a } ] }
        """);
    Files.writeString(dir.resolve("b.yaml"), """
        - route:
            id: staying
            from: { uri: "direct:staying", steps: [ { log: in b } ] }
        """);
    List<ReloadStatus> batch = reloader.reload(List.of("a.yaml", "b.yaml"));

    assertThat(batch).extracting(ReloadStatus::outcome).containsOnly(Outcome.APPLIED);
    assertThat(RouteReloader.sourceOf(live.context().getRoute("moving"))).isEqualTo(dir.resolve("a.yaml"));
    assertThat(reloader.history()).noneMatch(ReloadStatus::refused);
  }

  @Test
  void whenCamelStillRefusesACheckedFileItsPreviousRoutesComeBack() throws Exception {
    // zendesk has a connector file, so the check passes; this bridge has not enabled it
    ReloadStatus s = write("stripe.yaml", FILTERED.replace("direct:to-ticket", "ticket:zendesk?mapping=refund-issued"));

    assertThat(s.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(s.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.message()).contains("no helpdesk connector 'zendesk' is enabled");
    });
    assertThat(s.routeIds()).containsExactly("stripe");
    assertThat(live.context().getRouteController().getRouteStatus("stripe")).isEqualTo(ServiceStatus.Started);
    assertThat(live.refund("1002")).containsExactly("refund-issued");

    assertThat(write("stripe.yaml", FILTERED).outcome()).as("and the next good version applies").isEqualTo(Outcome.APPLIED);
    assertThat(live.refund("1002")).isEmpty();
  }

  @Test
  void aFileSavedWithoutChangesTouchesNothing() throws Exception {
    Route before = live.context().getRoute("stripe");

    ReloadStatus s = write("stripe.yaml", Files.readString(Path.of("routes/stripe.yaml")));

    assertThat(s.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(live.context().getRoute("stripe")).isSameAs(before);
  }

  @Test
  void aRefusedNewFileThatIsDeletedAgainLeavesNoTrace() throws Exception {
    write("new.yaml", "- route: [");
    Files.delete(dir.resolve("new.yaml"));

    assertThat(only(reloader.reload(List.of("new.yaml"))).outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(reloader.refused()).isEmpty();
    assertThat(reloader.reload(List.of("new.yaml"))).as("nothing more to say about it").isEmpty();
  }
}
