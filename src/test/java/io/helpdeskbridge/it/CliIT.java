package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StripeEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops commands of the real jar: validate and try, as support ops run them. */
class CliIT {
  @TempDir Path home;

  @Test
  void theShippedFilesAreValid() throws Exception {
    BridgeProcess.Cli r = BridgeProcess.runCli(home, Map.of(), "validate");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("OK: ").contains("route file(s)");
  }

  @Test
  void aBrokenMappingIsReportedWithFileAndLineAndFailsTheCommand() throws Exception {
    Files.createDirectories(home.resolve("mappings"));
    Files.writeString(home.resolve("mappings/refund-issued.yaml"), """
        id: refund-issued
        on: RefundIsued
        ticket:
          find: [index, field:order_id]
          when-missing: maybe
        change:
          note: "Refund of {{amount}}"
          prioirty: high
        """);

    BridgeProcess.Cli r = BridgeProcess.runCli(home, Map.of(), "validate");

    assertThat(r.exitCode()).isEqualTo(1);
    String file = home.resolve("mappings").resolve("refund-issued.yaml").toString();
    assertThat(r.err())
        .contains(file + ":2: unknown event type 'RefundIsued'")
        .contains(file + ":5: 'when-missing' must be skip, create or dead-letter, not 'maybe'")
        .contains(file + ":8: unknown key 'change.prioirty'")
        // the home's mappings/ replaces the shipped folder: the shipped routes now miss their other mappings
        .contains("no mapping 'refund-failed' in mappings/")
        .contains("problem(s) found");
  }

  @Test
  void aRouteNamingAMissingMappingIsReportedAtItsLine() throws Exception {
    Files.createDirectories(home.resolve("routes"));
    Files.writeString(home.resolve("routes/stripe.yaml"), """
        - route:
            id: stripe
            from:
              uri: webhook:stripe
              steps:
                - to: ticket:default?mapping=refund-issud
        """);

    BridgeProcess.Cli r = BridgeProcess.runCli(home, Map.of(), "validate");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(home.resolve("routes").resolve("stripe.yaml") + ":6: ")
        .contains("no mapping 'refund-issud'");
  }

  @Test
  void aNewcomerSeesASampleRefundLandOnASandboxTicketWithoutAnyCredentials() throws Exception {
    try (BridgeProcess bridge = new BridgeProcess(home, Map.of()).start()) {
      BridgeProcess.Cli sent = bridge.cli("send-sample", "stripe", "charge.refunded");

      assertThat(sent.exitCode()).as(sent.err()).isZero();
      assertThat(sent.out()).contains("-> HTTP 202").contains("\"status\":\"accepted\"");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
          .until(() -> bridge.log().contains("sandbox: ticket #1 got an internal note"));
      assertThat(bridge.log())
          .contains("using a DEVELOPMENT secret")
          .contains("| Refund of 25.00 USD issued in stripe for order 1001.");
      // a second sample is a new delivery, not a duplicate
      assertThat(bridge.cli("send-sample", "stripe", "charge.refunded").out()).contains("\"status\":\"accepted\"");
    }
  }

  @Test
  void runRefusesToStartWhenARequiredVariableIsMissingAndNamesItAndTheFile() throws Exception {
    BridgeProcess.Cli r = BridgeProcess.runCli(home,
        Map.of("ZENDESK_URL", "http://127.0.0.1:9", "BRIDGE_HTTP_PORT", "0"), "run");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("connectors/zendesk.yaml:")
        .contains("environment variable ZENDESK_EMAIL is not set (needed by settings.email)")
        .contains("environment variable ZENDESK_API_TOKEN is not set (needed by settings.api-token)");
  }

  @Test
  void tryShowsTheChangeAVendorEventWouldMakeAndSendsNothing() throws Exception {
    Path event = home.resolve("refund.json");
    Files.write(event, StripeEvents.chargeRefunded("evt_try_1", "1001", 500, 2500));

    BridgeProcess.Cli viaMapping = BridgeProcess.runCli(home, Map.of(), "try", "refund-issued", event.toString());
    BridgeProcess.Cli viaRoute = BridgeProcess.runCli(home, Map.of(), "try", "routes/stripe.yaml", event.toString());

    assertThat(viaMapping.exitCode()).as(viaMapping.err()).isZero();
    assertThat(viaMapping.out())
        .contains("event: RefundIssued from stripe evt_try_1 (order:1001, charge.refunded)")
        .contains("internal note:")
        .contains("| Refund of 20.00 USD issued in stripe for order 1001.")
        .contains("add tags: refund_issued")
        .contains("remove tags: refund_pending")
        .contains("nothing was sent");
    // a route is tried from a file that exists: here the home has no routes/ folder yet
    assertThat(viaRoute.exitCode()).isNotZero();
    assertThat(viaRoute.err()).contains("neither a route file");

    Files.createDirectories(home.resolve("routes"));
    Files.copy(Path.of("routes/stripe.yaml"), home.resolve("routes/stripe.yaml"));
    Files.copy(Path.of("routes/to-ticket.yaml"), home.resolve("routes/to-ticket.yaml"));
    BridgeProcess.Cli viaCopiedRoute = BridgeProcess.runCli(home, Map.of(), "try", "routes/stripe.yaml", event.toString());
    assertThat(viaCopiedRoute.exitCode()).as(viaCopiedRoute.err()).isZero();
    assertThat(viaCopiedRoute.out()).contains("mapping refund-issued").contains("| Refund of 20.00 USD");
  }
}
