package io.helpdeskbridge.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.RestHelpdesks;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.RateSignal;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HubSpot account over the CRM v3 objects API ({@code Authorization: Bearer <private app token>}).
 *
 * <p>A change is at most three calls, in this order:
 *
 * <ol>
 *   <li>{@code GET /crm/v3/objects/tickets/{id}?properties=<tags-property>}, only when tags change
 *       and {@code tags-property} is set: a property update replaces the value, so the bridge merges;
 *   <li>{@code PATCH /crm/v3/objects/tickets/{id}} {@code {"properties":{…}}}: mapped fields,
 *       {@code hs_ticket_priority}, {@code hs_pipeline_stage} (through {@code stages}), the tags;
 *   <li>{@code POST /crm/v3/objects/notes} with {@code hs_note_body} and {@code hs_timestamp},
 *       associated with the ticket by the HUBSPOT_DEFINED type 228 (note → ticket), last, because
 *       it carries the event marker {@link #hasMarker} looks for.
 * </ol>
 *
 * <p>What HubSpot has no place for is ignored with one WARN per connector: {@code type} and {@code
 * problemId} (no problem/incident link on tickets), a status without a {@code stages} entry, tags
 * without a {@code tags-property}. HubSpot's API has no public reply to the customer on a ticket
 * (replies go through the conversations inbox): a public note is written as a note starting
 * "Reply to customer:" for an agent to send, with one WARN.
 */
final class HubSpotConnection implements HelpdeskConnection {
  private static final Logger LOG = LoggerFactory.getLogger(HubSpotConnection.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** HUBSPOT_DEFINED association type note → ticket. */
  static final int NOTE_TO_TICKET = 228;
  static final String PUBLIC_PREFIX = "Reply to customer:\n";
  static final int PAGE_SIZE = 100;
  /** Pages of the ticket's notes read when looking for a marker. */
  static final int MAX_NOTE_PAGES = 10;

  private final HubSpotConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final RateSignal rates;
  private final AtomicBoolean warnedOfLinks = new AtomicBoolean();
  private final AtomicBoolean warnedOfStatus = new AtomicBoolean();
  private final AtomicBoolean warnedOfTags = new AtomicBoolean();
  private final AtomicBoolean warnedOfPublic = new AtomicBoolean();

  HubSpotConnection(HubSpotConfig config, Clock clock, RateSignal rates) {
    this.config = config;
    this.clock = clock;
    this.rates = rates == null ? RateSignal.NONE : rates;
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  // ---------------------------------------------------------------------------------------- find

  /**
   * {@code field:<logical>} and {@code external_id} search the mapped ticket property: {@code POST
   * /crm/v3/objects/tickets/search} with one EQ filter, the newest first ({@code createdate}
   * DESCENDING), limit 1. Other strategies find nothing.
   */
  @Override
  public Optional<TicketRef> find(Lookup lookup) throws HelpdeskException {
    String logical = lookup.strategy().startsWith("field:") ? lookup.strategy().substring("field:".length())
        : "external_id".equals(lookup.strategy()) ? "external_id" : null;
    String property = logical == null ? null : config.field(logical);
    String value = lookup.value() == null ? "" : lookup.value().trim();
    if (property == null || value.isEmpty()) return Optional.empty();
    JsonNode first = searchTickets("find " + lookup.strategy() + "=" + value, property, value, List.of()).path("results").path(0);
    return first.hasNonNull("id") ? Optional.of(new TicketRef(config.connectorId(), first.get("id").asText())) : Optional.empty();
  }

  private JsonNode searchTickets(String what, String property, String value, List<String> properties) throws HelpdeskException {
    ObjectNode q = JSON.createObjectNode();
    ObjectNode filter = q.putArray("filterGroups").addObject().putArray("filters").addObject();
    filter.put("propertyName", property);
    filter.put("operator", "EQ");
    filter.put("value", value);
    ObjectNode sort = q.putArray("sorts").addObject();
    sort.put("propertyName", "createdate");
    sort.put("direction", "DESCENDING");
    if (!properties.isEmpty()) {
      ArrayNode p = q.putArray("properties");
      properties.forEach(p::add);
    }
    q.put("limit", properties.isEmpty() ? 1 : 10);
    return call(what, "POST", "/crm/v3/objects/tickets/search", q);
  }

  // --------------------------------------------------------------------------------------- apply

  @Override
  public void apply(TicketRef ref, TicketChange change, String marker) throws HelpdeskException {
    String id = ticketId(ref);
    if ((change.type() != null || change.problemId() != null) && warnedOfLinks.compareAndSet(false, true)) {
      LOG.warn("HubSpot connector '{}': HubSpot tickets have no problem/incident link, so ticket type and problem ticket"
          + " are ignored (first seen: ticket {}); said once", config.connectorId(), id);
    }
    ObjectNode props = JSON.createObjectNode();
    mappedFields(change.fields()).forEach(props::put);
    String priority = priority(change.priority(), "update ticket " + id);
    if (priority != null) props.put("hs_ticket_priority", priority);
    if (change.status() != null) {
      String stage = config.stage(change.status());
      if (stage != null) props.put("hs_pipeline_stage", stage);
      else if (warnedOfStatus.compareAndSet(false, true)) {
        LOG.warn("HubSpot connector '{}': no stages entry for status '{}', so status changes without one are ignored; said once",
            config.connectorId(), change.status());
      }
    }
    if (!change.addTags().isEmpty() || !change.removeTags().isEmpty()) {
      String tagsProperty = config.tagsProperty();
      if (tagsProperty == null) {
        if (warnedOfTags.compareAndSet(false, true)) {
          LOG.warn("HubSpot connector '{}': HubSpot tickets have no tags and no tags-property is set, so tags are ignored;"
              + " said once", config.connectorId());
        }
      } else {
        JsonNode current = call("read ticket " + id, "GET", "/crm/v3/objects/tickets/" + id + "?properties=" + encode(tagsProperty), null);
        String before = current.path("properties").path(tagsProperty).asText("");
        Set<String> tags = new LinkedHashSet<>();
        for (String t : before.split(";")) if (!t.isBlank()) tags.add(t.trim());
        tags.addAll(change.addTags());
        change.removeTags().forEach(tags::remove);
        String after = String.join(";", tags);
        if (!after.equals(before)) props.put(tagsProperty, after);
      }
    }
    if (!props.isEmpty()) {
      ObjectNode update = JSON.createObjectNode();
      update.set("properties", props);
      call("update ticket " + id, "PATCH", "/crm/v3/objects/tickets/" + id, update);
    }
    if (change.note() != null) {
      note(id, change.noteWithMarker(marker), change.publicNote());
    }
  }

  private void note(String ticketId, String text, boolean isPublic) throws HelpdeskException {
    String body = text;
    if (isPublic) {
      body = PUBLIC_PREFIX + text;
      if (warnedOfPublic.compareAndSet(false, true)) {
        LOG.warn("HubSpot connector '{}': HubSpot's API has no public reply on tickets; public notes are written as internal"
            + " notes starting \"Reply to customer:\" for an agent to send; said once", config.connectorId());
      }
    }
    ObjectNode n = JSON.createObjectNode();
    ObjectNode p = n.putObject("properties");
    p.put("hs_note_body", RestHelpdesks.html(body));
    p.put("hs_timestamp", clock.instant().toString());
    ObjectNode a = n.putArray("associations").addObject();
    a.putObject("to").put("id", ticketId);
    ObjectNode type = a.putArray("types").addObject();
    type.put("associationCategory", "HUBSPOT_DEFINED");
    type.put("associationTypeId", NOTE_TO_TICKET);
    call("add note to ticket " + ticketId, "POST", "/crm/v3/objects/notes", n);
  }

  private Map<String, String> mappedFields(Map<String, String> logical) {
    Map<String, String> out = new LinkedHashMap<>();
    logical.forEach((name, value) -> {
      String property = config.field(name);
      if (property != null && value != null) out.put(property, value);
    });
    return out;
  }

  // ----------------------------------------------------------------------------------- hasMarker

  /**
   * Searches the notes associated with the ticket ({@code POST /crm/v3/objects/notes/search},
   * filter {@code associations.ticket EQ <id>}, 100 a page, at most {@value #MAX_NOTE_PAGES} pages)
   * and reads their bodies. The search index trails writes by a few seconds, which is fine for
   * crash recovery.
   */
  @Override
  public boolean hasMarker(TicketRef ref, String marker) throws HelpdeskException {
    String id = ticketId(ref);
    String htmlMarker = RestHelpdesks.html(marker);
    String after = null;
    for (int page = 0; page < MAX_NOTE_PAGES; page++) {
      ObjectNode q = JSON.createObjectNode();
      ObjectNode f = q.putArray("filterGroups").addObject().putArray("filters").addObject();
      f.put("propertyName", "associations.ticket");
      f.put("operator", "EQ");
      f.put("value", id);
      q.putArray("properties").add("hs_note_body");
      q.put("limit", PAGE_SIZE);
      if (after != null) q.put("after", after);
      JsonNode res = call("read notes of ticket " + id, "POST", "/crm/v3/objects/notes/search", q);
      for (JsonNode n : res.path("results")) {
        String body = n.path("properties").path("hs_note_body").asText("");
        if (body.contains(marker) || body.contains(htmlMarker)) return true;
      }
      after = res.path("paging").path("next").path("after").asText(null);
      if (after == null) return false;
    }
    LOG.warn("HubSpot ticket {} has more than {} notes; looked no further for {}", id, MAX_NOTE_PAGES * PAGE_SIZE, marker);
    return false;
  }

  // -------------------------------------------------------------------------------------- create

  /**
   * {@code POST /crm/v3/objects/tickets} with {@code subject}, {@code content} (the description),
   * {@code hs_pipeline}/{@code hs_pipeline_stage} ({@code pipeline}, {@code new-stage}), {@code
   * hs_ticket_priority}, the order and external-id properties, the mapped fields and tags; then the
   * description as a note, so the marker is where {@link #hasMarker} looks.
   *
   * <p>HubSpot takes no idempotency key. When {@code fields.bridge_key} is mapped the key is written
   * there and searched for (EQ) before creating; otherwise the tickets with the order number are
   * searched for one whose {@code content} carries the description's last line (the event marker).
   */
  @Override
  public TicketRef create(NewTicket n, String idempotencyKey) throws HelpdeskException {
    String description = n.description() == null || n.description().isBlank() ? n.subject() : n.description();
    Optional<String> earlier = createdBefore(n, idempotencyKey, RestHelpdesks.lastLine(description));
    if (earlier.isPresent()) {
      LOG.info("HubSpot ticket {} was already created for this event; not creating another", earlier.get());
      return new TicketRef(config.connectorId(), earlier.get());
    }
    ObjectNode p = JSON.createObjectNode();
    p.put("subject", n.subject());
    p.put("content", description);
    p.put("hs_pipeline", config.pipeline());
    p.put("hs_pipeline_stage", config.newStage());
    String priority = priority(n.priority(), "create ticket");
    if (priority != null) p.put("hs_ticket_priority", priority);
    mappedFields(n.fields()).forEach(p::put);
    String orderProperty = config.field("order_id");
    if (orderProperty != null && n.orderId() != null) p.put(orderProperty, n.orderId());
    String externalProperty = config.field("external_id");
    if (externalProperty != null && n.externalId() != null) p.put(externalProperty, n.externalId());
    String keyProperty = config.field(HubSpotConfig.BRIDGE_KEY);
    if (keyProperty != null && idempotencyKey != null) p.put(keyProperty, idempotencyKey);
    if (!n.tags().isEmpty() && config.tagsProperty() != null) p.put(config.tagsProperty(), String.join(";", new LinkedHashSet<>(n.tags())));
    ObjectNode t = JSON.createObjectNode();
    t.set("properties", p);
    JsonNode created = call("create ticket", "POST", "/crm/v3/objects/tickets", t);
    if (!created.hasNonNull("id")) {
      throw HelpdeskException.retryable(0, "create ticket: HubSpot answered without a ticket id", null);
    }
    String id = created.get("id").asText();
    note(id, description, n.publicDescription());
    return new TicketRef(config.connectorId(), id);
  }

  private Optional<String> createdBefore(NewTicket n, String idempotencyKey, String fingerprint) throws HelpdeskException {
    String keyProperty = config.field(HubSpotConfig.BRIDGE_KEY);
    if (keyProperty != null && idempotencyKey != null) {
      JsonNode first = searchTickets("look for an earlier create", keyProperty, idempotencyKey, List.of()).path("results").path(0);
      return first.hasNonNull("id") ? Optional.of(first.get("id").asText()) : Optional.empty();
    }
    String orderProperty = config.field("order_id");
    if (orderProperty == null || n.orderId() == null || fingerprint == null) return Optional.empty();
    for (JsonNode t : searchTickets("look for an earlier create", orderProperty, n.orderId(), List.of("content")).path("results")) {
      if (t.hasNonNull("id") && t.path("properties").path("content").asText("").contains(fingerprint)) {
        return Optional.of(t.get("id").asText());
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------------------- helpers

  @Override
  public String describe() {
    return "HubSpot at " + config.apiBase();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String ticketId(TicketRef ref) throws HelpdeskException {
    String id = ref.id() == null ? "" : ref.id().trim();
    if (!id.matches("[0-9]+")) throw HelpdeskException.permanent(0, "'" + ref.id() + "' is not a HubSpot ticket id");
    return id;
  }

  private static String priority(String logical, String what) throws HelpdeskException {
    if (logical == null) return null;
    String p = HubSpotConfig.priority(logical);
    if (p == null) throw HelpdeskException.permanent(0, what + ": no HubSpot priority for '" + logical + "' (low, normal, high, urgent)");
    return p;
  }

  /**
   * HubSpot's burst budget: {@code X-HubSpot-RateLimit-Max} requests per {@code
   * X-HubSpot-RateLimit-Interval-Milliseconds}, {@code X-HubSpot-RateLimit-Remaining} left.
   */
  private void reportRates(HttpResponse<String> response) {
    Integer remaining = number(response.headers().firstValue("X-HubSpot-RateLimit-Remaining").orElse(null));
    if (remaining == null) return;
    Integer max = number(response.headers().firstValue("X-HubSpot-RateLimit-Max").orElse(null));
    Integer interval = number(response.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds").orElse(null));
    rates.remaining(max == null ? -1 : max, remaining, interval == null ? null : Duration.ofMillis(interval));
  }

  private static Integer number(String v) {
    if (v == null) return null;
    try {
      long n = Long.parseLong(v.trim());
      return n < 0 ? null : (int) Math.min(n, Integer.MAX_VALUE);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private JsonNode call(String what, String method, String pathAndQuery, JsonNode body) throws HelpdeskException {
    HttpRequest request = RestHelpdesks.request(config.apiBase() + pathAndQuery, method, "Bearer " + config.token(), config.requestTimeout(), body);
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw HubSpotErrors.unreachable(what, e, config.token());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HelpdeskException.retryable(0, what + ": interrupted", null);
    }
    reportRates(response);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw HubSpotErrors.fromResponse(what, status, response.headers().firstValue("Retry-After").orElse(null),
          response.body(), config.token(), config.rateLimitDelay());
    }
    String text = response.body();
    if (text == null || text.isBlank()) return MissingNode.getInstance();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      LOG.warn("{}: HubSpot {} answered with a body that is not JSON", what, status);
      return MissingNode.getInstance();
    }
  }
}
