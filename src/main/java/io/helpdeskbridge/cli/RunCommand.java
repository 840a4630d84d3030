package io.helpdeskbridge.cli;

import io.helpdeskbridge.Bridge;
import io.helpdeskbridge.config.BridgeSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Starts the bridge and serves until stopped (Ctrl-C or SIGTERM drain and close cleanly). */
@Command(name = "run", description = "Start the bridge: webhook endpoints, routes, ticket writer.")
final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    new Bridge(BridgeSettings.from(System.getenv())).run();
    return 0;
  }
}
