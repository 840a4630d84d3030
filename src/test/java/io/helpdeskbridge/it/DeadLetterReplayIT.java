package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.ZendeskStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Support ops' safety net: dead letters listed and shown masked, replayed after a fix, once. */
class DeadLetterReplayIT {
  @TempDir Path home;
  ZendeskStub zendesk = new ZendeskStub();

  @AfterEach
  void close() {
    zendesk.close();
  }

  @Test
  void aDeadEventIsReplayedAfterItsMappingIsFixedAndAppliedExactlyOnce() throws Exception {
    Files.createDirectories(home.resolve("mappings"));
    try (var shipped = Files.list(Path.of("mappings"))) {
      for (Path p : shipped.toList()) Files.copy(p, home.resolve("mappings").resolve(p.getFileName()));
    }
    Path mapping = home.resolve("mappings/refund-issued.yaml");
    Files.writeString(mapping, Files.readString(mapping).replace("when-missing: skip", "when-missing: dead-letter"));
    zendesk.noTicketsFound();
    zendesk.createsTicket(55);
    Map<String, String> env = new LinkedHashMap<>(zendesk.env());
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("BRIDGE_OPS_TOKEN", "ops-it-token");
    StoreProbe store = new StoreProbe(home);

    try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
      byte[] body = new String(StripeEvents.chargeRefunded("evt_it_replay", "3003", 0, 2500), StandardCharsets.UTF_8)
          .replace("\"Order #3003\"", "\"Order #3003 paid with 4242 4242 4242 4242\"").getBytes(StandardCharsets.UTF_8);
      assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(body), body).statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(store.status("stripe", "evt_it_replay")));
      String id = String.valueOf(store.inboxRow("stripe", "evt_it_replay").get("id"));

      BridgeProcess.Cli list = bridge.cli("dead", "list", "--source", "stripe", "--order", "order:3003");
      assertThat(list.out()).contains("evt_it_replay").contains("no ticket found for order:3003 (mapping refund-issued says dead-letter)");
      BridgeProcess.Cli show = bridge.cli("dead", "show", id);
      assertThat(show.exitCode()).as(show.err()).isZero();
      assertThat(show.out()).contains("status dead after 1 attempt(s)").contains("[card •••• 4242]")
          .doesNotContain("4242 4242 4242 4242").doesNotContain(StripeEvents.SECRET);
      assertThat(show.out()).containsPattern("stripe-signature: t=\\d{4}…\\(\\d+ chars\\)");
      assertThat(bridge.get("/ops/dead").statusCode()).as("ops endpoints need the token").isEqualTo(401);
    }

    // the fix: create the ticket when there is none; a restart loads the new mapping
    Files.writeString(mapping, Files.readString(mapping).replace("when-missing: dead-letter", "when-missing: create"));
    try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
      String id = String.valueOf(store.inboxRow("stripe", "evt_it_replay").get("id"));

      BridgeProcess.Cli replay = bridge.cli("replay", id);

      assertThat(replay.exitCode()).as(replay.err()).isZero();
      assertThat(replay.out()).contains("replaying 1 event(s)").contains("1/1 finished, 0 dead again");
      assertThat(store.status("stripe", "evt_it_replay")).isEqualTo("done");
      assertThat(zendesk.creates()).hasSize(1);

      BridgeProcess.Cli again = bridge.cli("replay", id);
      assertThat(again.exitCode()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_replay")));
      assertThat(zendesk.creates()).as("a second replay writes nothing").hasSize(1);
      assertThat(store.rows("select action from audit where event_id = 'evt_it_replay' order by id"))
          .extracting(r -> r.get("action")).containsExactly("created", "already-applied");

      // purge reads a bare date as its start in UTC: tomorrow in UTC is after the row finished, in any zone at any hour
      BridgeProcess.Cli purge = bridge.cli("purge", "--before", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
      assertThat(purge.out()).contains("purged 1 finished event(s)");
      assertThat(store.status("stripe", "evt_it_replay")).isNull();
    }
  }
}
