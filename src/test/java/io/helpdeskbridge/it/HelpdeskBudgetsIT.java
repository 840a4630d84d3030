package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.ZendeskStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpdesk's limits, as Zendesk enforces them, are never what stops the bridge. */
class HelpdeskBudgetsIT {

  @TempDir Path home;

  private static long count(StoreProbe store, String where) {
    return (Long) store.rows("select count(*) as n from inbox where " + where).get(0).get("n");
  }

  @Test
  void sixtyEventsForOneTicketNeverHitZendesksThirtyUpdatesPerTenMinutes() throws Exception {
    try (ZendeskStandIn zendesk = new ZendeskStandIn()) {
      StoreProbe store = new StoreProbe(home);
      Map<String, String> env = zendesk.bridgeEnv();
      env.put("BRIDGE_OPS_TOKEN", "ops-token-for-tests");
      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        for (int k = 0; k < 60; k++) {
          byte[] body = StripeEvents.chargeRefunded("evt_flood_" + k, "7", k * 10L, (k + 1) * 10L);
          assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(body), body).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> count(store, "status = 'done'") == 60);
        // the queue depth, as ops and the console see it
        var depth = bridge.get("/ops/inbox", Map.of("Authorization", "Bearer ops-token-for-tests"));
        assertThat(depth.statusCode()).isEqualTo(200);
        assertThat(depth.body()).contains("\"received\":0").contains("\"done\":60").contains("\"dead\":0");
        assertThat(bridge.get("/ops/inbox").statusCode()).isEqualTo(401);
      }

      List<String> expected = new ArrayList<>();
      for (int k = 0; k < 60; k++) expected.add("stripe/evt_flood_" + k);
      assertThat(zendesk.markers(7)).containsExactlyElementsOf(expected);
      assertThat(zendesk.ticketLimitHits()).isZero();
      assertThat(zendesk.updates()).isLessThanOrEqualTo(25);
      assertThat(zendesk.searches()).isEqualTo(1); // the link is remembered after the first search
    }
  }

  @Test
  void theBudgetZendeskAnnouncesInItsHeadersIsHonouredWithoutA429() throws Exception {
    try (ZendeskStandIn zendesk = new ZendeskStandIn().limit(12, Duration.ofSeconds(4))) {
      Map<String, String> env = zendesk.bridgeEnv();
      env.put("ZENDESK_REQUESTS_PER_MINUTE", "0"); // no plan configured: only Zendesk's headers can slow the bridge
      env.put("BRIDGE_SHARDS", "2");
      env.put("BRIDGE_COALESCE_MS", "0");
      StoreProbe store = new StoreProbe(home);
      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        for (int o = 1; o <= 8; o++) {
          byte[] body = StripeEvents.chargeRefunded("evt_budget_" + o, String.valueOf(o), 0, 100);
          assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(body), body).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> count(store, "status = 'done'") == 8);
      }
      // 8 orders need a search, a read and an update each: two windows' worth, crossed without a refusal
      assertThat(zendesk.calls()).isGreaterThan(12);
      assertThat(zendesk.refused429()).isZero();
      assertThat(count(store, "status = 'dead'")).isZero();
    }
  }
}
