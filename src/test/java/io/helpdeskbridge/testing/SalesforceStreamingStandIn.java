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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in of one Salesforce org for the bridge's Case events: the OAuth token endpoint
 * (client credentials; {@code instance_url} points back here), the REST calls the helpdesk makes
 * ({@code /query/}, {@code /composite}, whose CaseComments it keeps per Case and shows on later
 * reads, so the bridge's marker check sees the truth) and the Streaming API as camel-salesforce
 * speaks it: Bayeux over CometD long polling on {@code /cometd/<version>} (the client may append
 * {@code /handshake}, {@code /connect}). A handshake answers with a client id and the {@code replay}
 * extension; a subscribe is remembered with the replay id its {@code ext.replay} asks to resume
 * from, and one that asks for a position (not {@code -1}) gets the published events after it again,
 * as the event bus replays them; a connect is held until a published event is waiting (at most {@value #HOLD_MS} ms), then
 * answers with the waiting events, in the shape Salesforce gives Platform Events, followed by the
 * successful connect.
 *
 * <p>Published events wait for a subscription to their channel: an event is never delivered to a
 * client that is not listening.
 */
public final class SalesforceStreamingStandIn implements AutoCloseable {
  public static final String API_VERSION = "62.0";
  public static final String ACCESS_TOKEN = "00Dxx!it.streaming.token";
  private static final String DATA = "/services/data/v" + API_VERSION;
  private static final long HOLD_MS = 250;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARKED_CASE = Pattern.compile("WHERE Id = '([^']+)'");

  /** One {@code /meta/subscribe}: the channel and the replay id the client asked to resume from (null if none). */
  public record Subscription(String clientId, String channel, Long replayFrom) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "salesforce-stand-in");
    t.setDaemon(true);
    return t;
  });
  private final BlockingQueue<ObjectNode> waiting = new LinkedBlockingQueue<>();
  /** Every event published, oldest first: the event bus a subscription may replay from. */
  private final List<ObjectNode> bus = new CopyOnWriteArrayList<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> comments = new ConcurrentHashMap<>();
  private final List<String> composites = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicLong clients = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private volatile String subscribedClient;
  private final Object subscribedSignal = new Object();

  public SalesforceStreamingStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/services/oauth2/", this::oauth);
    server.createContext(DATA + "/", this::rest);
    server.createContext("/cometd/" + API_VERSION, this::cometd);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The bridge's environment for this org with Case events on {@code channel}; a mutable map to add to. */
  public Map<String, String> bridgeEnv(String channel) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("SALESFORCE_LOGIN_URL", url());
    env.put("SALESFORCE_CLIENT_ID", "3MVG9itStreamingKey");
    env.put("SALESFORCE_CLIENT_SECRET", "sf-it-streaming-secret");
    env.put("SALESFORCE_API_VERSION", API_VERSION);
    env.put("SALESFORCE_CASE_EVENTS_CHANNEL", channel);
    env.put("BRIDGE_HELPDESK", "salesforce");
    return env;
  }

  /**
   * Queues a Platform Event message for the next connect of a subscribed client: {@code payload}
   * becomes {@code data.payload} (with {@code EventUuid}), and {@code data.event} carries the
   * replay id and the same {@code EventUuid}, as Salesforce sends them.
   */
  public void publish(String channel, long replayId, String eventUuid, Map<String, Object> payload) {
    ObjectNode message = JSON.createObjectNode();
    message.put("channel", channel);
    ObjectNode data = message.putObject("data");
    data.put("schema", "dffQ2QLzDNHqwB8_sHMxdA");
    ObjectNode p = data.putObject("payload");
    payload.forEach((k, v) -> p.set(k, JSON.valueToTree(v)));
    p.put("EventUuid", eventUuid);
    data.putObject("event").put("replayId", replayId).put("EventUuid", eventUuid);
    bus.add(message);
    waiting.add(message);
  }

  /** Every subscribe so far, oldest first (an unsubscribe does not remove it). */
  public List<Subscription> subscriptions() {
    return List.copyOf(subscriptions);
  }

  /** The CommentBody of every CaseComment written to the Case, in order. */
  public List<String> comments(String caseId) {
    return List.copyOf(comments.getOrDefault(caseId, List.of()));
  }

  /** The bodies of every composite request. */
  public List<String> composites() {
    return List.copyOf(composites);
  }

  /** Events handed to a client so far. */
  public long delivered() {
    return delivered.get();
  }

  /** Authorization headers the CometD requests carried. */
  public List<String> streamingAuthorizations() {
    return List.copyOf(authorizations);
  }

  // ------------------------------------------------------------------ OAuth

  private void oauth(HttpExchange x) throws IOException {
    x.getRequestBody().readAllBytes();
    if (x.getRequestURI().getPath().endsWith("/token")) {
      String base = url();
      answer(x, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"signature\":\"9PSZcOvEnF5IPh0n1xMfrl4B2vXK5Rze4P+2ajfpGas=\","
          + "\"scope\":\"api\",\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS\","
          + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"api_instance_url\":\"" + base + "\"}");
    } else {
      answer(x, 200, "");
    }
  }

  // ------------------------------------------------------------------ REST

  private void rest(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    byte[] body = x.getRequestBody().readAllBytes();
    if (path.startsWith(DATA + "/query")) {
      String q = query(x.getRequestURI().getRawQuery());
      Matcher m = MARKED_CASE.matcher(q);
      String id = m.find() ? m.group(1) : "500xx000001AbCdAAK";
      ObjectNode record = JSON.createObjectNode();
      record.putObject("attributes").put("type", "Case").put("url", DATA + "/sobjects/Case/" + id);
      record.put("Id", id).put("Status", "New").put("IsClosed", false)
          .put("CreatedDate", "2026-11-24T10:15:30.000+0000").put("LastModifiedDate", "2026-11-24T10:15:30.000+0000");
      if (q.contains("CaseComments")) {
        List<String> mine = comments(id);
        if (mine.isEmpty()) {
          record.putNull("CaseComments");
        } else {
          ObjectNode related = record.putObject("CaseComments");
          related.put("totalSize", mine.size()).put("done", true);
          ArrayNode records = related.putArray("records");
          for (int i = mine.size() - 1; i >= 0; i--) records.addObject().put("CommentBody", mine.get(i));
        }
      }
      ObjectNode page = JSON.createObjectNode().put("totalSize", 1).put("done", true);
      page.putArray("records").add(record);
      answer(x, 200, page.toString());
    } else if (path.equals(DATA + "/composite")) {
      String text = new String(body, StandardCharsets.UTF_8);
      composites.add(text);
      ArrayNode responses = JSON.createArrayNode();
      for (JsonNode sub : JSON.readTree(text).path("compositeRequest")) {
        ObjectNode r = responses.addObject();
        r.put("referenceId", sub.path("referenceId").asText());
        r.putObject("httpHeaders");
        if ("PATCH".equals(sub.path("method").asText())) {
          r.putNull("body");
          r.put("httpStatusCode", 204);
        } else {
          if (sub.path("url").asText().endsWith("/sobjects/CaseComment")) {
            comments.computeIfAbsent(sub.path("body").path("ParentId").asText(), k -> new CopyOnWriteArrayList<>())
                .add(sub.path("body").path("CommentBody").asText());
          }
          r.putObject("body").put("id", "00axx" + String.format("%010d", composites.size())).put("success", true).putArray("errors");
          r.put("httpStatusCode", 201);
        }
      }
      answer(x, 200, JSON.createObjectNode().set("compositeResponse", responses).toString());
    } else {
      answer(x, 404, "[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
    }
  }

  private static String query(String rawQuery) {
    for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
      if (pair.startsWith("q=")) return URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
    }
    return "";
  }

  // ------------------------------------------------------------------ Bayeux / CometD

  private void cometd(HttpExchange x) throws IOException {
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (auth != null) authorizations.add(auth);
    JsonNode messages = JSON.readTree(x.getRequestBody().readAllBytes());
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode m : messages.isArray() ? messages : JSON.createArrayNode().add(messages)) {
      String channel = m.path("channel").asText();
      ObjectNode reply = JSON.createObjectNode();
      if (m.has("id")) reply.put("id", m.path("id").asText());
      reply.put("channel", channel);
      switch (channel) {
        case "/meta/handshake" -> {
          reply.put("version", "1.0").put("minimumVersion", "1.0");
          reply.putArray("supportedConnectionTypes").add("long-polling");
          reply.put("clientId", "standin" + clients.incrementAndGet());
          reply.put("successful", true);
          reply.putObject("ext").put("replay", true).put("payload.format", true);
          reply.putObject("advice").put("reconnect", "retry").put("interval", 0).put("timeout", 110000);
        }
        case "/meta/subscribe" -> {
          String sub = m.path("subscription").asText();
          JsonNode from = m.path("ext").path("replay").get(sub);
          Long replayFrom = from == null || !from.canConvertToLong() ? null : from.asLong();
          subscriptions.add(new Subscription(m.path("clientId").asText(), sub, replayFrom));
          replay(sub, replayFrom);
          synchronized (subscribedSignal) {
            subscribedClient = m.path("clientId").asText();
            subscribedSignal.notifyAll();
          }
          reply.put("clientId", m.path("clientId").asText()).put("subscription", sub).put("successful", true);
        }
        case "/meta/connect" -> {
          connects.incrementAndGet();
          events(m.path("clientId").asText()).forEach(out::add);
          reply.put("clientId", m.path("clientId").asText()).put("successful", true);
          reply.putObject("advice").put("reconnect", "retry").put("interval", 0).put("timeout", 110000);
        }
        case "/meta/unsubscribe" -> {
          if (m.path("clientId").asText().equals(subscribedClient)) subscribedClient = null;
          reply.put("clientId", m.path("clientId").asText()).put("subscription", m.path("subscription").asText())
              .put("successful", true);
        }
        case "/meta/disconnect" -> {
          if (m.path("clientId").asText().equals(subscribedClient)) subscribedClient = null;
          reply.put("clientId", m.path("clientId").asText()).put("successful", true);
        }
        default -> reply.put("successful", false).put("error", "403::Publishing is not supported here");
      }
      out.add(reply);
    }
    answer(x, 200, out.toString());
  }

  /**
   * What a subscription that asks to resume gets, as the event bus gives it: after replay id {@code
   * from} (-2: everything kept), instead of what was waiting; -1 or none: only what comes next.
   */
  private void replay(String channel, Long from) {
    if (from == null || from == -1) return;
    waiting.clear();
    for (ObjectNode event : bus) {
      if (event.path("channel").asText().equals(channel) && (from == -2 || event.path("data").path("event").path("replayId").asLong() > from)) {
        waiting.add(event);
      }
    }
  }

  /**
   * The events waiting for a subscribed client: held until one is published or {@value #HOLD_MS}
   * ms pass, as a long poll is; then everything waiting. Nothing for a client that is not subscribed.
   */
  private List<ObjectNode> events(String clientId) {
    List<ObjectNode> out = new ArrayList<>();
    try {
      synchronized (subscribedSignal) {
        // not listening yet: hold the poll until the client subscribes (or the hold passes)
        if (!clientId.equals(subscribedClient)) subscribedSignal.wait(HOLD_MS);
        if (!clientId.equals(subscribedClient)) return out;
      }
      ObjectNode first = waiting.poll(HOLD_MS, TimeUnit.MILLISECONDS);
      if (first == null) return out;
      out.add(first);
      waiting.drainTo(out);
      delivered.addAndGet(out.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    if (bytes.length == 0) {
      x.sendResponseHeaders(status, -1);
    } else {
      x.sendResponseHeaders(status, bytes.length);
      x.getResponseBody().write(bytes);
    }
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
