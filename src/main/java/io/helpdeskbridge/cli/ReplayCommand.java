package io.helpdeskbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.Bridge;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.ops.OpsApi;
import io.helpdeskbridge.ops.Replayer;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Re-runs stored events through the running bridge's current routes and mappings (its {@code
 * /ops/replay} endpoint) and follows them to the end. With no bridge running, the events are queued
 * in the store and run at its next start. Safe to repeat: what already reached a ticket is not
 * written again.
 */
@Command(name = "replay", description = "Replay stored events (dead ones, usually) through the current routes and mappings.")
final class ReplayCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", description = "Inbox row ids (from dead list).")
  List<Long> ids = new ArrayList<>();

  @Option(names = "--all-dead", description = "Every dead event.")
  boolean allDead;

  @Option(names = "--since", description = "Dead events last tried since this date (2026-11-24) or instant.")
  String since;

  @Option(names = "--url", description = "Base URL of the running bridge (default http://localhost:$BRIDGE_HTTP_PORT).")
  String url;

  @Option(names = "--wait", defaultValue = "120", description = "Seconds to follow the replayed events (default ${DEFAULT-VALUE}; 0: do not wait).")
  int waitSeconds;

  @Override
  public Integer call() throws Exception {
    if (ids.isEmpty() && !allDead && since == null) throw new IllegalArgumentException("name inbox ids, or --all-dead, or --since DATE");
    BridgeSettings settings = BridgeSettings.from(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode request = JSON.createObjectNode();
    if (!ids.isEmpty()) request.set("ids", JSON.valueToTree(ids));
    else if (since != null) request.put("since", OpsApi.instant(since).toString());
    else request.put("allDead", true);
    String base = url != null ? url : "http://localhost:" + settings.httpPort();
    List<Long> replayed = new ArrayList<>();
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/ops/replay"))
          .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + Bridge.opsToken(settings))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      if (r.statusCode() != 200) throw new IllegalStateException("the bridge refused the replay: " + body.path("detail").asText(r.body()));
      body.path("replayed").forEach(n -> replayed.add(n.asLong()));
      body.path("skipped").forEach(n -> out.println("skipped " + n.asText()));
    } catch (ConnectException noBridge) {
      try (Store store = Store.open(settings.storeUrl())) {
        Replayer.Result result = ids.isEmpty() ? new Replayer(store, null).replayDead(OpsApi.instant(since)) : new Replayer(store, null).replay(ids);
        result.skipped().forEach(s -> out.println("skipped " + s));
        out.printf("no bridge answers at %s: %d event(s) queued; they run at its next start%n", base, result.replayed().size());
        out.flush();
        return 0;
      }
    }
    out.printf("replaying %d event(s)%n", replayed.size());
    out.flush();
    if (waitSeconds > 0 && !replayed.isEmpty()) follow(settings, replayed, out);
    return 0;
  }

  /** A progress bar until every replayed row has finished again (or the wait is over). */
  private void follow(BridgeSettings settings, List<Long> replayed, PrintWriter out) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
    try (Store store = Store.open(settings.storeUrl())) {
      int finished;
      do {
        finished = 0;
        int dead = 0;
        for (long id : replayed) {
          InboxStatus s = store.inbox().get(id).map(r -> r.status()).orElse(InboxStatus.DONE);
          if (s != InboxStatus.RECEIVED) finished++;
          if (s == InboxStatus.DEAD) dead++;
        }
        int width = 30;
        int filled = replayed.isEmpty() ? width : finished * width / replayed.size();
        out.printf("\r[%s%s] %d/%d finished, %d dead again", "#".repeat(filled), ".".repeat(width - filled), finished, replayed.size(), dead);
        out.flush();
        if (finished == replayed.size()) break;
        Thread.sleep(250); // a progress bar's refresh, not a wait for correctness
      } while (System.nanoTime() < deadline);
      out.println();
      out.flush();
    }
  }
}
