package io.helpdeskbridge.intake;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code webhook:<source>}: the stored, verified deliveries of one source, as canonical events.
 * The dispatcher feeds each event to the route that consumes its source; one route per source.
 */
public class WebhookComponent extends DefaultComponent {
  private final Map<String, WebhookConsumer> consumers = new ConcurrentHashMap<>();
  private final java.util.function.Predicate<String> knownSource;

  public WebhookComponent() {
    this(source -> true);
  }

  /** @param knownSource which source ids a route may name ({@code validate} passes the connector ids) */
  public WebhookComponent(java.util.function.Predicate<String> knownSource) {
    this.knownSource = knownSource;
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    if (remaining == null || remaining.isBlank()) {
      throw new IllegalArgumentException(uri + ": name the source, e.g. webhook:stripe");
    }
    if (!knownSource.test(remaining)) {
      throw new IllegalArgumentException(uri + ": no connector '" + remaining + "' in connectors/");
    }
    return new WebhookEndpoint(uri, this, remaining);
  }

  void register(String source, WebhookConsumer consumer) {
    WebhookConsumer before = consumers.putIfAbsent(source, consumer);
    if (before != null && before != consumer) {
      throw new IllegalStateException("two routes consume webhook:" + source + " (" + before.getRouteId() + " and "
          + consumer.getRouteId() + "); use one route with a choice");
    }
  }

  void unregister(String source, WebhookConsumer consumer) {
    consumers.remove(source, consumer);
  }

  public Optional<WebhookConsumer> consumer(String source) {
    return Optional.ofNullable(consumers.get(source));
  }
}
