package io.helpdeskbridge.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.BridgeHeaders;
import io.helpdeskbridge.intake.Delivery;
import io.helpdeskbridge.mapping.EventTypes;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.routes.RouteHarness;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.ticket.DryRunSink;
import io.helpdeskbridge.yaml.ProblemsException;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows the ticket change an event would make, sending nothing: the machinery behind the {@code
 * try} command and the ops console's mapping try-out. An event is a vendor payload (as the vendor
 * posts it, turned into canonical events by a source's plugin) or a canonical event ({@code
 * "type": "RefundIssued"}); it goes through one mapping, or through the routes of a folder loaded
 * into a {@link RouteHarness} whose {@code ticket:} steps write to a {@link DryRunSink}.
 */
public final class TryOut {
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Pattern FROM = Pattern.compile("webhook:([A-Za-z0-9_-]+)");

  /**
   * What a try-out found: the canonical events, the changes the ticket steps would have made, and
   * remarks (an event the mapping does not handle).
   */
  public record Result(List<OrderEvent> events, List<DryRunSink.Planned> planned, List<String> notes) {}

  /** A bundled vendor sample a source connector can try: {@code samples/<plugin>/<name>.json}. */
  public record Sample(String connector, String plugin, String name) {
    /** How the console names it in a form: {@code stripe/charge.refunded}. */
    public String key() {
      return connector + "/" + name;
    }
  }

  private final BridgeConfig config;

  public TryOut(BridgeConfig config) {
    this.config = config;
  }

  /**
   * The canonical events of an event body: a canonical event as is, else what the first source
   * (the one given, or each enabled one in turn) makes of the vendor payload. {@code what} names
   * the body in messages (the file, "the pasted event").
   */
  public List<OrderEvent> events(byte[] body, String source, Map<String, String> headers, String what) throws Exception {
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(what + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (payload == null || payload.isMissingNode()) throw new IllegalArgumentException(what + ": empty");
    if (payload.hasNonNull("type") && EventTypes.names().contains(payload.get("type").asText())) {
      return List.of(JSON.treeToValue(payload, OrderEvent.class));
    }
    List<ConnectorSettings> candidates = new ArrayList<>();
    if (source != null) candidates.add(config.source(source));
    else candidates.addAll(config.sources());
    List<String> why = new ArrayList<>();
    for (ConnectorSettings c : candidates) {
      Delivery delivery;
      try {
        delivery = deliver(c, body, payload, headers);
      } catch (WebhookRejected e) {
        why.add(c.id() + " would refuse the delivery: " + e.detail());
        continue;
      } catch (MissingHeader e) {
        why.add(e.getMessage());
        continue;
      }
      if (delivery.normalizeError() != null) {
        throw new IllegalArgumentException(what + ": " + c.id() + " could not read it (" + delivery.normalizeError().getMessage()
            + "); the bridge would keep it and dead-letter it with that error");
      }
      if (!delivery.ignored()) return delivery.events();
      why.add(delivery.ignoredBecause());
    }
    throw new IllegalArgumentException(what + ": no " + (source == null ? "" : source + " ")
        + "source turns this payload into a canonical event; the bridge would record it as ignored ("
        + String.join("; ", why) + ")");
  }

  /** A header the vendor always sends and the event type is read from, missing from a try-out. */
  private static final class MissingHeader extends Exception {
    MissingHeader(String message) {
      super(message);
    }
  }

  /**
   * The delivery as the vendor would have made it, read as the live intake reads it ({@link
   * Delivery}): the headers given, plus those only the vendor can know (its signature over this
   * body with the configured secret, delivery ids, timestamps), then the plugin's own signature
   * check. Given headers win, so a real delivery's headers are checked as they are.
   */
  /**
   * One vendor payload delivered to source connector {@code sourceId} as {@link #events} delivers
   * it, for the vendor contract tests: refusals throw {@link IllegalArgumentException} with the
   * plugin's reason.
   */
  public Delivery deliver(String sourceId, byte[] body, Map<String, String> headers) {
    ConnectorSettings c = config.source(sourceId);
    try {
      return deliver(c, body, JSON.readTree(body), headers);
    } catch (WebhookRejected e) {
      throw new IllegalArgumentException(sourceId + " would refuse the delivery: " + e.detail(), e);
    } catch (MissingHeader | IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private Delivery deliver(ConnectorSettings c, byte[] body, JsonNode payload, Map<String, String> given)
      throws WebhookRejected, MissingHeader {
    EventSource plugin = config.plugins().source(c.plugin()).orElseThrow();
    Instant now = Instant.now();
    String vendorType = plugin.vendorType(new WebhookRequest(c.id(), given, body, now), payload);
    if (vendorType == null) {
      String header = typeHeader(plugin, c, body, now);
      if (header != null) {
        throw new MissingHeader(c.id() + " reads the event type from the " + header + " header, which was not given (-H "
            + header + "=<type>)");
      }
    }
    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    boolean signed;
    try {
      headers.putAll(plugin.signForSample(vendorType, body, c, now));
      signed = true;
    } catch (RuntimeException cannotSign) {
      signed = false;
    }
    headers.putAll(given);
    WebhookRequest request = new WebhookRequest(c.id(), headers, body, now);
    if (signed) plugin.verify(request, c, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    return Delivery.read(c.id(), plugin, c, request, payload);
  }

  /** The header a plugin carries the event type in, found by signing a probe type; null when it is in the body. */
  private static String typeHeader(EventSource plugin, ConnectorSettings c, byte[] body, Instant now) {
    String probe = "type-probe-" + java.util.UUID.randomUUID();
    try {
      for (Map.Entry<String, String> h : plugin.signForSample(probe, body, c, now).entrySet()) {
        if (probe.equals(h.getValue())) return h.getKey();
      }
    } catch (RuntimeException cannotSign) {
      return null;
    }
    return null;
  }

  /** A mapping by id or file name ({@code refund-issued}, {@code mappings/refund-issued.yaml}). */
  public Mapping mapping(String target) {
    String id = Path.of(target).getFileName().toString().replaceFirst("\\.ya?ml$", "");
    Mapping m = config.mappings().get(id);
    if (m == null) {
      throw new IllegalArgumentException("'" + target + "' is neither a route file under routes/ nor a mapping (known mappings: "
          + config.mappings().keySet() + ")");
    }
    return m;
  }

  /** Renders {@code mapping} for each event it handles; the others are named in the notes. */
  public Result withMapping(Mapping mapping, List<OrderEvent> events) {
    DryRunSink sink = sink();
    List<String> notes = new ArrayList<>();
    for (OrderEvent e : events) {
      if (e.type().equals(mapping.on())) sink.write(0, e, mapping.id(), "default");
      else notes.add(String.format("(%s is not a %s: mapping %s does not apply)", e.type(), mapping.on(), mapping.id()));
    }
    return new Result(events, sink.planned(), notes);
  }

  /**
   * Runs the events through the routes of {@code routeFile}'s folder (routes hand events to each
   * other: {@code webhook:stripe -> direct:to-ticket}), starting at each event's source route.
   */
  public Result throughRoutes(Path routeFile, List<OrderEvent> events) throws IOException {
    try (Routes routes = routes(routeFile)) {
      return routes.run(events);
    }
  }

  /** The routes of {@code routeFile}'s folder, loaded once to run many events through (close it after). */
  public Routes routes(Path routeFile) throws IOException {
    DryRunSink sink = sink();
    RouteHarness harness = new RouteHarness(sink, s -> true, config.mappings());
    try {
      for (Path other : routeFolder(routeFile)) {
        harness.load(other.toString(), Files.readString(other)).ifPresent(p -> {
          throw new ProblemsException(List.of(p));
        });
      }
    } catch (IOException | RuntimeException e) {
      harness.close();
      throw e;
    }
    return new Routes(routeFile, harness, sink);
  }

  /** A folder of routes loaded into a harness whose {@code ticket:} steps only plan. */
  public static final class Routes implements AutoCloseable {
    private final Path routeFile;
    private final RouteHarness harness;
    private final DryRunSink sink;

    private Routes(Path routeFile, RouteHarness harness, DryRunSink sink) {
      this.routeFile = routeFile;
      this.harness = harness;
      this.sink = sink;
    }

    /** The changes the events' source routes would make, in order. */
    public Result run(List<OrderEvent> events) {
      int before = sink.planned().size();
      for (OrderEvent e : events) {
        var consumer = harness.consumer(e.source())
            .orElseThrow(() -> new IllegalArgumentException(routeFile + " has no route from webhook:" + e.source()));
        var done = consumer.deliver(ex -> {
          ex.getMessage().setBody(e);
          ex.getMessage().setHeader(BridgeHeaders.EVENT_TYPE, e.type());
          ex.getMessage().setHeader(BridgeHeaders.SOURCE, e.source());
          ex.getMessage().setHeader(BridgeHeaders.VENDOR_TYPE, e.vendorType());
          ex.getMessage().setHeader(BridgeHeaders.ORDER_KEY, e.order().key());
        });
        if (done.getException() != null) throw new IllegalStateException("the route failed: " + done.getException().getMessage());
      }
      List<DryRunSink.Planned> all = sink.planned();
      return new Result(events, all.subList(before, all.size()), List.of());
    }

    @Override
    public void close() {
      harness.close();
    }
  }

  /** The route file {@code target} names (as given, under the home, or under its routes/), or null. */
  public static Path routeFile(BridgeHome home, String target) {
    for (Path p : List.of(Path.of(target), home.path().resolve(target), home.path().resolve("routes").resolve(target))) {
      if (Files.isRegularFile(p) && (p.getParent() != null && p.getParent().getFileName() != null
          && p.getParent().getFileName().toString().equals("routes"))) return p;
    }
    return null;
  }

  /** The source a route file consumes ({@code from: webhook:stripe}), or null. */
  public static String sourceOf(String routeText) {
    Matcher m = FROM.matcher(routeText);
    return m.find() ? m.group(1) : null;
  }

  /** The bundled samples of every enabled source connector whose plugin ships some, by connector then name. */
  public List<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    for (ConnectorSettings c : config.sources()) {
      for (String name : sampleNames(c.plugin())) out.add(new Sample(c.id(), c.plugin(), name));
    }
    return out;
  }

  /**
   * The canonical events of a bundled sample, delivered with the headers the plugin would send with
   * it (a Shopify topic, a Signifyd checkpoint). A sample's file name writes a {@code /} of its
   * vendor type as {@code -} ({@code refunds-create}); when the name as is yields no event, the
   * type with {@code /} is tried.
   */
  public List<OrderEvent> sampleEvents(String key) throws Exception {
    Sample sample = samples().stream().filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no bundled sample '" + key + "'"));
    ConnectorSettings c = config.source(sample.connector());
    EventSource plugin = config.plugins().source(c.plugin()).orElseThrow();
    byte[] body = plugin.sample(sample.name()).orElseThrow(() -> new IllegalArgumentException("no bundled sample '" + key + "'"));
    IllegalArgumentException last = null;
    String name = sample.name();
    for (String type : name.indexOf('-') < 0 ? List.of(name) : List.of(name, name.replace('-', '/'))) {
      try {
        return events(body, c.id(), headersFor(plugin, type, body, c), "sample " + key);
      } catch (IllegalArgumentException e) {
        last = e;
      }
    }
    throw last;
  }

  /** The bundled sample's payload (what the console shows, masked). */
  public byte[] sampleBody(String key) {
    Sample sample = samples().stream().filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no bundled sample '" + key + "'"));
    return config.plugins().source(sample.plugin()).orElseThrow().sample(sample.name())
        .orElseThrow(() -> new IllegalArgumentException("no bundled sample '" + key + "'"));
  }

  private static Map<String, String> headersFor(EventSource plugin, String type, byte[] body, ConnectorSettings c) {
    try {
      return plugin.signForSample(type, body, c, Instant.now());
    } catch (RuntimeException cannotSign) {
      return Map.of();
    }
  }

  private DryRunSink sink() {
    Set<String> helpdesks = new TreeSet<>();
    config.helpdesks().forEach(h -> helpdesks.add(h.id()));
    return new DryRunSink(config.mappings(), helpdesks);
  }

  private static List<Path> routeFolder(Path routeFile) throws IOException {
    try (var files = Files.list(routeFile.toAbsolutePath().getParent())) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  /**
   * The names of {@code samples/<plugin>/*.json} on the classpath: in a folder (tests, an IDE) or
   * in the jar (a jar need not list its folders, so the bridge's own jar is read entry by entry).
   */
  static List<String> sampleNames(String plugin) {
    String folder = "samples/" + plugin + "/";
    TreeSet<String> names = new TreeSet<>();
    try {
      List<URL> places = new ArrayList<>(java.util.Collections.list(TryOut.class.getClassLoader().getResources(folder)));
      var codeSource = TryOut.class.getProtectionDomain().getCodeSource();
      if (places.isEmpty() && codeSource != null) places.add(codeSource.getLocation());
      for (URL url : places) {
        if ("file".equals(url.getProtocol()) && Files.isDirectory(Path.of(url.toURI()))) {
          Path dir = Path.of(url.toURI());
          if (!dir.endsWith(Path.of("samples", plugin))) dir = dir.resolve(folder);
          if (!Files.isDirectory(dir)) continue;
          try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                .forEach(n -> names.add(n.substring(0, n.length() - 5)));
          }
        } else {
          try (var jar = jarOf(url)) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String n = e.nextElement().getName();
              if (n.startsWith(folder) && n.endsWith(".json") && n.indexOf('/', folder.length()) < 0) {
                names.add(n.substring(folder.length(), n.length() - 5));
              }
            }
          }
        }
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return List.copyOf(names);
    }
    return List.copyOf(names);
  }

  private static java.util.jar.JarFile jarOf(URL url) throws IOException, java.net.URISyntaxException {
    if ("file".equals(url.getProtocol())) return new java.util.jar.JarFile(Path.of(url.toURI()).toFile());
    URLConnection connection = url.openConnection();
    connection.setUseCaches(false);
    if (connection instanceof JarURLConnection jar) return jar.getJarFile();
    throw new IOException("cannot list " + url);
  }
}
