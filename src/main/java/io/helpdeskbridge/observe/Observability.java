package io.helpdeskbridge.observe;

import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.store.Store;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health, metrics and tracing the way Camel Main offers them, on the webhook port:
 * <ul>
 *   <li>{@code /observe/health}, {@code /observe/health/live}, {@code /observe/health/ready}: Camel's
 *       health checks (context, routes, consumers such as the cluster mode's Kafka consumer) plus
 *       {@link StoreHealthCheck} for readiness;
 *   <li>{@code /observe/metrics}: Prometheus text from camel-micrometer-prometheus, whose registry
 *       the bridge supplies so that {@link BridgeMeters} land in the same scrape;
 *   <li>{@code BRIDGE_TRACING=otel}: Camel's OpenTelemetry 2 tracer; the SDK configures itself from
 *       the standard {@code OTEL_*} variables ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, ...).
 * </ul>
 * The management endpoints share the webhook server: Camel Main reuses the server when both ports
 * are the same, and a second port would be a second server (BUILD-NOTES, gotcha 2).
 *
 * @see <a href="https://camel.apache.org/components/4.18.x/others/main.html">Camel Main: camel.management.*, camel.metrics.*</a>
 */
public final class Observability {
  private static final Logger LOG = LoggerFactory.getLogger(Observability.class);
  /** How long the inbox depth gauges reuse one count of the store. */
  static final Duration DEPTH_CACHE = Duration.ofSeconds(10);

  private Observability() {}

  /** Configures {@code main} (before it runs) and installs the bridge's meters. */
  public static void configure(Main main, BridgeSettings settings, Store store) {
    main.addInitialProperty("camel.management.enabled", "true");
    main.addInitialProperty("camel.management.port", String.valueOf(settings.httpPort()));
    main.addInitialProperty("camel.management.healthCheckEnabled", "true");
    main.addInitialProperty("camel.management.metricsEnabled", "true");
    main.addInitialProperty("camel.metrics.enabled", "true");
    main.addInitialProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,uptime");

    // Camel's metrics service takes the registry bound under this name instead of making its own
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
    BridgeMeters meters = new BridgeMeters(registry);
    meters.inboxDepth(store.inbox()::countByStatus, DEPTH_CACHE);
    BridgeMeters.install(meters);

    // health checks bound in the registry are picked up by Camel's health check registry
    main.bind("bridgeStoreHealthCheck", new StoreHealthCheck(store.dataSource()));

    String tracing = settings.env().getOrDefault("BRIDGE_TRACING", "").trim().toLowerCase(Locale.ROOT);
    switch (tracing) {
      case "", "off", "none" -> { }
      case "otel" -> {
        // the OpenTelemetry API configures its SDK from OTEL_* only when asked to
        System.setProperty("otel.java.global-autoconfigure.enabled", "true");
        // defaults the OTEL_* variables override: Prometheus has the metrics and the log has the logs
        otelDefault(settings, "otel.service.name", "helpdesk-bridge");
        otelDefault(settings, "otel.metrics.exporter", "none");
        otelDefault(settings, "otel.logs.exporter", "none");
        main.addInitialProperty("camel.opentelemetry2.enabled", "true");
        LOG.info("tracing: OpenTelemetry, exported to {}",
            settings.env().getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "the SDK's default OTLP endpoint on localhost"));
      }
      default -> throw new IllegalStateException("BRIDGE_TRACING=" + tracing + " is not one of: otel, off");
    }
  }

  /** Sets an SDK property unless its variable ({@code otel.service.name}: OTEL_SERVICE_NAME) or the property is set. */
  private static void otelDefault(BridgeSettings settings, String property, String value) {
    String variable = property.toUpperCase(Locale.ROOT).replace('.', '_');
    String set = settings.env().get(variable);
    if ((set == null || set.isBlank()) && System.getProperty(property) == null) System.setProperty(property, value);
  }
}
