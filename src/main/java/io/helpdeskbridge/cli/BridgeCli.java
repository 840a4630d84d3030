package io.helpdeskbridge.cli;

import io.helpdeskbridge.yaml.ProblemsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar helpdesk-bridge.jar <command>}: the one entry point of the jar. */
@Command(
    name = "helpdesk-bridge",
    mixinStandardHelpOptions = true,
    version = "Helpdesk Bridge 0.1.0",
    description = "Turns order, payment, carrier and fraud webhooks into helpdesk ticket changes.",
    subcommands = {RunCommand.class, ValidateCommand.class, TryCommand.class, SendSampleCommand.class, DeadCommand.class,
        ReplayCommand.class, PurgeCommand.class, ReportCommand.class})
public final class BridgeCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    String format = System.getenv("BRIDGE_LOG_FORMAT");
    if (format != null && !format.isBlank() && !format.equals("text") && !format.equals("json")) {
      // logback would find no appender for it and the bridge would run without a single log line
      System.err.println("BRIDGE_LOG_FORMAT=" + format + " is not a log format (use text or json)");
      System.exit(2);
    }
    if (args.length == 0 || !args[0].equals("run")) {
      // before the first logger exists: one-shot commands keep stdout for their answer
      System.setProperty("BRIDGE_LOG_TARGET", "System.err");
      if (System.getenv("BRIDGE_LOG_LEVEL") == null) System.setProperty("BRIDGE_LOG_LEVEL", "WARN");
    }
    System.exit(execute(args));
  }

  /** Runs a command and returns its exit code; configuration errors print as messages, not traces. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new BridgeCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ProblemsException p) {
        p.problems().forEach(problem -> cmd.getErr().println(problem));
        return 2;
      }
      if (e instanceof IllegalStateException || e instanceof IllegalArgumentException
          || e instanceof io.helpdeskbridge.store.StoreException || e instanceof java.io.UncheckedIOException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }
}
