package io.helpdeskbridge.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The operator's HTTP API over the inbox: {@code GET /ops/dead}, {@code GET /ops/inbox/{id}},
 * {@code POST /ops/replay}, {@code POST /ops/purge}. Every call needs {@code Authorization: Bearer
 * <BRIDGE_OPS_TOKEN>}; answers are JSON, refusals problem+json.
 */
public final class OpsApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;
  private final Replayer replayer;
  private final byte[] token;

  public OpsApi(Store store, Replayer replayer, String token) {
    this.store = store;
    this.replayer = replayer;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  public void handle(Exchange ex) throws Exception {
    String auth = ex.getMessage().getHeader("Authorization", String.class);
    String path = ex.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
    String method = ex.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
    if (auth == null || !auth.startsWith("Bearer ") || !tokenMatches(auth.substring(7).trim())) {
      answer(ex, 401, problem(401, "Unauthorized", "send Authorization: Bearer <BRIDGE_OPS_TOKEN>"));
      return;
    }
    try {
      String p = path == null ? "" : path.replaceFirst("^/ops", "");
      if ("GET".equals(method) && p.equals("/dead")) {
        answer(ex, 200, dead(ex));
      } else if ("GET".equals(method) && p.equals("/inbox")) {
        // how many events wait, are done, ignored or dead: the queue depth at a glance
        ObjectNode out = JSON.createObjectNode();
        depth().forEach(out::put);
        answer(ex, 200, out);
      } else if ("GET".equals(method) && p.matches("/inbox/\\d+")) {
        InboxRow row = store.inbox().get(Long.parseLong(p.substring(7))).orElse(null);
        answer(ex, row == null ? 404 : 200, row == null ? problem(404, "Not found", "no inbox row " + p.substring(7)) : show(row));
      } else if ("POST".equals(method) && p.equals("/replay")) {
        String body = ex.getMessage().getBody(String.class);
        answer(ex, 200, replayed(replay(body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body))));
      } else if ("POST".equals(method) && p.equals("/purge")) {
        Instant before = instant(ex.getMessage().getHeader("before", String.class));
        if (before == null) throw new IllegalArgumentException("purge needs ?before=<date or instant>");
        ObjectNode out = JSON.createObjectNode();
        out.put("purged", purge(before));
        answer(ex, 200, out);
      } else {
        answer(ex, 404, problem(404, "Not found", method + " " + path + " is not an ops endpoint"));
      }
    } catch (IllegalArgumentException e) {
      answer(ex, 400, problem(400, "Bad request", e.getMessage()));
    }
  }

  private ArrayNode dead(Exchange ex) {
    Integer limit = ex.getMessage().getHeader("limit", Integer.class);
    List<InboxRow> rows = dead(ex.getMessage().getHeader("source", String.class), ex.getMessage().getHeader("order", String.class),
        instant(ex.getMessage().getHeader("since", String.class)), limit == null ? 100 : limit);
    ArrayNode out = JSON.createArrayNode();
    rows.forEach(r -> out.add(summary(r)));
    return out;
  }

  /** Whether {@code candidate} is the ops token; in constant time. */
  public boolean tokenMatches(String candidate) {
    return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A key derived from the ops token for one purpose (HMAC-SHA256 of the purpose, keyed with the
   * token): the console signs its sessions with it, so a session cookie never holds the token and
   * a new token ends every session.
   */
  public byte[] derivedKey(String purpose) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(token, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many rows each status holds: the queue depth at a glance. */
  public Map<String, Long> depth() {
    return store.inbox().countByStatus();
  }

  /** Dead letters, newest first, narrowed by source, order key and last-attempt time when given. */
  public List<InboxRow> dead(String source, String order, Instant since, int limit) {
    return store.inbox().find(InboxStatus.DEAD, blankToNull(source), blankToNull(order), since, limit);
  }

  /** {@code {"ids":[...]}}, {@code {"since":"2026-11-24"}} or {@code {"allDead":true}}. */
  public Replayer.Result replay(JsonNode req) {
    if (req.has("ids")) {
      return replayer.replay(JSON.convertValue(req.get("ids"), new TypeReference<List<Long>>() {}));
    } else if (req.path("allDead").asBoolean(false) || req.has("since")) {
      return replayer.replayDead(instant(req.path("since").asText(null)));
    }
    throw new IllegalArgumentException("replay needs {\"ids\":[...]}, {\"since\":\"2026-11-24\"} or {\"allDead\":true}");
  }

  /** Deletes finished rows that finished before {@code before}; rows still waiting are never purged. */
  public int purge(Instant before) {
    return store.inbox().purge(before);
  }

  private static ObjectNode replayed(Replayer.Result result) {
    ObjectNode out = JSON.createObjectNode();
    out.set("replayed", JSON.valueToTree(result.replayed()));
    out.set("skipped", JSON.valueToTree(result.skipped()));
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static ObjectNode summary(InboxRow r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id());
    n.put("source", r.source());
    n.put("eventId", r.eventId());
    n.put("type", r.vendorType());
    n.put("order", r.orderKey());
    n.put("status", r.status().db());
    n.put("attempts", r.attempts());
    n.put("firstAttempt", r.firstAttemptAt() == null ? null : r.firstAttemptAt().toString());
    n.put("lastAttempt", r.lastAttemptAt() == null ? null : r.lastAttemptAt().toString());
    n.put("error", r.lastError());
    n.put("outcome", r.outcome());
    return n;
  }

  static ObjectNode show(InboxRow r) throws Exception {
    ObjectNode n = summary(r);
    n.put("receivedAt", r.receivedAt().toString());
    n.put("duplicates", r.duplicates());
    n.set("headers", JSON.valueToTree(PayloadMasker.headers(JSON.readValue(r.headersJson(), new TypeReference<Map<String, String>>() {}))));
    n.put("payload", PayloadMasker.body(r.body()));
    return n;
  }

  /** {@code 2026-11-24} (midnight UTC) or a full instant; null stays null. */
  public static Instant instant(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a date (2026-11-24) or an instant (2026-11-24T10:00:00Z)");
    }
  }

  private static ObjectNode problem(int status, String title, String detail) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "about:blank");
    p.put("title", title);
    p.put("status", status);
    p.put("detail", detail);
    return p;
  }

  private static void answer(Exchange ex, int status, JsonNode body) {
    ex.getMessage().removeHeaders("*");
    ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    ex.getMessage().setHeader(Exchange.CONTENT_TYPE, status >= 400 ? "application/problem+json" : "application/json");
    ex.getMessage().setBody(body.toString());
  }
}
