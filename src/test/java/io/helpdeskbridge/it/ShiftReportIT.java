package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.testing.BridgeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} of the real jar, on the store a bridge in this home would use. */
class ShiftReportIT {
  @TempDir Path home;

  @Test
  void theReportReadsTheHomesStoreAndWritesMarkdownOrHtml() throws Exception {
    Instant tenMinutesAgo = Instant.now().minusSeconds(600);
    try (Store store = Store.open(Store.defaultUrl(home))) {
      long done = store.inbox().accept("stripe", "evt_it_1", "charge.refunded", "order:1001", "{}", "{\"secret\":\"whsec_it\"}",
          InboxStatus.RECEIVED, null, tenMinutesAgo).id();
      store.inbox().finish(done, InboxStatus.DONE, "applied", null, tenMinutesAgo);
      long dead = store.inbox().accept("shopify", "wh_it_2", "refunds/create", "order:1002", "{}", "{}", InboxStatus.RECEIVED,
          null, tenMinutesAgo).id();
      store.inbox().finish(dead, InboxStatus.DEAD, null, "TicketWriteFailed: sandbox: sandbox ticket 9 not found", tenMinutesAgo);
      store.audit().record(new AuditTrail.Entry(done, "stripe", "evt_it_1", "RefundIssued", "order:1001", "sandbox", "1", "applied",
          null, tenMinutesAgo));
    }

    BridgeProcess.Cli md = BridgeProcess.runCli(home, Map.of(), "report", "--since", "2h", "--zone", "UTC");
    assertThat(md.exitCode()).as(md.err()).isZero();
    assertThat(md.out()).startsWith("# Shift report: ").contains("(UTC)")
        .contains("| Deliveries received | 2 |")
        .contains("| Tickets touched | 1 |")
        .contains("| Dead letters open | 1 (1 new) |")
        .contains("| sandbox | 1 | 1 | 0 | 0 |")
        .contains("█ 2").doesNotContain("whsec_it");

    BridgeProcess.Cli html = BridgeProcess.runCli(home, Map.of("BRIDGE_REPORT_ZONE", "Europe/Paris"), "report", "--since", "2h",
        "--format", "html", "--out", home.resolve("night.html").toString());
    assertThat(html.exitCode()).as(html.err()).isZero();
    assertThat(html.out()).contains("(Europe/Paris) (2 deliveries, 1 dead letters open) written to ");
    assertThat(Files.readString(home.resolve("night.html"))).contains("<svg").contains("role=\"img\"").contains("<figcaption>");

    BridgeProcess.Cli bad = BridgeProcess.runCli(home, Map.of(), "report", "--since", "last night");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--since: cannot read 'last night'").contains("Usage: helpdesk-bridge report");
  }
}
