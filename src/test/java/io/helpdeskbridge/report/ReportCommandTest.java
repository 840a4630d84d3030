package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.cli.BridgeCli;
import io.helpdeskbridge.cli.ReportCommand;
import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code report} as ops type it: options read, errors named, the report printed or written from the store. */
class ReportCommandTest {
  /** 09:00 in Paris. */
  private static final Instant MORNING = Instant.parse("2026-03-15T08:00:00Z");

  @TempDir Path home;
  private Store store;
  private final Map<String, String> env = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void aStoreWithANight() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    store = Store.open(url);
    env.put("BRIDGE_HOME", home.toString());
    env.put("BRIDGE_STORE_URL", url);
    // 23:30 and 03:10 in Paris; 21:30 is before the night
    long a = store.inbox().accept("stripe", "evt_1", "charge.refunded", "order:1001", "{\"Stripe-Signature\":\"t=1,v1=abc\"}",
        "{\"secret\":\"whsec_payload\"}", InboxStatus.RECEIVED, null, Instant.parse("2026-03-14T22:30:00Z")).id();
    store.inbox().finish(a, InboxStatus.DONE, "applied", null, Instant.parse("2026-03-14T22:30:01Z"));
    long b = store.inbox().accept("stripe", "evt_2", "charge.refunded", "order:1002", "{}", "{}", InboxStatus.RECEIVED, null,
        Instant.parse("2026-03-15T02:10:00Z")).id();
    store.inbox().finish(b, InboxStatus.DEAD, null, "TicketWriteFailed: zendesk: Zendesk 422", Instant.parse("2026-03-15T02:10:05Z"));
    store.inbox().accept("stripe", "evt_0", "charge.refunded", "order:1000", "{}", "{}", InboxStatus.IGNORED, "ignored",
        Instant.parse("2026-03-14T20:30:00Z"));
    store.audit().record(new AuditTrail.Entry(a, "stripe", "evt_1", "RefundIssued", "order:1001", "zendesk", "42", "applied", null,
        Instant.parse("2026-03-14T22:30:01Z")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ReportCommand(env, Clock.fixed(MORNING, ZoneOffset.UTC)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void theNightIsPrintedAsMarkdown() {
    int code = run("--since", "22:00", "--until", "06:00", "--zone", "Europe/Paris");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("# Shift report: Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)")
        .contains("| Deliveries received | 2 |")
        .contains("| Events handled | 1 |")
        .contains("| Tickets touched | 1 |")
        .contains("| Dead letters open | 1 (1 new) |")
        .contains("| Helpdesk errors | 1 |")
        .contains("23:00 " + "█".repeat(30) + " 1")
        .contains("03:00 " + "█".repeat(30) + " 1")
        .doesNotContain("whsec_payload").doesNotContain("v1=abc");
  }

  @Test
  void theZoneComesFromTheVariableWhenNotGiven() {
    env.put("BRIDGE_REPORT_ZONE", "America/New_York");

    assertThat(run("--since", "8h")).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("# Shift report: Sat 14 Mar 20:00 to Sun 15 Mar 04:00 (America/New_York)")
        .contains("| Deliveries received | 1 |");
  }

  @Test
  void htmlGoesToTheFileAndStdoutSaysWhere() throws Exception {
    Path file = home.resolve("night.html");

    int code = run("--since", "2026-03-14T22:00", "--until", "2026-03-15T06:00", "--zone", "Europe/Paris", "--format", "html",
        "--out", file.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("shift report Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris) (2 deliveries,"
        + " 1 dead letters open) written to " + file + System.lineSeparator());
    assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>")
        .contains("<tr><th scope=\"row\">Deliveries received</th><td class=\"n\">2</td></tr>")
        .contains("<svg").contains("<figcaption>");
  }

  @Test
  void eachBadOptionIsNamedAndNothingIsRead() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--since=WHEN'");

    assertError(new String[] {"--since", "yesterday"}, "--since: cannot read 'yesterday': give a time of day (22:00)");
    assertError(new String[] {"--since", "22:00", "--until", "soon"}, "--until: cannot read 'soon'");
    assertError(new String[] {"--since", "24:30"}, "--since: '24:30' is not a time of day (00:00 to 23:59)");
    assertError(new String[] {"--since", "22:00", "--zone", "Mars/Olympus"}, "--zone: unknown time zone 'Mars/Olympus'");
    assertError(new String[] {"--since", "22:00", "--format", "pdf"}, "--format: 'pdf' is not md or html");
    assertError(new String[] {"--since", "2026-04-01T00:00", "--zone", "UTC"}, "--since 2026-04-01T00:00 (Wed 1 Apr 00:00) is not in the past");
    assertError(new String[] {"--since", "22:00", "--until", "2026-03-01T00:00", "--zone", "UTC"}, "--until 2026-03-01T00:00");
    assertError(new String[] {"--since", "22:00", "--out", home.resolve("no/such/folder/r.md").toString()},
        "--out: folder " + home.resolve("no/such/folder") + " does not exist");
    env.put("BRIDGE_REPORT_ZONE", "Nowhere/Town");
    assertError(new String[] {"--since", "22:00"}, "BRIDGE_REPORT_ZONE: unknown time zone 'Nowhere/Town'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void theJarKnowsTheCommand() {
    CommandLine cli = new CommandLine(new BridgeCli());

    assertThat(cli.getSubcommands()).containsKey("report");
    assertThat(cli.getSubcommands().get("report").getUsageMessage()).contains("--since=WHEN", "--until=WHEN", "--zone=ZONE",
        "--format=md|html", "--out=FILE");
  }

  private void assertError(String[] args, String message) {
    err.getBuffer().setLength(0);
    assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
    assertThat(err.toString()).as(String.join(" ", args)).contains(message);
  }
}
