package io.helpdeskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Zendesk stand-in for burst and crash tests: every order number is a ticket with the
 * same id; updates append their comment and merge tags, and the comments endpoint returns what was
 * written, so the bridge's marker check after a crash sees the truth. Same JSON shapes as the API.
 *
 * <p>It enforces Zendesk's limits as documented: at most 30 updates of one ticket per 10 minutes,
 * and, when set, an account budget per minute, announced on every answer ({@code X-Rate-Limit},
 * {@code X-Rate-Limit-Remaining}, {@code ratelimit-limit/-remaining/-reset}) and refused with 429
 * and {@code Retry-After} beyond it. It can be down (503).
 *
 * <p>It keeps what PUT and POST give each ticket ({@code type}, {@code problem_id}, {@code
 * custom_fields} merged by id, {@code priority}, {@code status}, {@code subject}) and shows it on
 * every read. Tickets a test seeds ({@link #seedTicket}) or the bridge creates ({@code POST
 * /api/v2/tickets.json}, replayed per {@code Idempotency-Key} as Zendesk does) get ids from {@value
 * #FIRST_OWN_ID} on, clear of the order numbers; a search on a custom field finds them by value
 * before falling back to "order number = ticket id".
 */
public final class ZendeskStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ORDER = Pattern.compile("custom_field_(\\d+):\"([^\"]+)\"");
  private static final Pattern MARKER = Pattern.compile("\\[helpdesk-bridge (\\S+) [^\\]]+\\]");
  private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)(/comments)?\\.json");
  private static final Pattern EXTERNAL_ID = Pattern.compile("(?:^|&)external_id=([^&]*)");
  /** The first id of a seeded or created ticket; order numbers in tests stay below it. */
  public static final long FIRST_OWN_ID = 1_000_001L;
  /** The ticket fields a PUT or POST may set and a read shows, besides tags and comments. */
  private static final List<String> KEPT = List.of("type", "problem_id", "priority", "status", "subject", "external_id");

  private final HttpServer server;
  private final Map<Long, List<String>> comments = new ConcurrentHashMap<>();
  private final Map<Long, List<String>> tags = new ConcurrentHashMap<>();
  /** Per ticket: the {@link #KEPT} fields and {@code custom_fields}, as the last write left them. */
  private final Map<Long, ObjectNode> kept = new ConcurrentHashMap<>();
  private final Map<Long, String> requesters = new ConcurrentHashMap<>();
  private final Map<String, Long> byIdempotencyKey = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(FIRST_OWN_ID);
  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong callsDuringStorm = new AtomicLong();
  private volatile long stormUntilNanos;
  private volatile long downUntilNanos;
  private volatile int perMinute;
  private volatile long windowNanos = 60_000_000_000L;
  private long windowStartNanos;
  private int usedInWindow;
  private final Map<Long, java.util.Deque<Long>> updatesByTicket = new ConcurrentHashMap<>();
  private final AtomicLong searches = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong refused429 = new AtomicLong();
  private final AtomicLong ticketLimitHits = new AtomicLong();

  public ZendeskStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(64));
    server.createContext("/api/v2/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The bridge's environment for this stand-in plus a Stripe source; a mutable map to add to. */
  public Map<String, String> bridgeEnv() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("ZENDESK_URL", url());
    env.put("ZENDESK_EMAIL", ZendeskStub.EMAIL);
    env.put("ZENDESK_API_TOKEN", ZendeskStub.TOKEN);
    env.put("ZENDESK_ORDER_FIELD_ID", ZendeskStub.ORDER_FIELD);
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    return env;
  }

  /** The comments written to a ticket, in the order they arrived. */
  public List<String> comments(long ticket) {
    return List.copyOf(comments.getOrDefault(ticket, List.of()));
  }

  /**
   * The events whose notes the ticket carries, in the order they were written, as {@code
   * source/fact} from each bridge marker (several may share one comment when coalesced).
   */
  public List<String> markers(long ticket) {
    Matcher m = MARKER.matcher(String.join("\n", comments(ticket)));
    List<String> out = new ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }

  public long calls() {
    return calls.get();
  }

  /** For the next {@code duration}, every call is refused with 429 and {@code Retry-After: 1}. */
  public void storm(java.time.Duration duration) {
    stormUntilNanos = System.nanoTime() + duration.toNanos();
  }

  public boolean storming() {
    return System.nanoTime() < stormUntilNanos;
  }

  /**
   * An account budget of {@code requests} per {@code window} (Zendesk: 200/400/700/2500 per minute;
   * tests use shorter windows to cross them quickly). Unset, the account is unlimited.
   */
  public ZendeskStandIn limit(int requests, java.time.Duration window) {
    perMinute = requests;
    windowNanos = window.toNanos();
    return this;
  }

  /** For the next {@code duration}, every call gets 503, as in an outage. */
  public void down(java.time.Duration duration) {
    downUntilNanos = System.nanoTime() + duration.toNanos();
  }

  public long searches() {
    return searches.get();
  }

  public long reads() {
    return reads.get();
  }

  public long updates() {
    return updates.get();
  }

  /** Every 429 answered: the account budget, the per-ticket limit and storms. */
  public long refused429() {
    return refused429.get();
  }

  /** Updates refused because one ticket had 30 in the last 10 minutes. */
  public long ticketLimitHits() {
    return ticketLimitHits.get();
  }

  /** Tickets that got at least one update. */
  public int ticketsUpdated() {
    return updatesByTicket.size();
  }

  /** Calls that arrived while the storm lasted (each got a 429). */
  public long callsDuringStorm() {
    return callsDuringStorm.get();
  }

  /** Tickets made by {@code POST /api/v2/tickets.json} (an idempotent replay is not one). */
  public long creates() {
    return creates.get();
  }

  /**
   * A ticket that exists before the bridge hears of it, as if the customer had written in: the
   * description is its first comment. Costs no call.
   */
  public synchronized long seedTicket(String subject, String description, String requesterEmail, String... tags) {
    long id = nextId.getAndIncrement();
    ObjectNode t = JSON.createObjectNode();
    t.put("subject", subject);
    t.put("status", "new");
    kept.put(id, t);
    if (requesterEmail != null) requesters.put(id, requesterEmail);
    this.tags.put(id, new ArrayList<>(List.of(tags)));
    if (description != null) comments.computeIfAbsent(id, k -> new ArrayList<>()).add(description);
    return id;
  }

  /** Sets a custom field of a ticket, as an agent or a Zendesk trigger would (no call counted). */
  public synchronized ZendeskStandIn seedField(long ticketId, String fieldId, String value) {
    mergeFields(ticketId, JSON.createArrayNode().add(JSON.createObjectNode().put("id", Long.parseLong(fieldId)).put("value", value)));
    return this;
  }

  /** Every ticket seeded, created or updated, by id. */
  public synchronized List<Long> tickets() {
    java.util.TreeSet<Long> ids = new java.util.TreeSet<>(kept.keySet());
    ids.addAll(updatesByTicket.keySet());
    return List.copyOf(ids);
  }

  /** The tickets whose {@code type} is {@code type} ({@code problem}, {@code incident}, ...), by id. */
  public synchronized List<Long> ticketsOfType(String type) {
    return tickets().stream().filter(id -> type.equals(type(id))).toList();
  }

  /** The ticket's {@code type}, or null when nothing set one. */
  public String type(long ticketId) {
    return text(ticketId, "type");
  }

  /** The problem ticket this incident is linked to, or null. */
  public Long problemId(long ticketId) {
    String v = text(ticketId, "problem_id");
    return v == null ? null : Long.valueOf(v);
  }

  /** The ticket's {@code priority}, or null when nothing set one. */
  public String priority(long ticketId) {
    return text(ticketId, "priority");
  }

  /** The value of a custom field on the ticket, or null. */
  public synchronized String field(long ticketId, String fieldId) {
    ObjectNode t = kept.get(ticketId);
    if (t == null) return null;
    for (JsonNode f : t.path("custom_fields")) {
      if (!f.path("id").asText().equals(fieldId)) continue;
      // the client sends a one-element value as a plain string, but the API takes a list too
      JsonNode v = f.path("value").isArray() ? f.path("value").path(0) : f.path("value");
      return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
    return null;
  }

  public String field(long ticketId, long fieldId) {
    return field(ticketId, String.valueOf(fieldId));
  }

  /** The ticket's tags as the last write left them. */
  public List<String> tags(long ticketId) {
    return List.copyOf(tags.getOrDefault(ticketId, List.of()));
  }

  /** The requester's email of a seeded or created ticket, or null. */
  public String requesterEmail(long ticketId) {
    return requesters.get(ticketId);
  }

  private synchronized String text(long ticketId, String key) {
    JsonNode v = kept.getOrDefault(ticketId, JSON.createObjectNode()).path(key);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private void handle(HttpExchange ex) throws IOException {
    calls.incrementAndGet();
    if (System.nanoTime() < downUntilNanos) {
      reply(ex, 503, "{\"error\":\"ServiceUnavailable\"}");
      return;
    }
    if (!withinBudget(ex)) {
      refused429.incrementAndGet();
      reply(ex, 429, "{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API requests per minute exceeded\"}");
      return;
    }
    if (storming()) {
      refused429.incrementAndGet();
      callsDuringStorm.incrementAndGet();
      ex.getResponseHeaders().add("Retry-After", "1");
      reply(ex, 429, "{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API requests per minute exceeded\"}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    String out;
    try {
      if (path.equals("/api/v2/search.json")) {
        searches.incrementAndGet();
        String query = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        Matcher m = ORDER.matcher(query);
        out = m.find() ? results("results", search(m.group(1), m.group(2))) : results("results", List.of());
      } else if (path.equals("/api/v2/tickets.json") && ex.getRequestMethod().equals("POST")) {
        create(ex);
        return;
      } else if (path.equals("/api/v2/tickets.json")) {
        reads.incrementAndGet();
        Matcher q = EXTERNAL_ID.matcher(String.valueOf(ex.getRequestURI().getRawQuery()));
        String externalId = q.find() ? URLDecoder.decode(q.group(1), StandardCharsets.UTF_8) : null;
        List<Long> found = new ArrayList<>();
        for (long id : tickets()) if (externalId != null && externalId.equals(text(id, "external_id"))) found.add(id);
        out = results("tickets", found);
      } else {
        Matcher m = TICKET.matcher(path);
        if (!m.matches()) {
          reply(ex, 404, "{\"error\":\"RecordNotFound\"}");
          return;
        }
        long id = Long.parseLong(m.group(1));
        if (m.group(2) != null) {
          ArrayNode list = JSON.createArrayNode();
          long n = 0;
          for (String body : comments(id)) {
            ObjectNode c = list.addObject();
            c.put("id", ++n);
            c.put("type", "Comment");
            c.put("public", false);
            c.put("body", body);
          }
          out = "{\"comments\":" + list + ",\"next_page\":null}";
        } else if (ex.getRequestMethod().equals("PUT")) {
          if (!ticketMayBeUpdated(id)) {
            ticketLimitHits.incrementAndGet();
            refused429.incrementAndGet();
            ex.getResponseHeaders().add("Retry-After", "60");
            reply(ex, 429, "{\"error\":\"TooManyRequests\",\"description\":\"Ticket update limit of 30 per 10 minutes exceeded\"}");
            return;
          }
          updates.incrementAndGet();
          JsonNode t = JSON.readTree(ex.getRequestBody()).path("ticket");
          synchronized (this) {
            if (t.has("comment")) comments.computeIfAbsent(id, k -> new ArrayList<>()).add(t.path("comment").path("body").asText());
            if (t.has("tags")) {
              List<String> now = new ArrayList<>();
              t.path("tags").forEach(x -> now.add(x.asText()));
              tags.put(id, now);
            }
            keep(id, t);
          }
          out = "{\"ticket\":" + ticket(id) + "}";
        } else {
          reads.incrementAndGet();
          out = "{\"ticket\":" + ticket(id) + "}";
        }
      }
      reply(ex, 200, out);
    } catch (RuntimeException e) {
      reply(ex, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
    }
  }

  /** The account budget: fixed one-minute windows, announced on every answer as Zendesk does. */
  private synchronized boolean withinBudget(HttpExchange ex) {
    if (perMinute <= 0) return true;
    long now = System.nanoTime();
    if (windowStartNanos == 0 || now - windowStartNanos >= windowNanos) {
      windowStartNanos = now;
      usedInWindow = 0;
    }
    long resetSeconds = Math.max(1, (windowStartNanos + windowNanos - now + 999_999_999L) / 1_000_000_000L);
    boolean ok = usedInWindow < perMinute;
    if (ok) usedInWindow++;
    int remaining = perMinute - usedInWindow;
    var h = ex.getResponseHeaders();
    h.add("X-Rate-Limit", String.valueOf(perMinute));
    h.add("X-Rate-Limit-Remaining", String.valueOf(remaining));
    h.add("ratelimit-limit", String.valueOf(perMinute));
    h.add("ratelimit-remaining", String.valueOf(remaining));
    h.add("ratelimit-reset", String.valueOf(resetSeconds));
    if (!ok) h.add("Retry-After", String.valueOf(resetSeconds));
    return ok;
  }

  /** Zendesk: 30 updates per ticket per 10 minutes. */
  private boolean ticketMayBeUpdated(long id) {
    long now = System.nanoTime();
    java.util.Deque<Long> times = updatesByTicket.computeIfAbsent(id, k -> new java.util.ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && now - times.peekFirst() > 600_000_000_000L) times.pollFirst();
      if (times.size() >= 30) return false;
      times.addLast(now);
      return true;
    }
  }

  /**
   * {@code POST /api/v2/tickets.json}: a new ticket from the request, 201. A repeated {@code
   * Idempotency-Key} gets the first answer again, with {@code x-idempotency-lookup: hit}.
   */
  private void create(HttpExchange ex) throws IOException {
    JsonNode t = JSON.readTree(ex.getRequestBody()).path("ticket");
    String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
    long id;
    boolean replay;
    synchronized (this) {
      Long earlier = key == null ? null : byIdempotencyKey.get(key);
      replay = earlier != null;
      if (replay) {
        id = earlier;
      } else {
        creates.incrementAndGet();
        id = nextId.getAndIncrement();
        if (key != null) byIdempotencyKey.put(key, id);
        ObjectNode base = JSON.createObjectNode();
        base.put("status", "new");
        kept.put(id, base);
        keep(id, t);
        List<String> now = new ArrayList<>();
        t.path("tags").forEach(x -> now.add(x.asText()));
        tags.put(id, now);
        String email = t.path("requester").path("email").asText(null);
        if (email != null) requesters.put(id, email);
        if (t.has("comment")) comments.computeIfAbsent(id, k -> new ArrayList<>()).add(t.path("comment").path("body").asText());
      }
    }
    ex.getResponseHeaders().add("x-idempotency-lookup", replay ? "hit" : "miss");
    reply(ex, 201, "{\"ticket\":" + ticket(id) + "}");
  }

  /** Takes the {@link #KEPT} fields a write carries; custom fields merge by id, as Zendesk does. */
  private synchronized void keep(long id, JsonNode t) {
    ObjectNode k = kept.computeIfAbsent(id, x -> JSON.createObjectNode());
    for (String f : KEPT) if (t.has(f)) k.set(f, t.get(f));
    if (t.has("custom_fields")) mergeFields(id, t.get("custom_fields"));
  }

  private synchronized void mergeFields(long id, JsonNode given) {
    ObjectNode k = kept.computeIfAbsent(id, x -> JSON.createObjectNode());
    Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
    k.path("custom_fields").forEach(f -> byId.put(f.path("id").asText(), f));
    given.forEach(f -> byId.put(f.path("id").asText(), f));
    ArrayNode merged = k.putArray("custom_fields");
    byId.values().forEach(merged::add);
  }

  /** Tickets whose custom field has the value; else the order number's own ticket (none if not a number). */
  private synchronized List<Long> search(String fieldId, String value) {
    List<Long> found = new ArrayList<>();
    for (Long id : kept.keySet()) if (value.equals(field(id, fieldId))) found.add(id);
    if (!found.isEmpty()) return found;
    return value.matches("\\d{1,18}") ? List.of(Long.parseLong(value)) : List.of();
  }

  private String results(String name, List<Long> ids) {
    StringBuilder b = new StringBuilder("{\"" + name + "\":[");
    for (int i = 0; i < ids.size(); i++) b.append(i == 0 ? "" : ",").append(ticket(ids.get(i)));
    return b.append("],\"next_page\":null,\"count\":").append(ids.size()).append('}').toString();
  }

  private synchronized String ticket(long id) {
    ObjectNode t = JSON.createObjectNode();
    t.put("id", id);
    t.put("status", "open");
    ObjectNode k = kept.get(id);
    if (k != null) t.setAll(k.deepCopy());
    ArrayNode tagList = t.putArray("tags");
    tags.getOrDefault(id, List.of()).forEach(tagList::add);
    t.put("created_at", "2026-11-20T09:00:00Z");
    t.put("updated_at", "2026-11-24T10:00:00Z");
    return t.toString();
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
