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
 */
public final class ZendeskStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ORDER = Pattern.compile("custom_field_\\d+:\"([^\"]+)\"");
  private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)(/comments)?\\.json");

  private final HttpServer server;
  private final Map<Long, List<String>> comments = new ConcurrentHashMap<>();
  private final Map<Long, List<String>> tags = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong callsDuringStorm = new AtomicLong();
  private volatile long stormUntilNanos;

  public ZendeskStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/api/v2/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The comments written to a ticket, in the order they arrived. */
  public List<String> comments(long ticket) {
    return List.copyOf(comments.getOrDefault(ticket, List.of()));
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

  /** Calls that arrived while the storm lasted (each got a 429). */
  public long callsDuringStorm() {
    return callsDuringStorm.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    calls.incrementAndGet();
    if (storming()) {
      callsDuringStorm.incrementAndGet();
      ex.getResponseHeaders().add("Retry-After", "1");
      reply(ex, 429, "{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API requests per minute exceeded\"}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    String out;
    try {
      if (path.equals("/api/v2/search.json")) {
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
          out = "{\"ticket\":" + ticket(id) + "}";
        }
      }
      reply(ex, 200, out);
    } catch (RuntimeException e) {
      reply(ex, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
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
