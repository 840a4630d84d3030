package io.helpdeskbridge.plugin.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in of a ServiceNow instance's Table API for end-to-end tests: records of one
 * table live in memory, a {@code PATCH} changes what the next {@code GET} returns, and its {@code
 * work_notes}/{@code comments} become journal entries ({@code sys_journal_field}) as on an instance.
 * Shapes as ServiceNow documents them: {@code {"result": …}}, errors {@code {"error":{"message",
 * "detail"},"status":"failure"}} (401 without the integration user's Basic auth), encoded queries
 * {@code col=value^…} in {@code sysparm_query}, and the rate-limit rule headers {@code
 * X-RateLimit-Limit}, {@code X-RateLimit-Reset} (Unix seconds) and {@code X-RateLimit-Rule}.
 */
public final class ServiceNowStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String table;
  private final String authorization;
  private final Map<String, Map<String, String>> records = new ConcurrentHashMap<>();
  private final List<Map<String, String>> journal = Collections.synchronizedList(new ArrayList<>());
  private final WireMockServer server;

  public ServiceNowStandIn(String table, String username, String password) {
    this.table = table;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Instance()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers("servicenow-table")));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public void record(String sysId, Map<String, String> columns) {
    Map<String, String> r = new ConcurrentHashMap<>(columns);
    r.put("sys_id", sysId);
    records.put(sysId, r);
  }

  public Map<String, String> record(String sysId) {
    return Map.copyOf(records.get(sysId));
  }

  /** Journal entries of a record, oldest first: {@code element} (work_notes or comments) and {@code value}. */
  public List<Map<String, String>> journal(String sysId) {
    synchronized (journal) {
      return journal.stream().filter(j -> j.get("element_id").equals(sysId)).map(Map::copyOf).toList();
    }
  }

  public List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  public List<String> calls() {
    return requests().stream().map(r -> r.getMethod().value() + " " + r.getUrl()).toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Instance implements ResponseDefinitionTransformerV2 {
    private final Pattern recordPath = Pattern.compile("/api/now/table/" + Pattern.quote(table) + "/([0-9a-f]{32})");

    @Override
    public String getName() {
      return "servicenow-table";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Request r = event.getRequest();
      if (!authorization.equals(r.getHeader("Authorization"))) {
        return answer(401, error("User Not Authenticated", "Required to provide Auth information"));
      }
      String method = r.getMethod().value();
      String path = r.getUrl().split("\\?")[0];
      Map<String, String> query = query(r.getUrl());
      Matcher one = recordPath.matcher(path);
      try {
        if (method.equals("GET") && path.equals("/api/now/table/" + table)) return list(records.values(), query);
        if (method.equals("GET") && path.equals("/api/now/table/sys_journal_field")) return list(journal, query);
        if (method.equals("GET") && one.matches()) return read(one.group(1), query.get("sysparm_fields"));
        if (method.equals("PATCH") && one.matches()) return update(one.group(1), JSON.readTree(r.getBodyAsString()));
      } catch (Exception e) {
        return answer(400, error("Exception while reading request", e.getMessage()));
      }
      return answer(400, error("Invalid table", "no such table or record in the stand-in"));
    }

    private ResponseDefinition read(String sysId, String fields) {
      Map<String, String> r = records.get(sysId);
      if (r == null) return answer(404, error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"));
      ObjectNode out = JSON.createObjectNode();
      out.set("result", select(r, fields));
      return answer(200, out);
    }

    private ResponseDefinition update(String sysId, JsonNode body) {
      Map<String, String> r = records.get(sysId);
      if (r == null) return answer(404, error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"));
      body.fields().forEachRemaining(f -> {
        if (f.getKey().equals("work_notes") || f.getKey().equals("comments")) {
          Map<String, String> entry = new LinkedHashMap<>();
          entry.put("sys_id", String.format("%032x", journal.size() + 1));
          entry.put("element_id", sysId);
          entry.put("element", f.getKey());
          entry.put("value", f.getValue().asText());
          journal.add(entry);
        } else {
          r.put(f.getKey(), f.getValue().asText());
        }
      });
      r.put("sys_updated_on", Instant.now().toString());
      ObjectNode out = JSON.createObjectNode();
      out.set("result", select(r, null));
      return answer(200, out);
    }

    /** {@code sysparm_query} conditions {@code a=b}, {@code aINx,y}, {@code aLIKEx} joined by {@code ^}; ORDERBY ignored. */
    private ResponseDefinition list(java.util.Collection<Map<String, String>> rows, Map<String, String> query) {
      List<String> conditions = new ArrayList<>();
      for (String c : query.getOrDefault("sysparm_query", "").split("\\^")) if (!c.isBlank() && !c.startsWith("ORDERBY")) conditions.add(c);
      int limit = Integer.parseInt(query.getOrDefault("sysparm_limit", "10000"));
      ArrayNode result = JSON.createArrayNode();
      List<Map<String, String>> copy;
      synchronized (rows) {
        copy = new ArrayList<>(rows);
      }
      for (Map<String, String> row : copy) {
        if (result.size() < limit && conditions.stream().allMatch(c -> matches(row, c))) result.add(select(row, query.get("sysparm_fields")));
      }
      ObjectNode out = JSON.createObjectNode();
      out.set("result", result);
      return answer(200, out);
    }

    private boolean matches(Map<String, String> row, String condition) {
      Matcher m = Pattern.compile("([a-z_0-9.]+?)(=|IN|LIKE)(.*)").matcher(condition);
      if (!m.matches()) return false;
      String value = row.getOrDefault(m.group(1), "");
      return switch (m.group(2)) {
        case "=" -> value.equals(m.group(3));
        case "IN" -> List.of(m.group(3).split(",")).contains(value);
        default -> value.contains(m.group(3));
      };
    }
  }

  private static ObjectNode select(Map<String, String> row, String fields) {
    ObjectNode o = JSON.createObjectNode();
    if (fields == null) row.forEach(o::put);
    else for (String f : fields.split(",")) o.put(f, row.getOrDefault(f, ""));
    return o;
  }

  private static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    int q = url.indexOf('?');
    if (q < 0) return params;
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static ObjectNode error(String message, String detail) {
    ObjectNode e = JSON.createObjectNode();
    e.putObject("error").put("message", message).put("detail", detail);
    e.put("status", "failure");
    return e;
  }

  private static ResponseDefinition answer(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json;charset=UTF-8")
        .withHeader("X-RateLimit-Limit", "5000")
        .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 3600))
        .withHeader("X-RateLimit-Rule", "4f2c7e5a1b3d4c6e8f9a0b1c2d3e4f5a")
        .withBody(body.toString()).build();
  }
}
