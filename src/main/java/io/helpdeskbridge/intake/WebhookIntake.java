package io.helpdeskbridge.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.correlation.OrderResolver;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.observe.BridgeMeters;
import io.helpdeskbridge.observe.Correlation;
import io.helpdeskbridge.spi.InboundEvents;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.store.Inbox;
import io.helpdeskbridge.store.InboxBatcher;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.store.StoreException;
import io.helpdeskbridge.sweep.ShipmentBook;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/<source>}: size limit, the plugin's signature check, JSON parse, event id,
 * then the inbox row; 202 only once that row is committed. A known event id answers 200 and is
 * counted as a duplicate. Every refusal is a problem+json body that names no secret.
 *
 * <p>It is also the engine's {@link InboundEvents}: an event a plugin hears on its own channel takes
 * the same path from the event id on, without the HTTP and signature parts.
 */
public final class WebhookIntake implements Processor, InboundEvents {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Strict reading of vendor bodies: one JSON document, nothing after it. */
  private static final com.fasterxml.jackson.databind.ObjectReader STRICT =
      JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** Headers never stored with a delivery: credentials of whoever called us. */
  private static final Set<String> NEVER_STORED = Set.of("authorization", "cookie", "proxy-authorization");

  /** Hears about rows ready for processing. */
  public interface Dispatch {
    void submit(long inboxId, String orderKey);
  }

  private final Sources sources;
  private final Store store;
  private final OrderResolver resolver;
  private final ShipmentBook shipments;
  private final Dispatch dispatch;
  private final Clock clock;
  private final long maxBodyBytes;

  public WebhookIntake(Sources sources, Store store, Dispatch dispatch, Clock clock, long maxBodyBytes) {
    this.sources = sources;
    this.store = store;
    this.resolver = new OrderResolver(store.aliases());
    this.shipments = new ShipmentBook(new Jdbc(store.dataSource()), clock);
    this.dispatch = dispatch;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void process(Exchange exchange) {
    // the delivery's ids on every log line it causes, and on none after it
    try (Correlation ids = Correlation.open()) {
      receive(exchange);
    }
  }

  private void receive(Exchange exchange) {
    String sourceId = exchange.getMessage().getHeader("source", String.class);
    Sources.Source source = sources.get(sourceId).orElse(null);
    if (source == null) {
      // not the caller's path as a label: that would be a new time series per probe
      BridgeMeters.global().rejected("unknown", 404);
      ProblemResponse.problem(exchange, 404, "Unknown source",
          "no webhook source '" + sourceId + "' is enabled (enabled: " + String.join(", ", sources.all().keySet()) + ")");
      return;
    }
    Correlation.put(Correlation.SOURCE, source.id());
    String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
    if (contentType != null && !contentType.isBlank() && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      BridgeMeters.global().rejected(source.id(), 415);
      ProblemResponse.problem(exchange, 415, "Unsupported media type",
          "webhooks are JSON; Content-Type '" + contentType.replaceAll("[^\\x20-\\x7E]", "?") + "' is not");
      return;
    }
    byte[] body = exchange.getMessage().getBody(byte[].class);
    if (body == null) body = new byte[0];
    if (body.length > maxBodyBytes) {
      BridgeMeters.global().rejected(source.id(), 413);
      ProblemResponse.problem(exchange, 413, "Payload too large",
          "the body has " + body.length + " bytes; the limit is " + maxBodyBytes);
      return;
    }
    Instant now = clock.instant();
    WebhookRequest request = new WebhookRequest(source.id(), httpHeaders(exchange), body, now);
    try {
      source.plugin().verify(request, source.settings(), clock);
      Stored stored = store(source, request, parse(body, source.plugin().acceptsArrayBody()));
      Optional<ObjectNode> vendorAnswer = source.plugin().acknowledgement();
      ObjectNode answer = ProblemResponse.object();
      answer.put("id", stored.accepted().id());
      answer.put("eventId", stored.eventId());
      if (stored.accepted().duplicate()) {
        answer.put("status", "duplicate");
        answer.put("state", stored.accepted().status().db());
        ProblemResponse.json(exchange, 200, vendorAnswer.orElse(answer));
        return;
      }
      answer.put("status", stored.status() == InboxStatus.IGNORED ? "ignored" : "accepted");
      // the vendor's own success answer, when it reads ours (always a 200)
      ProblemResponse.json(exchange, vendorAnswer.isPresent() ? 200 : 202, vendorAnswer.orElse(answer));
      dispatch(stored);
    } catch (WebhookRejected e) {
      BridgeMeters.global().rejected(source.id(), e.status());
      LOG.warn("{} delivery refused ({}): {}", source.id(), e.status(), e.detail());
      ProblemResponse.problem(exchange, e.status(), e.title(), e.detail());
    } catch (StoreException e) {
      BridgeMeters.global().rejected(source.id(), 503);
      LOG.error("{} delivery not stored, answering 503: {}", source.id(), e.getMessage());
      ProblemResponse.problem(exchange, 503, "Store unavailable", "the event could not be stored; retry later");
      exchange.getMessage().setHeader("Retry-After", "5");
    } catch (JsonProcessingException e) {
      BridgeMeters.global().rejected(source.id(), 500);
      ProblemResponse.problem(exchange, 500, "Internal error", "headers could not be stored");
    }
  }

  /**
   * An event a plugin heard on a channel of its own (a streaming subscription): the same path as a
   * webhook after its signature check (event id, normalize, order key, inbox row, dispatch), with
   * exceptions instead of HTTP answers. See {@link InboundEvents#accept}.
   */
  @Override
  public boolean accept(String sourceId, Map<String, String> headers, byte[] body) {
    Sources.Source source = sources.get(sourceId)
        .orElseThrow(() -> new IllegalArgumentException("no source '" + sourceId + "' is enabled"));
    byte[] bytes = body == null ? new byte[0] : body;
    if (bytes.length > maxBodyBytes) {
      throw new IllegalArgumentException(sourceId + " event refused: " + bytes.length + " bytes; the limit is " + maxBodyBytes);
    }
    WebhookRequest request = new WebhookRequest(source.id(), headers, bytes, clock.instant());
    try (Correlation ids = Correlation.open()) {
      Correlation.put(Correlation.SOURCE, source.id());
      Stored stored = store(source, request, parse(bytes, source.plugin().acceptsArrayBody()));
      if (stored.accepted().duplicate()) return false;
      dispatch(stored);
      return true;
    } catch (WebhookRejected e) {
      BridgeMeters.global().rejected(source.id(), e.status());
      throw new IllegalArgumentException(sourceId + " event refused: " + e.detail(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(sourceId + " event: headers could not be stored", e);
    }
  }

  /** The headers of the source's newest inbox row, whatever became of it. */
  @Override
  public Optional<Map<String, String>> newestHeaders(String sourceId) {
    InboxRow newest = null;
    for (InboxStatus status : InboxStatus.values()) {
      for (InboxRow row : store.inbox().find(status, sourceId, null, null, 1)) {
        if (newest == null || row.id() > newest.id()) newest = row;
      }
    }
    if (newest == null) return Optional.empty();
    try {
      return Optional.of(JSON.readValue(newest.headersJson(), new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("inbox row " + newest.id() + " holds headers that are not a JSON object", e);
    }
  }

  /** What storing one delivery gave. */
  private record Stored(Sources.Source source, String eventId, String vendorType, String orderKey, InboxStatus status,
      Inbox.Accepted accepted) {}

  /**
   * Event id, vendor type and canonical events from the plugin, then the inbox row (committed when
   * this returns). What an event that means nothing says about orders is learned here, since no
   * dispatch will read it.
   */
  private Stored store(Sources.Source source, WebhookRequest request, JsonNode payload)
      throws WebhookRejected, JsonProcessingException {
    Delivery delivery = Delivery.read(source.id(), source.plugin(), source.settings(), request, payload);
    String eventId = delivery.eventId();
    Correlation.put(Correlation.EVENT_ID, eventId);
    String vendorType = delivery.vendorType();
    List<OrderEvent> events = delivery.events();
    String outcome = null;
    if (delivery.normalizeError() != null) {
      // keep it: the dispatcher will try again and dead-letter it with the error, nothing lost
      LOG.warn("{} event {} could not be normalized at intake: {}", source.id(), eventId, delivery.normalizeError().toString());
    }
    InboxStatus status = InboxStatus.RECEIVED;
    String orderKey = "unknown";
    if (delivery.ignored()) {
      status = InboxStatus.IGNORED;
      outcome = "ignored: " + delivery.ignoredBecause();
    }
    if (status == InboxStatus.IGNORED) {
      // nothing will process this row: what it says about orders is learned now
      resolver.learn(source.plugin().orderFacts(request, payload), source.id() + "/" + eventId);
      shipments.recordAll(() -> source.plugin().shipmentStates(request, payload), store.aliases(), source.id() + "/" + eventId);
    } else if (events != null) {
      // shard by the order the event resolves to (read only: the dispatcher learns), so a
      // tracking-only event queues behind its order; the one write before 202 is the inbox row
      orderKey = resolver.peekKey(events.get(0));
    }
    Correlation.put(Correlation.ORDER_KEY, orderKey);
    Instant occurredAt = events == null || events.isEmpty() ? null : events.get(0).occurredAt();
    Inbox.Accepted accepted = store.batcher().accept(new InboxBatcher.Row(source.id(), eventId, vendorType, orderKey,
        JSON.writeValueAsString(storedHeaders(request)), request.bodyAsString(), status, outcome, request.receivedAt(), occurredAt));
    Correlation.put(Correlation.INBOX_ID, accepted.id());
    if (accepted.duplicate()) {
      BridgeMeters.global().duplicate(source.id());
      LOG.info("{} {} {} is a duplicate of inbox row {}", source.id(), vendorType, eventId, accepted.id());
    } else {
      BridgeMeters.global().received(source.id());
      if (status == InboxStatus.IGNORED) BridgeMeters.global().ignored(source.id());
    }
    return new Stored(source, eventId, vendorType, orderKey, status, accepted);
  }

  /** Hands a new row to the dispatcher; an ignored one is only logged. */
  private void dispatch(Stored stored) {
    if (stored.status() == InboxStatus.RECEIVED) dispatch.submit(stored.accepted().id(), stored.orderKey());
    else LOG.info("{} {} {} ignored: no canonical event for it", stored.source().id(), stored.vendorType(), stored.eventId());
  }

  private static JsonNode parse(byte[] body, boolean arrayAllowed) throws WebhookRejected {
    if (body.length == 0) throw WebhookRejected.badRequest("the body is empty; a JSON object is expected");
    try {
      JsonNode node = STRICT.readTree(body);
      if (node == null || !(node.isObject() || arrayAllowed && node.isArray())) {
        throw WebhookRejected.badRequest(arrayAllowed ? "the body is not a JSON object or array" : "the body is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new WebhookRejected(400, "Malformed JSON", "the body is not valid JSON" + where);
    } catch (java.io.IOException e) {
      throw new WebhookRejected(400, "Malformed JSON", "the body could not be read as JSON");
    }
  }

  private static Map<String, String> httpHeaders(Exchange exchange) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getMessage().getHeaders().forEach((k, v) -> {
      if (v == null || k.startsWith("Camel") || k.equals("source")) return;
      out.put(k, v instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : String.valueOf(v));
    });
    return out;
  }

  private static Map<String, String> storedHeaders(WebhookRequest request) {
    Map<String, String> out = new TreeMap<>();
    request.headers().forEach((k, v) -> {
      if (!NEVER_STORED.contains(k.toLowerCase(Locale.ROOT))) out.put(k.toLowerCase(Locale.ROOT), v);
    });
    return out;
  }
}
