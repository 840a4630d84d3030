package io.helpdeskbridge.cli;

import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists the events that could not be applied, with their error. */
@Command(name = "dead", description = "Dead letters: events that could not be applied.", subcommands = {DeadCommand.ListDead.class})
final class DeadCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "List dead events, newest first.")
  static final class ListDead implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Spec CommandSpec spec;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many rows (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      BridgeSettings settings = BridgeSettings.from(System.getenv());
      PrintWriter out = spec.commandLine().getOut();
      try (Store store = Store.open(settings.storeUrl())) {
        List<InboxRow> rows = store.inbox().byStatus(InboxStatus.DEAD, limit);
        if (rows.isEmpty()) {
          out.println("no dead events");
          return 0;
        }
        out.printf("%-6s %-10s %-28s %-22s %-16s %-8s %-20s %s%n", "ID", "SOURCE", "EVENT", "TYPE", "ORDER", "ATTEMPTS", "LAST ATTEMPT", "ERROR");
        for (InboxRow r : rows) {
          out.printf("%-6d %-10s %-28s %-22s %-16s %-8d %-20s %s%n", r.id(), r.source(), r.eventId(), r.vendorType(), r.orderKey(),
              r.attempts(), r.lastAttemptAt() == null ? "-" : TIME.format(r.lastAttemptAt()), r.lastError());
        }
        out.flush();
        return 0;
      }
    }
  }
}
