package io.helpdeskbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Signs one of the vendor samples bundled in the jar with the source's secret (the configured one,
 * else the development secret the running bridge generated) and posts it to a running bridge.
 * Each run gets a fresh event id and timestamp, so it is never a duplicate nor stale.
 */
@Command(name = "send-sample", description = "Sign a bundled sample event and POST it to the running bridge.")
final class SendSampleCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Source connector id, e.g. stripe.")
  String source;

  @Parameters(index = "1", description = "Vendor event type, e.g. charge.refunded.")
  String eventType;

  @Option(names = "--url", description = "Base URL of the bridge (default http://localhost:$BRIDGE_HTTP_PORT).")
  String url;

  @Override
  public Integer call() throws Exception {
    BridgeSettings settings = BridgeSettings.from(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    BridgeConfig config = BridgeConfig.load(settings, Plugins.discover(), false)
        .withDevSecrets(settings, message -> out.println("note: " + message));
    ConnectorSettings connector = config.source(source);
    EventSource plugin = config.plugins().source(connector.plugin()).orElseThrow();
    byte[] sample = plugin.sample(eventType)
        .orElseThrow(() -> new IllegalArgumentException("no bundled " + connector.plugin() + " sample '" + eventType + "'"));
    Instant now = Instant.now();
    byte[] body = freshen(sample, now);
    Map<String, String> headers = plugin.signForSample(eventType, body, connector, now);
    String base = url != null ? url : "http://localhost:" + settings.httpPort();
    URI target = URI.create(base.replaceAll("/+$", "") + "/webhooks/" + source);
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IllegalStateException("no bridge answers at " + base + " (start it with: java -jar target/helpdesk-bridge.jar run)");
    }
    out.printf("POST %s (%s %s) -> HTTP %d %s%n", target, source, eventType, response.statusCode(), response.body());
    out.flush();
    return response.statusCode() / 100 == 2 ? 0 : 1;
  }

  /**
   * A new delivery id and creation time where the body carries them (Stripe and EasyPost
   * {@code evt_} ids, AfterShip's {@code event_id}), so each sample is a fresh delivery. Resource
   * ids (a Shopify order's numeric id) are left alone: they are what correlation learns from.
   */
  static byte[] freshen(byte[] sample, Instant now) throws java.io.IOException {
    var node = JSON.readTree(sample);
    if (node instanceof ObjectNode o) {
      String suffix = "_" + UUID.randomUUID().toString().substring(0, 8);
      if (o.hasNonNull("id") && o.get("id").isTextual() && o.get("id").asText().startsWith("evt_")) {
        o.put("id", o.get("id").asText() + suffix);
      }
      if (o.hasNonNull("event_id") && o.get("event_id").isTextual()) o.put("event_id", UUID.randomUUID().toString());
      if (o.has("created") && o.get("created").isNumber()) o.put("created", now.getEpochSecond());
      if (o.has("ts") && o.get("ts").isNumber()) o.put("ts", now.getEpochSecond());
    }
    return JSON.writeValueAsBytes(node);
  }
}
