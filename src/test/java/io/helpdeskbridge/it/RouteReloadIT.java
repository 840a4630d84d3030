package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.ZendeskStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ops edit {@code routes/stripe.yaml} of a running bridge (the jar, with a home holding a copy of
 * the shipped routes): a good edit applies without a restart; a broken one is refused, named by
 * file and line in the log, while the routes that ran before go on applying Stripe events; the fix
 * applies again.
 */
class RouteReloadIT {
  /** The shipped Stripe route with a filter: the events of order 1002 stay off the tickets. */
  static final String FILTERED = """
      # Stripe deliveries; order 1002 is our test shop's and stays off the tickets
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

  @TempDir Path home;
  ZendeskStub zendesk;
  BridgeProcess bridge;
  StoreProbe store;
  Path stripe;

  @BeforeEach
  void setUp() throws Exception {
    zendesk = new ZendeskStub();
    zendesk.noTicketsFound();
    zendesk.ticketForOrder("1001", 42);
    zendesk.updatesSucceed(42);
    zendesk.ticketForOrder("1002", 43);
    zendesk.updatesSucceed(43);
    Path routes = Files.createDirectories(home.resolve("routes"));
    try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
      for (Path p : shipped.toList()) Files.copy(p, routes.resolve(p.getFileName()));
    }
    stripe = routes.resolve("stripe.yaml");
    store = new StoreProbe(home);
    Map<String, String> env = new LinkedHashMap<>(zendesk.env());
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("BRIDGE_COALESCE_MS", "0");
    bridge = new BridgeProcess(home, env).start();
    await().atMost(Duration.ofSeconds(30)).until(() -> bridge.log().contains("routes reload: watching " + routes));
  }

  @AfterEach
  void tearDown() throws Exception {
    bridge.stop();
    zendesk.close();
  }

  /** Posts a signed refund of the order and waits until the bridge has finished with it; its inbox status. */
  private String refund(String eventId, String order, long before, long after) throws Exception {
    byte[] body = StripeEvents.chargeRefunded(eventId, order, before, after);
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(body), body).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      String s = store.status("stripe", eventId);
      return "done".equals(s) || "ignored".equals(s) || "dead".equals(s);
    });
    return store.status("stripe", eventId);
  }

  private int count(String needle) throws Exception {
    String log = bridge.log();
    int n = 0;
    for (int i = log.indexOf(needle); i >= 0; i = log.indexOf(needle, i + 1)) n++;
    return n;
  }

  @Test
  void aRouteEditAppliesWithoutRestartABrokenOneIsRefusedWhileTheOldRoutesServeAndTheFixApplies() throws Exception {
    assertThat(refund("evt_it_reload_0", "1002", 0, 500)).isEqualTo("done");
    assertThat(zendesk.puts(43)).hasSize(1);

    // (1) a filter: order 1002's events are no longer applied, 1001's still are
    Files.writeString(stripe, FILTERED);
    await().atMost(Duration.ofSeconds(30)).until(() -> count(stripe + " applied: routes [stripe]") == 1);
    assertThat(refund("evt_it_reload_1", "1002", 500, 1000)).isEqualTo("ignored");
    assertThat(zendesk.puts(43)).hasSize(1);
    assertThat(refund("evt_it_reload_2", "1001", 0, 1000)).isEqualTo("done");
    assertThat(zendesk.puts(42)).hasSize(1);

    // (2a) broken YAML: refused on its line, the filtered route runs on
    Files.writeString(stripe, FILTERED.replace("            steps:\n              - to:", "           steps:\n              - to:"));
    await().atMost(Duration.ofSeconds(30)).until(() -> bridge.log().contains(stripe + ":9: YAML syntax: "));
    assertThat(bridge.log()).contains("ERROR", stripe + " REFUSED, the running routes [stripe] stay as they were:");
    assertThat(refund("evt_it_reload_3", "1001", 1000, 2000)).isEqualTo("done");
    assertThat(zendesk.puts(42)).hasSize(2);
    assertThat(refund("evt_it_reload_4", "1002", 1000, 1500)).as("still filtered by the old route").isEqualTo("ignored");

    // (2b) a mapping that does not exist: refused on its line, the filtered route runs on
    Files.writeString(stripe, FILTERED.replace("direct:to-ticket", "ticket:default?mapping=refund-isued"));
    await().atMost(Duration.ofSeconds(30)).until(() -> bridge.log().contains(stripe + ":10: ticket://default?mapping=refund-isued: no mapping 'refund-isued'"));
    assertThat(refund("evt_it_reload_5", "1001", 2000, 3000)).isEqualTo("done");
    assertThat(zendesk.puts(42)).hasSize(3);
    assertThat(refund("evt_it_reload_6", "1002", 1500, 2000)).isEqualTo("ignored");

    // (3) the fix: back to the shipped route, order 1002 is applied again
    Files.copy(Path.of("routes/stripe.yaml"), stripe, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    await().atMost(Duration.ofSeconds(30)).until(() -> count(stripe + " applied: routes [stripe]") == 2);
    assertThat(refund("evt_it_reload_7", "1002", 2000, 2500)).isEqualTo("done");
    assertThat(zendesk.puts(43)).hasSize(2);
    assertThat(count("Helpdesk Bridge is up")).as("one process throughout").isEqualTo(1);
  }
}
