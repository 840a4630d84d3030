package io.helpdeskbridge.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.correlation.OrderResolver;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.BridgeHeaders;
import io.helpdeskbridge.intake.Sources;
import io.helpdeskbridge.intake.WebhookComponent;
import io.helpdeskbridge.intake.WebhookConsumer;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.ticket.TicketOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one inbox row through the routes: normalizes the stored payload with the source's plugin
 * (current code, so replays use today's rules), hands each canonical event to the source's route,
 * and finishes the row as done, ignored (no step wrote anything) or dead (with the error).
 */
public final class InboxProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;
  private final Sources sources;
  private final WebhookComponent routes;
  private final Clock clock;
  private final OrderResolver resolver;

  private final Redelivery redelivery;

  public InboxProcessor(Store store, Sources sources, WebhookComponent routes, Clock clock) {
    this(store, sources, routes, clock, Redelivery.defaults());
  }

  public InboxProcessor(Store store, Sources sources, WebhookComponent routes, Clock clock, Redelivery redelivery) {
    this.redelivery = redelivery;
    this.store = store;
    this.sources = sources;
    this.routes = routes;
    this.clock = clock;
    this.resolver = new OrderResolver(store.aliases());
  }

  public void process(long inboxId) {
    process(inboxId, 0);
  }

  private void process(long inboxId, int depth) {
    InboxRow row = store.inbox().get(inboxId).orElse(null);
    if (row == null || row.status() != InboxStatus.RECEIVED) return;
    if (depth < 20 && row.orderKey() != null && !row.orderKey().equals("unknown")) {
      // the vendor produced another event of this order earlier, but it arrived later: it goes first
      // (same lane, so nothing else of this order runs meanwhile)
      store.inbox().producedEarlier(row.orderKey(), row.id()).ifPresent(earlier -> process(earlier, depth + 1));
    }
    if (row.orderKey() != null && !row.orderKey().equals("unknown")) {
      var ahead = store.inbox().earlierWaiting(row.orderKey(), row.id(), clock.instant());
      if (ahead.isPresent()) {
        // keep the order: this event waits behind the earlier one of the same order
        store.inbox().defer(row.id(), ahead.get(), "waiting behind an earlier event of " + row.orderKey());
        return;
      }
    }
    store.inbox().startAttempt(row.id(), clock.instant());
    int attempt = row.attempts() + 1;
    try {
      Sources.Source source = sources.get(row.source())
          .orElseThrow(() -> new IllegalStateException("source '" + row.source() + "' is no longer enabled"));
      Map<String, String> headers = JSON.readValue(row.headersJson(), new TypeReference<Map<String, String>>() {});
      WebhookRequest request = new WebhookRequest(row.source(), headers, row.body().getBytes(StandardCharsets.UTF_8), row.receivedAt());
      JsonNode payload = JSON.readTree(row.body());
      String origin = row.source() + "/" + row.eventId();
      resolver.learn(source.plugin().orderFacts(request, payload), origin);
      List<OrderEvent> events = source.plugin().normalize(request, payload, source.settings()).stream()
          .map(e -> resolver.resolve(e, origin))
          .map(e -> e.order().orderId() != null ? e : resolver.lookUp(e, origin, ref -> {
            try {
              return source.plugin().lookupOrderNumber(ref, source.settings());
            } catch (java.io.IOException | RuntimeException failure) {
              LOG.warn("{} could not look up the order of {}: {}", row.source(), ref.key(), failure.getMessage());
              return java.util.Optional.empty();
            }
          }))
          .toList();
      if (events.isEmpty()) {
        finish(row, InboxStatus.IGNORED, "ignored: no canonical event for " + row.vendorType(), null);
        return;
      }
      WebhookConsumer route = routes.consumer(row.source()).orElse(null);
      if (route == null) {
        finish(row, InboxStatus.IGNORED, "ignored: no route consumes webhook:" + row.source(), null);
        return;
      }
      List<String> outcomes = new ArrayList<>();
      for (OrderEvent event : events) {
        Exchange done = route.deliver(ex -> {
          ex.getMessage().setBody(event);
          ex.getMessage().setHeader(BridgeHeaders.EVENT_TYPE, event.type());
          ex.getMessage().setHeader(BridgeHeaders.SOURCE, event.source());
          ex.getMessage().setHeader(BridgeHeaders.VENDOR_TYPE, event.vendorType());
          ex.getMessage().setHeader(BridgeHeaders.ORDER_KEY, event.order().key());
          ex.getMessage().setHeader(BridgeHeaders.INBOX_ID, row.id());
        });
        Throwable failure = done.getException();
        if (failure != null) {
          failed(row, attempt, failure, outcomes.isEmpty() ? null : String.join("; ", outcomes));
          return;
        }
        @SuppressWarnings("unchecked")
        List<TicketOutcome> written = done.getProperty(BridgeHeaders.OUTCOMES, List.class);
        if (written == null || written.isEmpty()) outcomes.add(event.type() + ": no route step handled it");
        else outcomes.add(event.type() + ": " + written.stream().map(TicketOutcome::toString).collect(Collectors.joining(", ")));
      }
      boolean anyWrite = outcomes.stream().noneMatch(o -> o.endsWith("no route step handled it"));
      finish(row, anyWrite ? InboxStatus.DONE : InboxStatus.IGNORED, String.join("; ", outcomes), null);
    } catch (Exception e) {
      failed(row, attempt, e, null);
    }
  }

  /** A passing failure waits for its next attempt; anything else, or the last attempt, is dead. */
  private void failed(InboxRow row, int attempt, Throwable failure, String outcome) {
    String error = describe(failure);
    Instant next = Redelivery.passing(failure) ? redelivery.next(attempt, clock.instant()) : null;
    if (next == null) {
      finish(row, InboxStatus.DEAD, outcome, attempt > 1 ? error + " (delivery " + attempt + " of " + redelivery.maxAttempts() + ")" : error);
      return;
    }
    store.inbox().defer(row.id(), next, error);
    LOG.warn("{} {} {} (order {}) failed delivery {} of {}, next at {}: {}", row.source(), row.vendorType(), row.eventId(),
        row.orderKey(), attempt, redelivery.maxAttempts(), next, error);
  }

  private void finish(InboxRow row, InboxStatus status, String outcome, String error) {
    store.inbox().finish(row.id(), status, outcome, error, clock.instant());
    if (status == InboxStatus.DEAD) {
      LOG.error("{} {} {} (order {}) is DEAD: {}", row.source(), row.vendorType(), row.eventId(), row.orderKey(), error);
    } else {
      LOG.info("{} {} {} (order {}) {}: {}", row.source(), row.vendorType(), row.eventId(), row.orderKey(), status.db(), outcome);
    }
  }

  /** The innermost useful message: the helpdesk's answer rather than Camel's wrapping. */
  static String describe(Throwable t) {
    Throwable cur = t;
    while (cur instanceof org.apache.camel.CamelExecutionException && cur.getCause() != null) cur = cur.getCause();
    String msg = cur.getMessage();
    return cur.getClass().getSimpleName() + ": " + (msg == null ? "(no message)" : msg);
  }
}
