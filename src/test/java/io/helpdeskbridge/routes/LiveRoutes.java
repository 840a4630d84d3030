package io.helpdeskbridge.routes;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.intake.BridgeHeaders;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.mapping.MappingLoader;
import io.helpdeskbridge.ticket.DryRunSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;

/**
 * A stand-in for the running bridge: a Camel context with the bridge's components over a dry sink,
 * whose routes were loaded from a folder the way Camel Main's include pattern loads them. Events go
 * in through the {@code webhook:} consumer; what the routes made of them is in {@link #sink}.
 */
final class LiveRoutes implements AutoCloseable {
  static final Map<String, Mapping> MAPPINGS = new MappingLoader().load(new BridgeHome(Path.of("")).files("mappings"));

  final DryRunSink sink;
  final RouteHarness harness;
  final Path folder;

  /** @param helpdesks the helpdesk connectors this bridge has enabled (besides {@code default}) */
  LiveRoutes(Path folder, Set<String> helpdesks) throws Exception {
    this.folder = folder;
    this.sink = new DryRunSink(MAPPINGS, helpdesks);
    this.harness = new RouteHarness(sink, id -> true, MAPPINGS);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.filter(RouteReloader::isRouteFile).sorted().toList()) {
        PluginHelper.getRoutesLoader(context()).loadRoutes(
            List.of(PluginHelper.getResourceLoader(context()).resolveResource("file:" + p)));
      }
    }
  }

  /** The shipped route files named, copied into {@code folder}. */
  static Path shipped(Path folder, String... names) throws Exception {
    for (String n : names) Files.copy(Path.of("routes", n), folder.resolve(n));
    return folder;
  }

  CamelContext context() {
    return harness.context();
  }

  /** A refund of order {@code order} through {@code webhook:stripe}; the mapping ids it reached. */
  List<String> refund(String order) {
    int before = sink.planned().size();
    RefundIssued event = new RefundIssued("stripe", "evt_" + order, Instant.parse("2026-11-24T10:00:00Z"),
        OrderRef.ofOrder(order), "charge.refunded", Money.of(2500, "USD"), "re_" + order, "ch_" + order, null);
    Exchange done = harness.consumer("stripe").orElseThrow(() -> new AssertionError("no route consumes webhook:stripe"))
        .deliver(ex -> {
          ex.getMessage().setBody(event);
          ex.getMessage().setHeader(BridgeHeaders.EVENT_TYPE, event.type());
          ex.getMessage().setHeader(BridgeHeaders.SOURCE, event.source());
          ex.getMessage().setHeader(BridgeHeaders.VENDOR_TYPE, event.vendorType());
          ex.getMessage().setHeader(BridgeHeaders.ORDER_KEY, event.order().key());
        });
    if (done.getException() != null) throw new AssertionError("the route failed", done.getException());
    return sink.planned().subList(before, sink.planned().size()).stream().map(p -> p.mapping().id()).toList();
  }

  @Override
  public void close() {
    harness.close();
  }
}
