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
 */
public final class ZendeskStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ORDER = Pattern.compile("custom_field_\\d+:\"([^\"]+)\"");
  private static final Pattern MARKER = Pattern.compile("\\[helpdesk-bridge (\\S+) [^\\]]+\\]");
  private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)(/comments)?\\.json");

  private final HttpServer server;
  private final Map<Long, List<String>> comments = new ConcurrentHashMap<>();
  private final Map<Long, List<String>> tags = new ConcurrentHashMap<>();
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
        out = m.find() ? "{\"results\":[" + ticket(Long.parseLong(m.group(1))) + "],\"next_page\":null,\"count\":1}"
            : "{\"results\":[],\"next_page\":null,\"count\":0}";
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

  private String ticket(long id) {
    List<String> t = tags.getOrDefault(id, List.of());
    try {
      return "{\"id\":" + id + ",\"status\":\"open\",\"tags\":" + JSON.writeValueAsString(t)
          + ",\"created_at\":\"2026-11-20T09:00:00Z\",\"updated_at\":\"2026-11-24T10:00:00Z\"}";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
