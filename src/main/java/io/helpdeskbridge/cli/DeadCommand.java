package io.helpdeskbridge.cli;

import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.ops.OpsApi;
import io.helpdeskbridge.ops.PayloadMasker;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Dead letters: events that could not be applied, read straight from the store. */
@Command(name = "dead", description = "Dead letters: events that could not be applied.",
    subcommands = {DeadCommand.ListDead.class, DeadCommand.ShowDead.class})
final class DeadCommand implements Runnable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "List dead events, newest first.")
  static final class ListDead implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--source", description = "Only this source connector.")
    String source;

    @Option(names = "--since", description = "Only events last tried since this date (2026-11-24) or instant.")
    String since;

    @Option(names = "--order", description = "Only this order key, e.g. order:1001.")
    String order;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many rows (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      BridgeSettings settings = BridgeSettings.from(System.getenv());
      PrintWriter out = spec.commandLine().getOut();
      try (Store store = Store.open(settings.storeUrl())) {
        List<InboxRow> rows = store.inbox().find(InboxStatus.DEAD, source, order, OpsApi.instant(since), limit);
        if (rows.isEmpty()) {
          out.println("no dead events");
          out.flush();
          return 0;
        }
        out.printf("%-6s %-10s %-28s %-22s %-16s %-8s %-20s %s%n", "ID", "SOURCE", "EVENT", "TYPE", "ORDER", "ATTEMPTS", "LAST ATTEMPT", "ERROR");
        for (InboxRow r : rows) {
          out.printf("%-6d %-10s %-28s %-22s %-16s %-8d %-20s %s%n", r.id(), r.source(), r.eventId(), r.vendorType(), r.orderKey(),
              r.attempts(), r.lastAttemptAt() == null ? "-" : TIME.format(r.lastAttemptAt()), r.lastError());
        }
        out.printf("%d dead event(s); replay with: replay ID... | replay --all-dead%n", rows.size());
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "show", description = "One stored event: what happened, and its payload with secrets and card numbers masked.")
  static final class ShowDead implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(description = "Inbox row id (from dead list).")
    long id;

    @Override
    public Integer call() throws Exception {
      BridgeSettings settings = BridgeSettings.from(System.getenv());
      PrintWriter out = spec.commandLine().getOut();
      try (Store store = Store.open(settings.storeUrl())) {
        InboxRow r = store.inbox().get(id).orElseThrow(() -> new IllegalArgumentException("no inbox row " + id));
        out.printf("id %d · %s %s · %s · order %s%n", r.id(), r.source(), r.eventId(), r.vendorType(), r.orderKey());
        out.printf("status %s after %d attempt(s); received %s; first attempt %s; last attempt %s%n", r.status().db(), r.attempts(),
            TIME.format(r.receivedAt()), r.firstAttemptAt() == null ? "-" : TIME.format(r.firstAttemptAt()),
            r.lastAttemptAt() == null ? "-" : TIME.format(r.lastAttemptAt()));
        if (r.lastError() != null) out.println("error: " + r.lastError());
        if (r.outcome() != null) out.println("outcome: " + r.outcome());
        out.println("headers:");
        Map<String, String> headers = new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.headersJson(),
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
        PayloadMasker.headers(headers).forEach((k, v) -> out.printf("  %s: %s%n", k, v));
        out.println("payload:");
        PayloadMasker.body(r.body()).lines().forEach(l -> out.println("  " + l));
        out.flush();
        return 0;
      }
    }
  }
}
