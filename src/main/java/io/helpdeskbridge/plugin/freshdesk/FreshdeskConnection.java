package io.helpdeskbridge.plugin.freshdesk;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Freshdesk account over API v2 (HTTP Basic: the API key as user name, {@code X} as password).
 *
 * <p>A change is at most four calls, in this order:
 *
 * <ol>
 *   <li>{@code GET /api/v2/tickets/{id}}, only when tags, fields, priority or status change: the
 *       current tags (a ticket update's {@code tags} <em>replaces</em> them, so the bridge merges:
 *       adds, then removes, and keeps every other tag) and the current values, so that
 *   <li>{@code PUT /api/v2/tickets/{id}} carries only what really differs ({@code tags}, {@code
 *       priority}, {@code status}, {@code custom_fields}), and is skipped when nothing does;
 *   <li>{@code POST /api/v2/tickets/{id}/notes} {@code {"body": html, "private": true}} last.
 * </ol>
 *
 * <p>The note goes last on purpose: it carries the event marker, and the engine, after a crash,
 * asks {@link #hasMarker} whether to write again. With the note last, a marker on the ticket means
 * the ticket update before it was done too; a crash between the two leaves no marker, and the
 * repeated update is harmless (same merge, same values).
 *
 * <p>Freshdesk has no optimistic locking (Zendesk's {@code safe_update}), so a tag an agent adds in
 * the milliseconds between our read and our write would be lost; the update is sent only when the
 * tags really change, which keeps that window rare.
 *
 * <p>Freshdesk has no idempotency key either; see {@link #create} for how a retried create finds
 * the ticket the first attempt made.
 *
 * <p>A change's {@code type} and {@code problemId} (an incident linked to a problem ticket) are
 * ignored, with one WARN per connector: the v2 ticket update has no problem/incident link, and a
 * {@code type} without its link would mislabel the ticket.
 *
 * @see <a href="https://developers.freshdesk.com/api/#update_ticket">Update a ticket</a>
 */
final class FreshdeskConnection implements HelpdeskConnection {
  private static final Logger LOG = LoggerFactory.getLogger(FreshdeskConnection.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Freshdesk refuses search queries longer than this. */
  static final int MAX_QUERY = 512;
  static final int PAGE_SIZE = 100;
  /** Pages of conversations read when looking for a marker (100 each). */
  static final int MAX_CONVERSATION_PAGES = 20;

  private final FreshdeskConfig config;
  private final HttpClient http;
  private final String authorization;
  private final List<String> secrets;
  private final Clock clock;
  private final RateSignal rates;
  private final java.util.concurrent.atomic.AtomicBoolean warnedOfLinks = new java.util.concurrent.atomic.AtomicBoolean();

  FreshdeskConnection(FreshdeskConfig config) {
    this(config, Clock.systemUTC());
  }

  FreshdeskConnection(FreshdeskConfig config, Clock clock) {
    this(config, clock, RateSignal.NONE);
  }

  FreshdeskConnection(FreshdeskConfig config, Clock clock, RateSignal rates) {
    this.config = config;
    this.clock = clock;
    this.rates = rates;
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    String basic = Base64.getEncoder().encodeToString((config.apiKey() + ":X").getBytes(StandardCharsets.UTF_8));
    this.authorization = "Basic " + basic;
    this.secrets = List.of(config.apiKey(), basic);
  }

  // ---------------------------------------------------------------------------------------- find

  /**
   * {@code field:<logical>} searches the custom field the connector maps the logical field to:
   * {@code GET /api/v2/search/tickets?query="order_number:'1001'"} (the whole query in double
   * quotes, URL-encoded; custom fields by name without {@code cf_}; strings in single quotes).
   * Freshdesk has no external id on tickets, so {@code external_id} (and any other strategy) finds
   * nothing. Of several matches an open or pending ticket wins over a resolved or closed one, then
   * the newest.
   */
  @Override
  public Optional<TicketRef> find(Lookup lookup) throws HelpdeskException {
    if (!lookup.strategy().startsWith("field:")) return Optional.empty();
    String field = config.field(lookup.strategy().substring("field:".length()));
    if (field == null) return Optional.empty();
    // Freshdesk documents no escape inside a quoted value: quotes and backslashes are dropped
    String value = lookup.value() == null ? "" : lookup.value().replaceAll("['\"\\\\]", "").trim();
    if (value.isEmpty()) return Optional.empty();
    String query = "\"" + FreshdeskConfig.searchName(field) + ":'" + value + "'\"";
    String what = "find " + lookup.strategy() + "=" + value;
    if (query.length() > MAX_QUERY) {
      throw HelpdeskException.permanent(0, what + ": the search query would exceed Freshdesk's " + MAX_QUERY + " characters");
    }
    JsonNode page = call(what, "GET", "/search/tickets?query=" + encode(query), null);
    List<JsonNode> results = new ArrayList<>();
    page.path("results").forEach(results::add);
    return results.stream()
        .filter(t -> t.hasNonNull("id"))
        .min(Comparator.comparing(FreshdeskConnection::isFinished)
            .thenComparing(FreshdeskConnection::createdAt, Comparator.reverseOrder()))
        .map(t -> new TicketRef(config.connectorId(), t.get("id").asText()));
  }

  /** Resolved (4) and Closed (5); Open, Pending and custom statuses count as unsolved. */
  private static boolean isFinished(JsonNode ticket) {
    int status = ticket.path("status").asInt(0);
    return status == 4 || status == 5;
  }

  private static Instant createdAt(JsonNode ticket) {
    try {
      return OffsetDateTime.parse(ticket.path("created_at").asText("")).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  // --------------------------------------------------------------------------------------- apply

  @Override
  public void apply(TicketRef ref, TicketChange change, String marker) throws HelpdeskException {
    String id = ticketId(ref);
    if ((change.type() != null || change.problemId() != null) && warnedOfLinks.compareAndSet(false, true)) {
      LOG.warn("Freshdesk connector '{}': Freshdesk has no problem/incident link, so ticket type and problem ticket are"
          + " ignored (first seen: ticket {}, type {}, problem {}); said once", config.connectorId(), id, change.type(),
          change.problemId());
    }
    Map<String, String> fields = mappedFields(change.fields());
    Integer priority = priorityCode(change.priority(), "update ticket " + id);
    Integer status = statusCode(change.status(), "update ticket " + id);
    boolean ticketParts = !change.addTags().isEmpty() || !change.removeTags().isEmpty() || !fields.isEmpty()
        || priority != null || status != null;
    if (ticketParts) {
      JsonNode current = call("read ticket " + id, "GET", "/tickets/" + id, null);
      ObjectNode update = update(current, change, fields, priority, status);
      if (update.isEmpty()) {
        LOG.debug("Freshdesk ticket {} already as the change wants it; no update sent", id);
      } else {
        call("update ticket " + id, "PUT", "/tickets/" + id, update);
      }
    }
    if (change.note() != null) {
      ObjectNode note = JSON.createObjectNode();
      note.put("body", RestHelpdesks.html(change.noteWithMarker(marker)));
      note.put("private", !change.publicNote());
      call("add note to ticket " + id, "POST", "/tickets/" + id + "/notes", note);
    }
  }

  /** Only the parts that differ from the ticket as it is now. */
  private static ObjectNode update(JsonNode current, TicketChange change, Map<String, String> fields, Integer priority,
      Integer status) {
    ObjectNode u = JSON.createObjectNode();
    List<String> before = new ArrayList<>();
    current.path("tags").forEach(t -> before.add(t.asText()));
    Set<String> tags = new LinkedHashSet<>(before);
    tags.addAll(change.addTags());
    change.removeTags().forEach(tags::remove);
    if (!new ArrayList<>(tags).equals(before)) {
      ArrayNode a = u.putArray("tags");
      tags.forEach(a::add);
    }
    if (priority != null && current.path("priority").asInt(-1) != priority) u.put("priority", priority);
    if (status != null && current.path("status").asInt(-1) != status) u.put("status", status);
    ObjectNode custom = JSON.createObjectNode();
    JsonNode now = current.path("custom_fields");
    fields.forEach((name, value) -> {
      JsonNode v = now.path(name);
      if (v.isMissingNode() || v.isNull() || !v.asText().equals(value)) custom.put(name, value);
    });
    if (!custom.isEmpty()) u.set("custom_fields", custom);
    return u;
  }

  /** Logical fields → custom field names; unmapped ones are skipped silently. */
  private Map<String, String> mappedFields(Map<String, String> logical) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    logical.forEach((name, value) -> {
      String field = config.field(name);
      if (field != null && value != null) out.put(field, value);
    });
    return out;
  }

  // ----------------------------------------------------------------------------------- hasMarker

  /** Reads {@code GET /api/v2/tickets/{id}/conversations} (notes and replies), 100 a page. */
  @Override
  public boolean hasMarker(TicketRef ref, String marker) throws HelpdeskException {
    String id = ticketId(ref);
    String htmlMarker = RestHelpdesks.html(marker);
    for (int page = 1; page <= MAX_CONVERSATION_PAGES; page++) {
      JsonNode list = call("read conversations of ticket " + id, "GET",
          "/tickets/" + id + "/conversations?per_page=" + PAGE_SIZE + "&page=" + page, null);
      for (JsonNode c : list) {
        if (c.path("body_text").asText("").contains(marker) || c.path("body").asText("").contains(htmlMarker)) return true;
      }
      if (list.size() < PAGE_SIZE) return false;
    }
    LOG.warn("Freshdesk ticket {} has more than {} conversations; looked no further for {}", id,
        MAX_CONVERSATION_PAGES * PAGE_SIZE, marker);
    return false;
  }

  // -------------------------------------------------------------------------------------- create

  /**
   * {@code POST /api/v2/tickets} with the requester's email (the event's, else {@code
   * default-requester}), subject, the description as HTML, status Open, the priority (Low when the
   * mapping leaves it), tags, custom fields (the order field = the order number) and the type when
   * {@code types} maps it.
   *
   * <p>Freshdesk takes no idempotency key. Before creating, the bridge therefore lists the
   * requester's newest tickets ({@code GET /api/v2/tickets?email=…&order_by=created_at}; the list
   * reads the database, unlike search, which lags by minutes) and returns the one the first attempt
   * made: the one whose {@code bridge_key} custom field holds {@code idempotencyKey} when the
   * connector maps {@code fields.bridge_key}, else the one whose description carries this
   * description's last line, which is the event marker. Note that a Freshdesk description is the
   * requester's own message, visible to them; Freshdesk has no internal first comment.
   */
  @Override
  public TicketRef create(NewTicket n, String idempotencyKey) throws HelpdeskException {
    String requester = n.requesterEmail() != null && !n.requesterEmail().isBlank() ? n.requesterEmail().trim()
        : config.defaultRequester();
    if (requester == null || requester.isBlank()) {
      throw HelpdeskException.permanent(0, "create ticket: Freshdesk needs a requester email; the event has none and connector '"
          + config.connectorId() + "' sets no default-requester");
    }
    String description = n.description() == null || n.description().isBlank() ? n.subject() : n.description();
    Optional<String> earlier = createdBefore(requester, idempotencyKey, RestHelpdesks.lastLine(description));
    if (earlier.isPresent()) {
      LOG.info("Freshdesk ticket {} was already created for this event; not creating another", earlier.get());
      return new TicketRef(config.connectorId(), earlier.get());
    }
    ObjectNode t = JSON.createObjectNode();
    t.put("email", requester);
    t.put("subject", n.subject());
    t.put("description", RestHelpdesks.html(description));
    t.put("status", 2);
    Integer priority = priorityCode(n.priority(), "create ticket");
    t.put("priority", priority == null ? 1 : priority);
    if (!n.tags().isEmpty()) {
      ArrayNode a = t.putArray("tags");
      new LinkedHashSet<>(n.tags()).forEach(a::add);
    }
    String type = config.type(n.type());
    if (type != null) t.put("type", type);
    ObjectNode custom = JSON.createObjectNode();
    String orderField = config.field("order_id");
    if (orderField != null && n.orderId() != null) custom.put(orderField, n.orderId());
    mappedFields(n.fields()).forEach((name, value) -> {
      if (!name.equals(orderField) || n.orderId() == null) custom.put(name, value);
    });
    String keyField = config.field(FreshdeskConfig.BRIDGE_KEY);
    if (keyField != null) custom.put(keyField, idempotencyKey);
    if (!custom.isEmpty()) t.set("custom_fields", custom);
    JsonNode created = call("create ticket", "POST", "/tickets", t);
    if (!created.hasNonNull("id")) {
      // the ticket may well exist: retrying is safe, the retry finds it before creating again
      throw new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0, "create ticket: Freshdesk answered without a ticket id",
          null, null);
    }
    return new TicketRef(config.connectorId(), created.get("id").asText());
  }

  /** The ticket an earlier attempt of this create made, if the requester's newest tickets hold it. */
  private Optional<String> createdBefore(String requester, String idempotencyKey, String fingerprint) throws HelpdeskException {
    String keyField = config.field(FreshdeskConfig.BRIDGE_KEY);
    if (keyField == null && fingerprint == null) return Optional.empty();
    String path = "/tickets?email=" + encode(requester) + "&order_by=created_at&order_type=desc&per_page=" + PAGE_SIZE
        + (keyField == null ? "&include=description" : "");
    JsonNode list;
    try {
      list = call("look for an earlier create", "GET", path, null);
    } catch (HelpdeskException e) {
      // Freshdesk answers 400 when no contact has that email yet: then no ticket of theirs exists
      if (e.status() != 400) throw e;
      LOG.info("{}; taking it as: no earlier create", e.getMessage());
      return Optional.empty();
    }
    String htmlFingerprint = fingerprint == null ? null : RestHelpdesks.html(fingerprint);
    for (JsonNode t : list) {
      if (!t.hasNonNull("id")) continue;
      boolean byKey = keyField != null && idempotencyKey != null
          && idempotencyKey.equals(t.path("custom_fields").path(keyField).asText(null));
      boolean byMarker = keyField == null && fingerprint != null
          && (t.path("description_text").asText("").contains(fingerprint) || t.path("description").asText("").contains(htmlFingerprint));
      if (byKey || byMarker) return Optional.of(t.get("id").asText());
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------------------- helpers

  @Override
  public String describe() {
    return "Freshdesk at " + config.url();
  }


  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String ticketId(TicketRef ref) throws HelpdeskException {
    String id = ref.id() == null ? "" : ref.id().trim();
    if (!id.matches("[0-9]+")) throw HelpdeskException.permanent(0, "'" + ref.id() + "' is not a Freshdesk ticket id");
    return id;
  }

  private static Integer priorityCode(String logical, String what) throws HelpdeskException {
    if (logical == null) return null;
    Integer code = FreshdeskConfig.priority(logical);
    if (code == null) throw HelpdeskException.permanent(0, what + ": no Freshdesk priority for '" + logical + "' (low, normal, high, urgent)");
    return code;
  }

  private Integer statusCode(String logical, String what) throws HelpdeskException {
    if (logical == null) return null;
    Integer code = config.status(logical);
    if (code == null) {
      throw HelpdeskException.permanent(0, what + ": no Freshdesk status for '" + logical + "' (known: "
          + String.join(", ", new java.util.TreeSet<>(config.statuses().keySet())) + ")");
    }
    return code;
  }

  /** One API call; a 2xx answer's JSON (missing node when empty), or the classified failure. */
  private JsonNode call(String what, String method, String pathAndQuery, JsonNode body) throws HelpdeskException {
    HttpRequest request = RestHelpdesks.request(config.apiBase() + pathAndQuery, method, authorization, config.requestTimeout(), body);
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw FreshdeskErrors.unreachable(what, e, secrets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0, what + ": interrupted", null, null);
    }
    int status = response.statusCode();
    RateSignal.read(name -> response.headers().firstValue(name).orElse(null))
        .ifPresent(r -> rates.remaining(r.limit(), r.remaining(), r.resetIn()));
    if (status < 200 || status > 299) {
      throw FreshdeskErrors.fromResponse(what, status, response.headers().firstValue("Retry-After").orElse(null),
          response.body(), secrets, clock);
    }
    String text = response.body();
    if (text == null || text.isBlank()) return MissingNode.getInstance();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      // the call succeeded; callers that need the body (create's ticket id) decide what that means
      LOG.warn("{}: Freshdesk {} answered with a body that is not JSON", what, status);
      return MissingNode.getInstance();
    }
  }
}
