package io.helpdeskbridge.plugin.zendesk;

import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.RateSignal;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Dsl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zendesk.client.v2.Zendesk;
import org.zendesk.client.v2.ZendeskException;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.CustomFieldValue;
import org.zendesk.client.v2.model.Priority;
import org.zendesk.client.v2.model.Status;
import org.zendesk.client.v2.model.Ticket;
import org.zendesk.client.v2.model.Type;

/**
 * One Zendesk account. A change is one {@code PUT} that carries the internal note, the merged tag
 * list, fields and priority together, guarded by {@code safe_update} + {@code updated_stamp} so an
 * agent's concurrent tag edit is never overwritten (a 409 makes us read again and re-merge). The
 * tags are merged on the ticket as Zendesk last showed it to us (search hit or previous PUT), or
 * on a {@code GET} when we have not seen it. Creates send {@code Idempotency-Key}. A change's
 * {@code type} and {@code problemId} become the ticket's {@code type} and {@code problem_id} in that
 * same {@code PUT} (an incident linked to its problem ticket).
 */
final class ZendeskConnection implements HelpdeskConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ZendeskConnection.class);
  private static final int CONFLICT_ROUNDS = 3;

  private final ZendeskConfig config;
  private final AsyncHttpClient http;
  private final Zendesk zendesk;
  /**
   * The last state of each ticket Zendesk sent us (a search hit, a PUT's answer): the next change
   * merges its tags on that instead of reading the ticket again. A stale one costs a 409 and a
   * read, thanks to safe_update; a fresh one saves a call per write.
   */
  private final Map<Long, Ticket> lastSeen = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Ticket> eldest) {
          return size() > 10_000;
        }
      });

  ZendeskConnection(ZendeskConfig config) {
    this(config, RateSignal.NONE);
  }

  ZendeskConnection(ZendeskConfig config, RateSignal rates) {
    this.config = config;
    this.http = Dsl.asyncHttpClient(Dsl.config()
        // every answer says how much of the account's per-minute budget is left
        .addResponseFilter(new org.asynchttpclient.filter.ResponseFilter() {
          @Override
          public <T> org.asynchttpclient.filter.FilterContext<T> filter(org.asynchttpclient.filter.FilterContext<T> ctx) {
            if (ctx.getResponseHeaders() != null) {
              RateSignal.read(ctx.getResponseHeaders()::get)
                  .ifPresent(r -> rates.remaining(r.limit(), r.remaining(), r.resetIn()));
            }
            return ctx;
          }
        })
        .setConnectTimeout(config.connectTimeout())
        .setRequestTimeout(config.requestTimeout())
        .setReadTimeout(config.requestTimeout())
        .setFollowRedirect(false));
    this.zendesk = client(null);
  }

  private Zendesk client(String idempotencyKey) {
    Zendesk.Builder b = new Zendesk.Builder(config.url().replaceAll("/api/v2$", ""))
        .setClient(http).setUsername(config.email()).setToken(config.apiToken()).setRetry(false)
        .customizeObjectMapper(m -> m.addMixIn(Ticket.class, ReadOnlyTicketFields.class));
    if (idempotencyKey != null) b.addHeader("Idempotency-Key", idempotencyKey);
    return b.build();
  }

  @Override
  public Optional<TicketRef> find(Lookup lookup) throws HelpdeskException {
    try {
      Iterable<Ticket> found;
      if (lookup.strategy().equals("external_id")) {
        found = zendesk.getTicketsByExternalId(lookup.value(), false);
      } else if (lookup.strategy().startsWith("field:")) {
        String logical = lookup.strategy().substring("field:".length());
        Long id = config.fieldId(logical);
        if (id == null) return Optional.empty();
        found = zendesk.getTicketsFromSearch("custom_field_" + id + ":\"" + lookup.value().replace("\"", "") + "\"");
      } else {
        return Optional.empty();
      }
      List<Ticket> first = new ArrayList<>();
      for (Ticket t : found) {
        first.add(t);
        if (first.size() >= 100) break; // the first page is plenty to pick from
      }
      Optional<Ticket> best = first.stream()
          .min(Comparator.comparing(ZendeskConnection::isFinished)
              .thenComparing(ZendeskConnection::createdAt, Comparator.reverseOrder()));
      best.filter(t -> t.getUpdatedAt() != null).ifPresent(t -> lastSeen.put(t.getId(), t));
      return best.map(t -> new TicketRef(config.connectorId(), String.valueOf(t.getId())));
    } catch (ZendeskException e) {
      throw ZendeskErrors.classify("find " + lookup.strategy() + "=" + lookup.value(), e);
    }
  }

  @Override
  public void apply(TicketRef ref, TicketChange change, String marker) throws HelpdeskException {
    long id = Long.parseLong(ref.id());
    HelpdeskException last = null;
    for (int round = 0; round < CONFLICT_ROUNDS; round++) {
      try {
        // a conflict means what we last saw is stale: the next round reads the ticket
        Ticket current = round == 0 ? lastSeen.remove(id) : null;
        if (current == null) current = zendesk.getTicket(id);
        if (current == null) throw HelpdeskException.permanent(404, "Zendesk ticket " + id + " not found");
        Ticket update = update(id, current, change, marker);
        if (update == null) {
          LOG.debug("Zendesk ticket {} already as the change wants it; no update sent", id);
          lastSeen.put(id, current);
          return;
        }
        Ticket after = zendesk.updateTicket(update);
        if (after != null && after.getUpdatedAt() != null && after.getTags() != null) lastSeen.put(id, after);
        return;
      } catch (ZendeskException e) {
        last = ZendeskErrors.classify("update ticket " + id, e);
        if (last.kind() != HelpdeskException.Kind.CONFLICT) throw last;
        LOG.info("Zendesk ticket {} changed while we wrote it; reading it again", id);
      }
    }
    throw new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 409, last.getMessage(), null, last);
  }

  /** The update to send, or null when it would change nothing on this desk (no API call spent). */
  private Ticket update(long id, Ticket current, TicketChange change, String marker) throws HelpdeskException {
    Ticket t = new Ticket();
    t.setId(id);
    if (change.note() != null) {
      Comment c = new Comment(change.noteWithMarker(marker));
      c.setPublic(change.publicNote());
      t.setComment(c);
    }
    List<String> before = current.getTags() == null ? List.of() : current.getTags();
    Set<String> tags = new LinkedHashSet<>(before);
    tags.addAll(change.addTags());
    change.removeTags().forEach(tags::remove);
    if (!new ArrayList<>(tags).equals(before)) t.setTags(new ArrayList<>(tags));
    List<CustomFieldValue> fields = new ArrayList<>();
    change.fields().forEach((logical, value) -> {
      Long fieldId = config.fieldId(logical);
      if (fieldId != null) fields.add(new CustomFieldValue(fieldId, new String[] {value}));
    });
    if (!fields.isEmpty()) t.setCustomFields(fields);
    if (change.priority() != null) t.setPriority(Priority.valueOf(change.priority().toUpperCase(Locale.ROOT)));
    if (change.status() != null) t.setStatus(Status.valueOf(change.status().toUpperCase(Locale.ROOT)));
    if (change.problemId() != null) t.setProblemId(problemId(change.problemId()));
    // Zendesk keeps a problem_id only on an incident, so a link without a type makes one
    if (change.type() != null) t.setType(Type.valueOf(change.type().toUpperCase(Locale.ROOT)));
    else if (change.problemId() != null) t.setType(Type.INCIDENT);
    boolean nothing = t.getComment() == null && t.getTags() == null && fields.isEmpty() && change.priority() == null
        && change.status() == null && t.getType() == null && t.getProblemId() == null;
    if (nothing) return null;
    // safe update: Zendesk answers 409 if the ticket changed after the updated_at we merged tags on
    t.setSafeUpdate(true);
    t.setUpdatedAt(current.getUpdatedAt());
    return t;
  }

  /** A problem ticket is another ticket of this account, so its id is a Zendesk ticket number. */
  private static Long problemId(String value) throws HelpdeskException {
    try {
      return Long.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw HelpdeskException.permanent(0, "problem ticket '" + value + "' is not a Zendesk ticket id");
    }
  }

  @Override
  public boolean hasMarker(TicketRef ref, String marker) throws HelpdeskException {
    try {
      for (Comment c : zendesk.getTicketComments(Long.parseLong(ref.id()))) {
        if (c.getBody() != null && c.getBody().contains(marker)) return true;
      }
      return false;
    } catch (ZendeskException e) {
      throw ZendeskErrors.classify("read comments of ticket " + ref.id(), e);
    }
  }

  @Override
  public TicketRef create(NewTicket n, String idempotencyKey) throws HelpdeskException {
    Ticket t = new Ticket();
    t.setSubject(n.subject());
    Comment c = new Comment(n.description() == null ? n.subject() : n.description());
    c.setPublic(n.publicDescription());
    t.setComment(c);
    if (n.priority() != null) t.setPriority(Priority.valueOf(n.priority().toUpperCase(Locale.ROOT)));
    if (n.requesterEmail() != null) t.setRequester(new Ticket.Requester(n.requesterEmail(), n.requesterEmail()));
    t.setExternalId(n.externalId());
    if (n.type() != null) t.setType(Type.valueOf(n.type().toUpperCase(Locale.ROOT)));
    t.setTags(new ArrayList<>(n.tags()));
    List<CustomFieldValue> fields = new ArrayList<>();
    Long orderField = config.fieldId("order_id");
    if (orderField != null && n.orderId() != null) fields.add(new CustomFieldValue(orderField, new String[] {n.orderId()}));
    n.fields().forEach((logical, value) -> {
      Long id = config.fieldId(logical);
      if (id != null && !logical.equals("order_id")) fields.add(new CustomFieldValue(id, new String[] {value}));
    });
    if (!fields.isEmpty()) t.setCustomFields(fields);
    try {
      // a client per create only to carry the header; it shares the HTTP client and its pool
      Ticket created = client(idempotencyKey).createTicket(t);
      return new TicketRef(config.connectorId(), String.valueOf(created.getId()));
    } catch (ZendeskException e) {
      throw ZendeskErrors.classify("create ticket", e);
    }
  }

  @Override
  public String describe() {
    return "Zendesk at " + config.url() + " as " + config.email();
  }

  @Override
  public void close() {
    zendesk.close();
    try {
      http.close();
    } catch (java.io.IOException e) {
      LOG.debug("closing the Zendesk HTTP client: {}", e.toString());
    }
  }

  /**
   * Read-only fields the client model would echo back on every update: read them, never send them,
   * so a PUT carries only what the bridge means to change.
   */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"updated_at", "has_incidents"}, allowSetters = true)
  private abstract static class ReadOnlyTicketFields {}

  private static boolean isFinished(Ticket t) {
    return t.getStatus() == Status.SOLVED || t.getStatus() == Status.CLOSED;
  }

  private static java.util.Date createdAt(Ticket t) {
    return t.getCreatedAt() == null ? new java.util.Date(0) : t.getCreatedAt();
  }
}
