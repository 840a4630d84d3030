package io.helpdeskbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.testing.StripeEvents;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters from the console: filtered, replayed through the ops API's replayer with progress, purged. */
class DeadLettersPagesTest {
  @TempDir Path home;
  Store store;
  ConsoleFixture f;
  ConsoleFixture.Browser b;

  @BeforeEach
  void open() {
    store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    f = new ConsoleFixture(store, home);
    b = f.login();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private long dead(String eventId, String order, String error) {
    return f.stripeDelivery(eventId, StripeEvents.chargeRefunded(eventId, order, 0, 100), "order:" + order, InboxStatus.DEAD, error);
  }

  @Test
  void theListFiltersBySourceErrorAndOrder() {
    dead("evt_422", "1", "zendesk: HTTP 422 closed ticket");
    dead("evt_map", "2", "IllegalStateException: mapping failed");

    assertThat(f.get(OpsConsole.BASE + "/dead", b.headers()).body()).contains("evt_422").contains("evt_map")
        .contains("2 dead letter(s), newest first");
    assertThat(f.get(OpsConsole.BASE + "/dead?error=HTTP+422", b.headers()).body()).contains("evt_422").doesNotContain("evt_map");
    assertThat(f.get(OpsConsole.BASE + "/dead?order=2", b.headers()).body()).contains("evt_map").doesNotContain("evt_422");
    assertThat(f.get(OpsConsole.BASE + "/dead?source=shopify", b.headers()).body()).contains("No dead letters match this filter.");
    assertThat(f.get(OpsConsole.BASE + "/dead?since=yesterday", b.headers()).body()).contains("is not a date");
  }

  @Test
  void replayingChosenRowsQueuesThemAgainAndFollowsThemUntilFinished() {
    long one = dead("evt_one", "1", "zendesk: HTTP 422");
    long two = dead("evt_two", "2", "zendesk: HTTP 422");
    long kept = dead("evt_kept", "3", "zendesk: HTTP 422");

    Response r = f.post(OpsConsole.BASE + "/dead/replay", b.headers(), "_csrf=" + b.csrf() + "&scope=selected&id=" + two + "&id=" + one);

    assertThat(r.status()).isEqualTo(303);
    String progress = r.headers().get("Location");
    assertThat(progress).matches("/ops/console/dead/replays/\\d+");
    assertThat(store.inbox().get(one).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(store.inbox().get(two).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(store.inbox().get(kept).orElseThrow().status()).isEqualTo(InboxStatus.DEAD);
    Response page = f.get(progress, b.headers());
    assertThat(page.body()).contains("2 event(s) queued again.").contains("0 of 2 finished, 0 dead again")
        .contains("data-progress=\"" + progress + ".json\"").containsSubsequence("evt_one", "evt_two");
    assertThat(f.get(progress + ".json", b.headers()).body()).contains("\"total\":2,\"finished\":0,\"dead\":0");

    store.inbox().finish(one, InboxStatus.DONE, "applied", null, f.clock.instant());
    store.inbox().finish(two, InboxStatus.DEAD, null, "zendesk: HTTP 422 again", f.clock.instant());
    Response json = f.get(progress + ".json", b.headers());
    assertThat(json.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(json.body()).contains("\"total\":2,\"finished\":2,\"dead\":1").contains("\"status\":\"done\"")
        .contains("zendesk: HTTP 422 again");
    assertThat(f.get(progress, b.headers()).body()).contains("data-done=\"true\"");
  }

  @Test
  void replayAllReplaysWhatTheFilterSelectsAndSaysWhatItSkipped() {
    long a = dead("evt_a", "1", "zendesk: HTTP 422");
    long c = dead("evt_c", "2", "mapping broke");

    Response r = f.post(OpsConsole.BASE + "/dead/replay", b.headers(), "_csrf=" + b.csrf() + "&scope=all&error=422");

    assertThat(store.inbox().get(a).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(store.inbox().get(c).orElseThrow().status()).isEqualTo(InboxStatus.DEAD);
    // a row still being processed is skipped, and the page says so
    Response again = f.post(OpsConsole.BASE + "/dead/replay", b.headers(), "_csrf=" + b.csrf() + "&id=" + a + "&id=999");
    assertThat(f.get(again.headers().get("Location"), b.headers()).body()).contains("0 event(s) queued again, 2 skipped.")
        .contains(a + ": still being processed").contains("999: no such inbox row");
    assertThat(f.get(r.headers().get("Location"), b.headers()).status()).isEqualTo(200);
    assertThat(f.get(OpsConsole.BASE + "/dead/replays/4242", b.headers()).status()).isEqualTo(404);
  }

  @Test
  void purgeDeletesFinishedRowsBeforeTheDay() {
    dead("evt_old", "1", "x");
    Response r = f.post(OpsConsole.BASE + "/dead/purge", b.headers(), "_csrf=" + b.csrf() + "&before=2030-01-01");
    assertThat(r.body()).contains("Purged 1 finished event(s) that finished before 2030-01-01T00:00:00Z.");
    assertThat(store.inbox().countByStatus()).containsEntry("dead", 0L);
    assertThat(f.post(OpsConsole.BASE + "/dead/purge", b.headers(), "_csrf=" + b.csrf() + "&before=").body())
        .contains("Give the day before which");
  }
}
