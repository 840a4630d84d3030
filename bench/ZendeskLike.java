import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zendesk-like helpdesk for the benchmarks: each order number is a ticket with that id; search by
 * the order custom field (9001), GET and PUT a ticket. It answers after a fixed latency, enforces
 * an account budget per minute (fixed windows, announced in X-Rate-Limit-Remaining and
 * ratelimit-* headers, 429 with Retry-After beyond it) and Zendesk's 30 updates per ticket per 10
 * minutes. It counts every call and records when each bridge marker first reached a ticket.
 */
final class ZendeskLike implements AutoCloseable {
  static final Pattern ORDER = Pattern.compile("custom_field_9001:\"?(\\d+)\"?");
  static final Pattern MARKER = Pattern.compile("\\[helpdesk-bridge (\\S+) ");

  final AtomicLong calls = new AtomicLong();
  final AtomicLong searches = new AtomicLong();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong updates = new AtomicLong();
  final AtomicLong refused429 = new AtomicLong();
  final AtomicLong ticketLimitHits = new AtomicLong();
  /** marker (source/fact) → when it was first written, System.nanoTime(). */
  final Map<String, Long> written = new ConcurrentHashMap<>();
  final Map<Long, Deque<Long>> updatesByTicket = new ConcurrentHashMap<>();
  /** ticket id → when it was first updated, System.nanoTime(). */
  final Map<Long, Long> firstUpdate = new ConcurrentHashMap<>();

  private final HttpServer server;
  private final int perMinute;
  private final long latencyMs;
  private long windowStart;
  private int used;

  ZendeskLike(int perMinute, long latencyMs) throws IOException {
    this.perMinute = perMinute;
    this.latencyMs = latencyMs;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newFixedThreadPool(96));
    server.createContext("/api/v2/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  int ticketsUpdated() {
    return updatesByTicket.size();
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] request = ex.getRequestBody().readAllBytes();
    calls.incrementAndGet();
    BenchSupport.sleep(latencyMs);
    if (!withinBudget(ex)) {
      refused429.incrementAndGet();
      reply(ex, 429, "{\"error\":\"APIRateLimitExceeded\"}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    if (path.endsWith("/search.json")) {
      searches.incrementAndGet();
      Matcher m = ORDER.matcher(URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
      reply(ex, 200, m.find() ? "{\"results\":[" + ticket(Long.parseLong(m.group(1))) + "],\"count\":1}" : "{\"results\":[],\"count\":0}");
      return;
    }
    long id = Long.parseLong(path.replaceAll("^/api/v2/tickets/(\\d+).*$", "$1"));
    if (ex.getRequestMethod().equals("PUT")) {
      if (!ticketMayBeUpdated(id)) {
        ticketLimitHits.incrementAndGet();
        refused429.incrementAndGet();
        ex.getResponseHeaders().add("Retry-After", "60");
        reply(ex, 429, "{\"error\":\"TooManyRequests\",\"description\":\"Ticket update limit exceeded\"}");
        return;
      }
      updates.incrementAndGet();
      long now = System.nanoTime();
      firstUpdate.putIfAbsent(id, now);
      Matcher m = MARKER.matcher(new String(request, StandardCharsets.UTF_8));
      while (m.find()) written.putIfAbsent(m.group(1), now);
    } else {
      reads.incrementAndGet();
    }
    reply(ex, 200, "{\"ticket\":" + ticket(id) + "}");
  }

  private synchronized boolean withinBudget(HttpExchange ex) {
    if (perMinute <= 0) return true;
    long now = System.nanoTime();
    if (windowStart == 0 || now - windowStart >= 60_000_000_000L) {
      windowStart = now;
      used = 0;
    }
    long reset = Math.max(1, (windowStart + 60_000_000_000L - now) / 1_000_000_000L);
    boolean ok = used < perMinute;
    if (ok) used++;
    var h = ex.getResponseHeaders();
    h.add("X-Rate-Limit", String.valueOf(perMinute));
    h.add("X-Rate-Limit-Remaining", String.valueOf(perMinute - used));
    h.add("ratelimit-limit", String.valueOf(perMinute));
    h.add("ratelimit-remaining", String.valueOf(perMinute - used));
    h.add("ratelimit-reset", String.valueOf(reset));
    if (!ok) h.add("Retry-After", String.valueOf(reset));
    return ok;
  }

  private boolean ticketMayBeUpdated(long id) {
    long now = System.nanoTime();
    Deque<Long> times = updatesByTicket.computeIfAbsent(id, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && now - times.peekFirst() > 600_000_000_000L) times.pollFirst();
      if (times.size() >= 30) return false;
      times.addLast(now);
      return true;
    }
  }

  static String ticket(long id) {
    return "{\"id\":" + id + ",\"status\":\"open\",\"tags\":[],\"created_at\":\"2026-11-20T09:00:00Z\","
        + "\"updated_at\":\"2026-11-24T10:00:00Z\"}";
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
