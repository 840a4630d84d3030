package io.helpdeskbridge;

import io.helpdeskbridge.cluster.ClusterMode;
import io.helpdeskbridge.cluster.ClusterSettings;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.dispatch.InboxProcessor;
import io.helpdeskbridge.dispatch.ShardedDispatcher;
import io.helpdeskbridge.intake.IntakeRoutes;
import io.helpdeskbridge.intake.Sources;
import io.helpdeskbridge.intake.WebhookComponent;
import io.helpdeskbridge.intake.WebhookIntake;
import io.helpdeskbridge.observe.Observability;
import io.helpdeskbridge.ops.OpsApi;
import io.helpdeskbridge.ops.OpsConsole;
import io.helpdeskbridge.ops.Replayer;
import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.routes.RouteFolderWatch;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.HelpdeskContext;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.sweep.ShipmentBook;
import io.helpdeskbridge.sweep.StaleShipmentSource;
import io.helpdeskbridge.sweep.StaleShipmentSweep;
import io.helpdeskbridge.sweep.SweepSettings;
import io.helpdeskbridge.ticket.Helpdesks;
import io.helpdeskbridge.ticket.TicketComponent;
import io.helpdeskbridge.ticket.TicketPace;
import io.helpdeskbridge.ticket.TicketWriter;
import io.helpdeskbridge.enrich.EnrichComponent;
import io.helpdeskbridge.enrich.Enricher;
import io.helpdeskbridge.enrich.LookupRunner;
import io.helpdeskbridge.incident.CarrierIncidents;
import io.helpdeskbridge.incident.IncidentComponent;
import io.helpdeskbridge.refund.RefundActions;
import io.helpdeskbridge.refund.RefundComponent;
import io.helpdeskbridge.refund.RefundLedger;
import io.helpdeskbridge.report.ShiftReportJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the running bridge: store, plugins, helpdesk connections, dispatcher, and Camel Main
 * with the intake routes plus the ops' YAML routes. {@link #run()} blocks until the process is
 * told to stop.
 */
public final class Bridge {
  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

  private final BridgeSettings settings;

  public Bridge(BridgeSettings settings) {
    this.settings = settings;
  }

  public void run() throws Exception {
    Plugins plugins = Plugins.discover();
    BridgeConfig config = BridgeConfig.load(settings, plugins, true).withDevSecrets(settings, Bridge::loudly);
    if (config.defaultHelpdesk() == null) {
      throw new IllegalStateException("no helpdesk connector is enabled in " + settings.home().describe("connectors")
          + " (the shipped connectors/sandbox.yaml would give you the sandbox)");
    }
    // read before anything opens: a malformed BRIDGE_SHIFT_REPORT_* stops start-up naming the variable
    ShiftReportJob.Settings shiftReportSettings = ShiftReportJob.Settings.from(settings.env(), settings.home().path());
    Store store = Store.open(settings.storeUrl());
    LOG.info("store: {}", Store.redact(settings.storeUrl()));

    // helpdesks that push events over a channel of their own (a Salesforce subscription) hand them to
    // the intake, which exists only further down; they start once the bridge consumes events
    io.helpdeskbridge.intake.DeferredInbound inbound = new io.helpdeskbridge.intake.DeferredInbound();
    Map<String, Helpdesks.Entry> entries = new LinkedHashMap<>();
    for (ConnectorSettings c : config.helpdesks()) {
      // every helpdesk connector may state its plan's budget and how long to leave a failing desk alone
      var guard = new io.helpdeskbridge.resilience.HelpdeskGuard(c.id(), c.integer("requests-per-minute", 0),
          java.time.Duration.ofSeconds(c.integer("breaker-open-seconds", 30)));
      var connection = plugins.helpdesk(c.plugin()).orElseThrow().connect(c, new HelpdeskContext(store.dataSource(), guard, inbound));
      // and the helpdesk's limit on updates of one ticket (Zendesk: 30 per 10 minutes)
      var pace = new TicketPace.Limit(c.integer("updates-per-ticket", 0),
          java.time.Duration.ofMinutes(c.integer("updates-per-ticket-minutes", 10)));
      entries.put(c.id(), new Helpdesks.Entry(c.id(), connection, new HelpdeskRetry(c.id(), settings.retry(), guard), pace));
      LOG.info("helpdesk '{}': {}", c.id(), connection.describe());
    }
    Helpdesks helpdesks = new Helpdesks(entries, config.defaultHelpdesk());
    LOG.info("ticket:default writes to '{}'", helpdesks.defaultId());

    Sources sources = new Sources();
    for (ConnectorSettings c : config.sources()) {
      sources.add(new Sources.Source(c.id(), plugins.source(c.plugin()).orElseThrow(), c));
      if (c.has("webhook-secret") || plugins.helpdesk(c.plugin()).isEmpty()) {
        LOG.info("source '{}' ({}): POST http://<host>:{}/webhooks/{}", c.id(), c.plugin(), settings.httpPort(), c.id());
      } else {
        LOG.info("source '{}' ({}): events through its subscription", c.id(), c.plugin());
      }
    }
    // the stale-shipment sweep's own source: always there, so rows it raised are applied even with the sweep off
    sources.add(new Sources.Source(StaleShipmentSource.ID, new StaleShipmentSource(),
        ConnectorSettings.of(StaleShipmentSource.ID, Map.of())));

    WebhookComponent webhook = new WebhookComponent();
    Clock clock = Clock.systemUTC();
    TicketWriter writer = new TicketWriter(store, config.mappings(), helpdesks, new TicketPace(store.dataSource(), clock));
    InboxProcessor processor = new InboxProcessor(store, sources, webhook, clock, settings.redelivery(), writer::flush,
        settings.coalesceWindow());
    // BRIDGE_KAFKA_BOOTSTRAP: rows go through a Kafka topic shared by every instance; else in-process shards
    ClusterMode cluster = ClusterSettings.from(settings.env()).map(c -> new ClusterMode(c, store, processor, clock)).orElse(null);
    ShardedDispatcher dispatcher = cluster == null ? new ShardedDispatcher(processor, settings.shards()) : null;
    WebhookIntake.Dispatch dispatch = cluster == null ? dispatcher : cluster.dispatch();
    WebhookIntake intake = new WebhookIntake(sources, store, dispatch, clock, settings.maxBodyBytes());
    ShipmentBook shipments = new ShipmentBook(new io.helpdeskbridge.store.Jdbc(store.dataSource()), clock);
    SweepSettings sweepSettings = SweepSettings.from(settings.env());
    List<LookupRunner> lookups = lookups(config, plugins);
    // the sweep asks the carrier platforms' tracker lookups; without one it judges on what the webhooks reported
    StaleShipmentSweep staleSweep = new StaleShipmentSweep(shipments, store, dispatch,
        new io.helpdeskbridge.enrich.TrackerPoller(lookups), sweepSettings, clock);
    // the daily handover, made once per cluster under a ShedLock lock, optionally posted on a ticket
    ShiftReportJob shiftReport = new ShiftReportJob(store, shiftReportSettings, helpdesks, clock);

    Enricher enricher = new Enricher(lookups, store.dataSource(),
        states -> shipments.recordAll(states, store.aliases(), "enrich"));
    Main main = new Main();
    main.bind("webhook", webhook);
    main.bind("ticket", new TicketComponent(writer));
    main.bind("enrich", new EnrichComponent(config.mappings(), enricher, writer, store));
    main.bind("refund", new RefundComponent(refundActions(config, plugins), new RefundLedger(store.dataSource()), writer, clock));
    main.bind("incident", new IncidentComponent(new CarrierIncidents(store.dataSource()), writer, config.mappings(), clock));
    main.configure().setName("helpdesk-bridge");
    OpsApi ops = new OpsApi(store, new Replayer(store, dispatch), opsToken(settings));
    OpsConsole console = new OpsConsole(ops, store, config, helpdesks, clock);
    main.configure().addRoutesBuilder(new IntakeRoutes(intake, exchange -> health(exchange, store), ops::handle, console));
    if (cluster != null) main.configure().addRoutesBuilder(cluster.consumerRoute());
    main.configure().withRoutesIncludePattern(settings.home().routesPattern());
    // edits to routes/ apply while running, each file checked as validate does first (BRIDGE_ROUTES_RELOAD)
    RouteFolderWatch.install(main, settings, config.mappings());
    main.addInitialProperty("camel.server.enabled", "true");
    main.addInitialProperty("camel.server.port", String.valueOf(settings.httpPort()));
    // Vert.x refuses far larger bodies on its own; up to this, intake answers 413 as problem+json
    main.addInitialProperty("camel.server.maxBodySize", String.valueOf(Math.max(settings.maxBodyBytes() * 4, 12L * 1024 * 1024)));
    // /observe/health(/live|/ready), /observe/metrics and optional tracing, on the same port
    Observability.configure(main, settings, store);
    main.addMainListener(new MainListenerSupport() {
      @Override
      public void afterStart(BaseMainSupport m) {
        if (cluster != null) {
          // what a crash left behind is in the topic, or unpublished and found by the relay
          cluster.start();
        } else {
          dispatcher.recover(store);
          dispatcher.startSweeping(store, java.time.Duration.ofMillis(Math.min(1000, settings.redelivery().firstBackoff().toMillis())));
        }
        // routes and dispatch are up: subscriptions may now hand their events in
        inbound.wire(intake);
        staleSweep.start();
        shiftReport.start();
        if (sweepSettings.enabled()) LOG.info("stale-shipment sweep every {} (quiet after {}, one poll per tracker per {})",
            sweepSettings.interval(), sweepSettings.quiet(), sweepSettings.pollEvery());
        LOG.info("Helpdesk Bridge is up on port {} (routes from {}, mappings from {})", settings.httpPort(),
            settings.home().describe("routes"), settings.home().describe("mappings"));
      }

      @Override
      public void beforeStop(BaseMainSupport m) {
        // the routes stop next: what a subscription hears from now on is refused, not dispatched to
        // no route, and comes again when it resubscribes from the newest stored event
        inbound.unwire();
      }

      @Override
      public void afterStop(BaseMainSupport m) {
        staleSweep.close();
        shiftReport.close();
        if (cluster != null) cluster.close();
        else dispatcher.close();
        helpdesks.close();
        enricher.close();
        store.close();
      }
    });
    main.run();
  }

  /** A lookup for every enabled vendor connector whose plugin offers one and whose settings allow it. */
  static List<LookupRunner> lookups(BridgeConfig config, Plugins plugins) {
    List<LookupRunner> out = new ArrayList<>();
    for (ConnectorSettings c : config.connectors()) {
      plugins.lookup(c.plugin()).filter(l -> l.enabled(c)).ifPresent(l -> {
        out.add(new LookupRunner(l, c));
        LOG.info("lookup '{}': {} for ticket enrichment", c.id(), l.describes());
      });
    }
    return out;
  }

  /** The refund action of every enabled connector whose plugin offers one and whose settings allow it. */
  static RefundActions refundActions(BridgeConfig config, Plugins plugins) {
    RefundActions out = new RefundActions();
    for (ConnectorSettings c : config.connectors()) {
      plugins.refund(c.plugin()).filter(r -> r.enabled(c)).ifPresent(r -> out.add(new RefundActions.Bound(c.id(), r, c)));
    }
    return out;
  }

  /** BRIDGE_OPS_TOKEN, or a generated one kept beside the dev secrets for the CLI on this machine. */
  public static String opsToken(BridgeSettings settings) {
    String t = settings.env().get("BRIDGE_OPS_TOKEN");
    return t != null && !t.isBlank() ? t : new io.helpdeskbridge.config.DevSecrets(settings.home().path()).getOrCreate("ops");
  }

  private static void health(Exchange exchange, Store store) {
    boolean up;
    try (var c = store.dataSource().getConnection()) {
      up = c.isValid(2);
    } catch (Exception e) {
      up = false;
    }
    exchange.getMessage().removeHeaders("*");
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    exchange.getMessage().setBody(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"store\":\"unreachable\"}");
  }


  private static void loudly(String message) {
    String bar = "!".repeat(100);
    LOG.warn("\n{}\n!! {}\n{}", bar, message, bar);
  }
}
