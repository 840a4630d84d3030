package io.helpdeskbridge.plugin.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * One ServiceNow instance over the Table API ({@code /api/now/table/{table}}), on Customer Service
 * Management cases ({@code sn_customerservice_case}) or incidents. A ticket is a record; its id is
 * the record's {@code sys_id}.
 *
 * <p>A change is one {@code PATCH /api/now/table/{table}/{sys_id}} carrying the note ({@code
 * work_notes}, or {@code comments} when public), the mapped columns, {@code priority}, {@code state}
 * and the tags column together, so the note's event marker is never on a record whose other
 * updates are missing. Only when tags change (and a {@code tags-field} is configured) is the record
 * read first, to merge the comma-separated list.
 *
 * <p>What ServiceNow has no direct counterpart for is ignored with one WARN per connector: a status
 * the {@code states} map does not name, tags without a {@code tags-field}, and type/problem link
 * without a {@code parent-field} (with one, the problem's sys_id goes to that reference column).
 *
 * @see <a href="https://docs.servicenow.com/bundle/latest/page/integrate/inbound-rest/concept/c_TableAPI.html">Table API</a>
 */
final class ServiceNowConnection implements HelpdeskConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowConnection.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceNowConfig config;
  private final HttpClient http;
  private final String authorization;
  private final List<String> secrets;
  private final RateSignal rates;
  private final Clock clock;
  private final AtomicBoolean warnedOfStatus = new AtomicBoolean();
  private final AtomicBoolean warnedOfTags = new AtomicBoolean();
  private final AtomicBoolean warnedOfLinks = new AtomicBoolean();

  ServiceNowConnection(ServiceNowConfig config, RateSignal rates) {
    this(config, rates, Clock.systemUTC());
  }

  ServiceNowConnection(ServiceNowConfig config, RateSignal rates, Clock clock) {
    this.config = config;
    this.rates = rates == null ? RateSignal.NONE : rates;
    this.clock = clock;
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    if (config.oauthToken() != null) {
      this.authorization = "Bearer " + config.oauthToken();
      this.secrets = List.of(config.oauthToken());
    } else {
      String basic = Base64.getEncoder()
          .encodeToString((config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
      this.authorization = "Basic " + basic;
      this.secrets = List.of(config.password(), basic);
    }
  }

  // ---------------------------------------------------------------------------------------- find

  /**
   * {@code field:<logical>} and {@code external_id} query the column the connector maps them to:
   * {@code GET /api/now/table/{table}?sysparm_query=u_order_number=1001^ORDERBYDESCsys_created_on
   * &sysparm_limit=1&sysparm_fields=sys_id,number}; the newest record wins.
   */
  @Override
  public Optional<TicketRef> find(Lookup lookup) throws HelpdeskException {
    String strategy = lookup.strategy();
    String column;
    if (strategy.startsWith("field:")) column = config.field(strategy.substring("field:".length()));
    else if (strategy.equals("external_id")) column = config.field("external_id");
    else return Optional.empty();
    if (column == null) return Optional.empty();
    String value = queryValue(lookup.value());
    if (value.isEmpty()) return Optional.empty();
    return findBy(column, value, "find " + strategy + "=" + value);
  }

  private Optional<TicketRef> findBy(String column, String value, String what) throws HelpdeskException {
    JsonNode page = call(what, "GET", tablePath() + "?sysparm_query=" + encode(column + "=" + value + "^ORDERBYDESCsys_created_on")
        + "&sysparm_limit=1&sysparm_fields=sys_id,number", null);
    for (JsonNode r : page.path("result")) {
      String id = r.path("sys_id").asText("");
      if (!id.isEmpty()) return Optional.of(new TicketRef(config.connectorId(), id));
    }
    return Optional.empty();
  }

  /** An encoded-query value: {@code ^} separates conditions, so it and line breaks are dropped. */
  static String queryValue(String value) {
    return value == null ? "" : value.replaceAll("[\\^\\r\\n]", "").trim();
  }

  // --------------------------------------------------------------------------------------- apply

  @Override
  public void apply(TicketRef ref, TicketChange change, String marker) throws HelpdeskException {
    String id = sysId(ref);
    String what = "update " + config.table() + " " + id;
    ObjectNode update = JSON.createObjectNode();
    mappedFields(change.fields()).forEach(update::put);
    if (change.priority() != null) update.put("priority", priority(change.priority(), what));
    if (change.status() != null) {
      String state = config.state(change.status());
      if (state != null) update.put("state", state);
      else if (warnedOfStatus.compareAndSet(false, true)) {
        LOG.warn("ServiceNow connector '{}': no 'states' entry for status '{}', so statuses without one are ignored"
            + " (first seen: {}); said once", config.connectorId(), change.status(), id);
      }
    }
    linkToProblem(update, change.type(), change.problemId(), id);
    if (!change.addTags().isEmpty() || !change.removeTags().isEmpty()) {
      if (config.tagsField() == null) {
        warnTagsIgnored(id);
      } else {
        JsonNode current = call("read " + config.table() + " " + id, "GET",
            tablePath() + "/" + id + "?sysparm_fields=" + encode(config.tagsField()), null).path("result");
        List<String> before = splitTags(current.path(config.tagsField()).asText(""));
        Set<String> tags = new LinkedHashSet<>(before);
        tags.addAll(change.addTags());
        change.removeTags().forEach(tags::remove);
        if (!new ArrayList<>(tags).equals(before)) update.put(config.tagsField(), String.join(",", tags));
      }
    }
    if (change.note() != null) update.put(change.publicNote() ? "comments" : "work_notes", change.noteWithMarker(marker));
    if (update.isEmpty()) {
      LOG.debug("ServiceNow {} {}: nothing to write", config.table(), id);
      return;
    }
    call(what, "PATCH", tablePath() + "/" + id, update);
  }

  private void linkToProblem(ObjectNode body, String type, String problemId, String id) {
    if (type == null && problemId == null) return;
    if (config.parentField() != null) {
      if (problemId != null) body.put(config.parentField(), problemId);
    } else if (warnedOfLinks.compareAndSet(false, true)) {
      LOG.warn("ServiceNow connector '{}': no 'parent-field', so ticket type and problem link are ignored"
          + " (first seen: {}, type {}, problem {}); said once", config.connectorId(), id, type, problemId);
    }
  }

  private void warnTagsIgnored(String id) {
    if (warnedOfTags.compareAndSet(false, true)) {
      LOG.warn("ServiceNow connector '{}': records have no tags and no 'tags-field' is set, so tags are ignored"
          + " (first seen: {}); said once", config.connectorId(), id);
    }
  }

  private Map<String, String> mappedFields(Map<String, String> logical) {
    Map<String, String> out = new LinkedHashMap<>();
    logical.forEach((k, v) -> {
      String column = config.field(k);
      if (column != null && v != null) out.put(column, v);
    });
    return out;
  }

  static List<String> splitTags(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  // ---------------------------------------------------------------------------------- hasMarker

  /**
   * Looks for the marker in the record's journal: {@code GET /api/now/table/sys_journal_field?
   * sysparm_query=element_id={sys_id}^elementINwork_notes,comments^valueLIKE{marker}}. The
   * integration user needs read access to {@code sys_journal_field}.
   */
  @Override
  public boolean hasMarker(TicketRef ref, String marker) throws HelpdeskException {
    String id = sysId(ref);
    String query = "element_id=" + id + "^elementINwork_notes,comments^valueLIKE" + queryValue(marker);
    JsonNode page = call("look for marker on " + id, "GET", "/api/now/table/sys_journal_field?sysparm_query=" + encode(query)
        + "&sysparm_limit=1&sysparm_fields=sys_id", null);
    return page.path("result").size() > 0;
  }

  // -------------------------------------------------------------------------------------- create

  /**
   * {@code POST /api/now/table/{table}} with {@code short_description}, {@code description}, the
   * first journal entry ({@code work_notes}, or {@code comments} when public), priority, the mapped
   * columns and the order column. The idempotency key goes to the {@code bridge_key} column when
   * mapped, else to the {@code external_id} (correlation) column; a retried create first queries
   * that column for the key and returns the record the first attempt made.
   */
  @Override
  public TicketRef create(NewTicket ticket, String idempotencyKey) throws HelpdeskException {
    String keyColumn = config.field("bridge_key") != null ? config.field("bridge_key") : config.field("external_id");
    String key = queryValue(idempotencyKey);
    if (keyColumn != null && !key.isEmpty()) {
      Optional<TicketRef> earlier = findBy(keyColumn, key, "look for an earlier create");
      if (earlier.isPresent()) {
        LOG.info("ServiceNow {} {} already made by an earlier attempt of this create", config.table(), earlier.get().id());
        return earlier.get();
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("short_description", ticket.subject());
    if (ticket.description() != null) {
      body.put("description", ticket.description());
      body.put(ticket.publicDescription() ? "comments" : "work_notes", ticket.description());
    }
    if (ticket.priority() != null) body.put("priority", priority(ticket.priority(), "create " + config.table()));
    mappedFields(ticket.fields()).forEach(body::put);
    String orderColumn = config.field("order_id");
    if (orderColumn != null && ticket.orderId() != null) body.put(orderColumn, ticket.orderId());
    String externalColumn = config.field("external_id");
    if (externalColumn != null && ticket.externalId() != null && !externalColumn.equals(keyColumn)) {
      body.put(externalColumn, ticket.externalId());
    }
    if (keyColumn != null && !key.isEmpty()) body.put(keyColumn, key);
    if (!ticket.tags().isEmpty()) {
      if (config.tagsField() != null) body.put(config.tagsField(), String.join(",", new LinkedHashSet<>(ticket.tags())));
      else warnTagsIgnored("(new record)");
    }
    JsonNode made = call("create " + config.table(), "POST", tablePath(), body).path("result");
    String id = made.path("sys_id").asText("");
    if (id.isEmpty()) throw HelpdeskException.permanent(0, "create " + config.table() + ": ServiceNow answered without a sys_id");
    return new TicketRef(config.connectorId(), id);
  }

  // ------------------------------------------------------------------------------------- helpers

  @Override
  public String describe() {
    return "ServiceNow " + config.table() + " at " + config.url();
  }

  private String tablePath() {
    return "/api/now/table/" + config.table();
  }

  private static String priority(String logical, String what) throws HelpdeskException {
    String code = ServiceNowConfig.priority(logical);
    if (code == null) throw HelpdeskException.permanent(0, what + ": no ServiceNow priority for '" + logical + "' (low, normal, high, urgent)");
    return code;
  }

  private static String sysId(TicketRef ref) throws HelpdeskException {
    String id = ref.id() == null ? "" : ref.id().trim();
    if (!id.matches("[0-9a-fA-F]{32}")) throw HelpdeskException.permanent(0, "'" + ref.id() + "' is not a ServiceNow sys_id");
    return id;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** One API call; a 2xx answer's JSON (missing node when empty), or the classified failure. */
  private JsonNode call(String what, String method, String pathAndQuery, JsonNode body) throws HelpdeskException {
    HttpRequest request = RestHelpdesks.request(config.url() + pathAndQuery, method, authorization, config.requestTimeout(), body);
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ServiceNowErrors.unreachable(what, e, secrets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0, what + ": interrupted", null, null);
    }
    reportRate(response);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw ServiceNowErrors.fromResponse(what, status, response.headers().firstValue("Retry-After").orElse(null),
          response.body(), secrets);
    }
    String text = response.body();
    if (text == null || text.isBlank()) return MissingNode.getInstance();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      LOG.warn("{}: ServiceNow {} answered with a body that is not JSON", what, status);
      return MissingNode.getInstance();
    }
  }

  /**
   * ServiceNow's rate limit rules document {@code X-RateLimit-Limit} (requests per hour), {@code
   * X-RateLimit-Reset} (Unix seconds) and {@code X-RateLimit-Rule}, but no remaining count, so an
   * instance alone never fills the budget from headers: its 429 (with {@code Retry-After}) and the
   * connector's {@code requests-per-minute} do. A gateway in front that adds {@code
   * X-RateLimit-Remaining} is read; other header styles go through {@link RateSignal#read}.
   *
   * @see <a href="https://www.servicenow.com/docs/r/api-reference/rest-api-explorer/inbound-REST-API-rate-limiting.html">Inbound
   *     REST API rate limiting</a>
   */
  private void reportRate(HttpResponse<String> response) {
    Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
    Optional<String> limit = response.headers().firstValue("X-RateLimit-Limit");
    if (remaining.isPresent() && limit.isPresent()) {
      try {
        int r = Integer.parseInt(remaining.get().trim());
        int l = Integer.parseInt(limit.get().trim());
        Duration resetIn = response.headers().firstValue("X-RateLimit-Reset").map(v -> resetIn(v)).orElse(null);
        rates.remaining(l, Math.max(0, r), resetIn);
        return;
      } catch (NumberFormatException e) {
        // fall back to the generic reader
      }
    }
    RateSignal.read(name -> response.headers().firstValue(name).orElse(null))
        .ifPresent(r -> rates.remaining(r.limit(), r.remaining(), r.resetIn()));
  }

  private Duration resetIn(String value) {
    try {
      long n = Long.parseLong(value.trim());
      // epoch seconds; a small number is taken as seconds from now
      long seconds = n > 1_000_000_000L ? n - clock.instant().getEpochSecond() : n;
      return Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
