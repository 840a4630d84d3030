package io.helpdeskbridge.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.correlation.OrderResolver;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.store.Inbox;
import io.helpdeskbridge.store.InboxBatcher;
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
 */
public final class WebhookIntake implements Processor {
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
    String sourceId = exchange.getMessage().getHeader("source", String.class);
    Sources.Source source = sources.get(sourceId).orElse(null);
    if (source == null) {
      ProblemResponse.problem(exchange, 404, "Unknown source",
          "no webhook source '" + sourceId + "' is enabled (enabled: " + String.join(", ", sources.all().keySet()) + ")");
      return;
    }
    String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
    if (contentType != null && !contentType.isBlank() && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      ProblemResponse.problem(exchange, 415, "Unsupported media type",
          "webhooks are JSON; Content-Type '" + contentType.replaceAll("[^\\x20-\\x7E]", "?") + "' is not");
      return;
    }
    byte[] body = exchange.getMessage().getBody(byte[].class);
    if (body == null) body = new byte[0];
    if (body.length > maxBodyBytes) {
      ProblemResponse.problem(exchange, 413, "Payload too large",
          "the body has " + body.length + " bytes; the limit is " + maxBodyBytes);
      return;
    }
    Instant now = clock.instant();
    WebhookRequest request = new WebhookRequest(source.id(), httpHeaders(exchange), body, now);
    try {
      source.plugin().verify(request, source.settings(), clock);
      JsonNode payload = parse(body);
      String eventId = source.plugin().eventId(request, payload);
      String vendorType = source.plugin().vendorType(request, payload);
      List<OrderEvent> events;
      String outcome = null;
      try {
        events = source.plugin().normalize(request, payload, source.settings());
      } catch (RuntimeException e) {
        // keep it: the dispatcher will try again and dead-letter it with the error, nothing lost
        LOG.warn("{} event {} could not be normalized at intake: {}", source.id(), eventId, e.toString());
        events = null;
      }
      InboxStatus status = InboxStatus.RECEIVED;
      String orderKey = "unknown";
      if (events != null && events.isEmpty()) {
        status = InboxStatus.IGNORED;
        outcome = "ignored: " + source.id() + " " + vendorType + " means nothing to the bridge";
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
      Instant occurredAt = events == null || events.isEmpty() ? null : events.get(0).occurredAt();
      Inbox.Accepted accepted = store.batcher().accept(new InboxBatcher.Row(source.id(), eventId, vendorType, orderKey,
          JSON.writeValueAsString(storedHeaders(request)), request.bodyAsString(), status, outcome, now, occurredAt));
      ObjectNode answer = ProblemResponse.object();
      answer.put("id", accepted.id());
      answer.put("eventId", eventId);
      if (accepted.duplicate()) {
        answer.put("status", "duplicate");
        answer.put("state", accepted.status().db());
        LOG.info("{} {} {} is a duplicate of inbox row {}", source.id(), vendorType, eventId, accepted.id());
        ProblemResponse.json(exchange, 200, answer);
        return;
      }
      answer.put("status", status == InboxStatus.IGNORED ? "ignored" : "accepted");
      ProblemResponse.json(exchange, 202, answer);
      if (status == InboxStatus.RECEIVED) dispatch.submit(accepted.id(), orderKey);
      else LOG.info("{} {} {} ignored: no canonical event for it", source.id(), vendorType, eventId);
    } catch (WebhookRejected e) {
      LOG.warn("{} delivery refused ({}): {}", source.id(), e.status(), e.detail());
      ProblemResponse.problem(exchange, e.status(), e.title(), e.detail());
    } catch (StoreException e) {
      LOG.error("{} delivery not stored, answering 503: {}", source.id(), e.getMessage());
      ProblemResponse.problem(exchange, 503, "Store unavailable", "the event could not be stored; retry later");
      exchange.getMessage().setHeader("Retry-After", "5");
    } catch (JsonProcessingException e) {
      ProblemResponse.problem(exchange, 500, "Internal error", "headers could not be stored");
    }
  }

  private static JsonNode parse(byte[] body) throws WebhookRejected {
    if (body.length == 0) throw WebhookRejected.badRequest("the body is empty; a JSON object is expected");
    try {
      JsonNode node = STRICT.readTree(body);
      if (node == null || !node.isObject()) throw WebhookRejected.badRequest("the body is not a JSON object");
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
