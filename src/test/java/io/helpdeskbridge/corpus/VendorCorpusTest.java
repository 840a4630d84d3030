package io.helpdeskbridge.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.intake.Delivery;
import io.helpdeskbridge.ops.TryOut;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vendor contract corpus: every payload under {@code src/test/resources/vendor/<source>/}, as
 * the vendor posts it, goes through the path a live delivery takes (the plugin's signature check
 * on a delivery signed as the vendor signs it, event id, normalize: {@link Delivery}), the shipped
 * routes and mappings, and the rendered ticket change. The outcome is compared with the approved
 * file beside the payload ({@code <name>.approved.txt}): a changed outcome fails until the new one
 * is reviewed and committed. This is {@code try}'s own machinery ({@link TryOut}), so {@code try}
 * gives the same outcome by construction.
 *
 * <p>After a deliberate change: {@code mvn test -Dtest=VendorCorpusTest -Dcorpus.approve=true}
 * rewrites the approved files; review them with {@code git diff} before committing. Without the
 * flag, what a failing payload gave is written to {@code target/corpus-received/}.
 */
class VendorCorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/vendor");
  private static final boolean APPROVE = Boolean.getBoolean("corpus.approve");

  @TempDir static Path home;
  private static TryOut tryOut;
  private static TryOut.Routes routes;

  /** Every source the corpus has payloads for, switched on with test secrets; the helpdesk is the sandbox. */
  static Map<String, String> env(Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BRIDGE_HOME", home.toString());
    env.put("STRIPE_WEBHOOK_SECRET", "whsec_corpus");
    env.put("SHOPIFY_WEBHOOK_SECRET", "shpss_corpus");
    env.put("EASYPOST_WEBHOOK_SECRET", "ep_corpus");
    env.put("AFTERSHIP_WEBHOOK_SECRET", "as_corpus");
    env.put("SIGNIFYD_WEBHOOK_SECRET", "sig_corpus");
    env.put("PAYPAL_WEBHOOK_ID", "WH-CORPUS-1");
    env.put("ADOBE_COMMERCE_URL", "http://127.0.0.1:9/commerce");
    env.put("ADOBE_COMMERCE_WEBHOOK_SECRET", "ac_corpus");
    // helpdesks are sources too (their ticket webhooks); nothing is sent to them: the ticket steps only plan
    env.put("ZENDESK_URL", "http://127.0.0.1:9/zendesk");
    env.put("ZENDESK_EMAIL", "corpus@example.com");
    env.put("ZENDESK_API_TOKEN", "zd_token_corpus");
    env.put("ZENDESK_WEBHOOK_SECRET", "zd_corpus");
    env.put("HUBSPOT_ACCESS_TOKEN", "hs_token_corpus");
    env.put("HUBSPOT_WEBHOOK_SECRET", "hs_corpus");
    env.put("HUBSPOT_WEBHOOK_URL", "https://bridge.example.com/webhooks/hubspot");
    return env;
  }

  @BeforeAll
  static void load() throws Exception {
    BridgeConfig config = BridgeConfig.load(BridgeSettings.from(env(home)), Plugins.discover(), false);
    tryOut = new TryOut(config);
    routes = tryOut.routes(Path.of("routes/to-ticket.yaml"));
  }

  @AfterAll
  static void close() {
    if (routes != null) routes.close();
  }

  static Stream<String> payloads() throws Exception {
    try (Stream<Path> files = Files.walk(CORPUS)) {
      return files.filter(p -> p.toString().endsWith(".json")).map(p -> CORPUS.relativize(p).toString().replace('\\', '/'))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void aVendorPayloadGivesItsApprovedOutcome(String payload) throws Exception {
    Path file = CORPUS.resolve(payload);
    String source = file.getParent().getFileName().toString();
    byte[] body = Files.readAllBytes(file);
    String outcome = CorpusOutcome.of(source, body, headers(file), tryOut, routes);

    Path approved = Path.of(file.toString().replaceFirst("\\.json$", ".approved.txt"));
    String expected = Files.exists(approved) ? Files.readString(approved) : null;
    if (outcome.equals(expected)) return;
    if (APPROVE) {
      Files.writeString(approved, outcome);
      return;
    }
    Path received = Path.of("target/corpus-received").resolve(payload.replaceFirst("\\.json$", ".received.txt"));
    Files.createDirectories(received.getParent());
    Files.writeString(received, outcome);
    if (expected == null) {
      fail(payload + " has no approved outcome yet; review " + received + " and approve it (-Dcorpus.approve=true)");
    }
    assertThat(outcome).as(payload + " no longer gives its approved outcome (" + approved + ")").isEqualTo(expected);
  }

  /** {@code <name>.headers}: one {@code Name: value} a line, for vendors that put meaning in headers. */
  static Map<String, String> headers(Path payload) throws Exception {
    Path file = Path.of(payload.toString().replaceFirst("\\.json$", ".headers"));
    Map<String, String> headers = new LinkedHashMap<>();
    if (!Files.exists(file)) return headers;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon < 1) throw new IllegalArgumentException(file + ": not 'Name: value': " + line);
      headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    return headers;
  }

  /** Lists what the corpus holds, by source, for the README and the closing note. */
  static Map<String, List<String>> bySource() throws Exception {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (String p : payloads().toList()) {
      out.computeIfAbsent(p.substring(0, p.indexOf('/')), k -> new java.util.ArrayList<>()).add(p);
    }
    return out;
  }
}
