package io.helpdeskbridge.cli;

import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.ops.OpsApi;
import io.helpdeskbridge.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Deletes finished inbox rows (done, ignored, dead) older than a date; events still waiting are never purged. */
@Command(name = "purge", description = "Delete finished events (done, ignored, dead) that finished before a date.")
final class PurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--before", required = true, description = "Date (2026-11-01) or instant; rows finished before it go.")
  String before;

  @Override
  public Integer call() {
    BridgeSettings settings = BridgeSettings.from(System.getenv());
    try (Store store = Store.open(settings.storeUrl())) {
      int n = store.inbox().purge(OpsApi.instant(before));
      spec.commandLine().getOut().printf("purged %d finished event(s) that finished before %s%n", n, OpsApi.instant(before));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
