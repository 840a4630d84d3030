package io.helpdeskbridge.plugin.hubspot;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in of HubSpot's CRM v3 objects API for end-to-end tests: tickets and notes live in
 * memory, so a {@code PATCH} is what the next {@code GET} or search returns, and a note made is one
 * {@code notes/search} on {@code associations.ticket} finds. Shapes as HubSpot documents them:
 * objects {@code {"id","properties","createdAt","updatedAt","archived"}}, searches {@code
 * {"total","results"}}, errors {@code {"status":"error","message","correlationId","category"}} (401
 * without the token, 404 for an unknown ticket), every answer with {@code X-HubSpot-RateLimit-Max},
 * {@code -Remaining}, {@code -Interval-Milliseconds}; {@link #rateLimitNext} makes the next call of
 * a kind a 429 with {@code Retry-After}.
 */
public final class HubSpotStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TICKET = Pattern.compile("/crm/v3/objects/tickets/([0-9]+)");

  private final String token;
  private final Map<String, Map<String, String>> tickets = new ConcurrentHashMap<>();
  private final List<ObjectNode> notes = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
  private final AtomicLong nextNoteId = new AtomicLong(90001);
  private final WireMockServer server;

  public HubSpotStandIn(String token) {
    this.token = token;
    this.server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Crm()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers("hubspot-crm")));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A ticket as an agent or a form made it. */
  public void ticket(String id, Map<String, String> properties) {
    tickets.put(id, new ConcurrentHashMap<>(properties));
  }

  public Map<String, String> ticket(String id) {
    return Map.copyOf(tickets.get(id));
  }

  /** The next {@code count} calls whose {@code "METHOD path"} starts with {@code call} answer 429, Retry-After 1. */
  public void rateLimitNext(String call, int count) {
    rateLimited.put(call, new AtomicInteger(count));
  }

  /** Every request, oldest first, as {@code METHOD url}. */
  public List<String> calls() {
    return requests().stream().map(r -> r.getMethod().value() + " " + r.getUrl()).toList();
  }

  public List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  public List<LoggedRequest> requests(String method, String path) {
    return requests().stream().filter(r -> r.getMethod().value().equals(method) && r.getUrl().split("\\?")[0].equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** The in-memory CRM behind every request. */
  private final class Crm implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "hubspot-crm";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Request r = event.getRequest();
      String method = r.getMethod().value();
      String path = r.getUrl().split("\\?")[0];
      for (Map.Entry<String, AtomicInteger> limit : rateLimited.entrySet()) {
        if ((method + " " + path).startsWith(limit.getKey()) && limit.getValue().getAndDecrement() > 0) {
          return answer(429, error("You have reached your secondly limit.", "RATE_LIMITS")).withHeader("Retry-After", "1").build();
        }
      }
      if (!("Bearer " + token).equals(r.getHeader("Authorization"))) {
        return answer(401, error("Authentication credentials not found.", "INVALID_AUTHENTICATION")).build();
      }
      try {
        Matcher ticket = TICKET.matcher(path);
        if (method.equals("POST") && path.equals("/crm/v3/objects/tickets/search")) return ok(searchTickets(JSON.readTree(r.getBodyAsString())));
        if (method.equals("GET") && ticket.matches()) return readTicket(ticket.group(1), query(r.getUrl(), "properties"));
        if (method.equals("PATCH") && ticket.matches()) return updateTicket(ticket.group(1), JSON.readTree(r.getBodyAsString()));
        if (method.equals("POST") && path.equals("/crm/v3/objects/notes")) return createNote(JSON.readTree(r.getBodyAsString()));
        if (method.equals("POST") && path.equals("/crm/v3/objects/notes/search")) return ok(searchNotes(JSON.readTree(r.getBodyAsString())));
      } catch (Exception e) {
        return answer(400, error("Invalid input JSON: " + e.getMessage(), "VALIDATION_ERROR")).build();
      }
      return answer(404, error("no such endpoint in the stand-in", "OBJECT_NOT_FOUND")).build();
    }

    private ObjectNode searchTickets(JsonNode q) {
      JsonNode filter = q.path("filterGroups").path(0).path("filters").path(0);
      String property = filter.path("propertyName").asText();
      String value = filter.path("value").asText();
      List<String> wanted = new ArrayList<>();
      q.path("properties").forEach(p -> wanted.add(p.asText()));
      ArrayNode results = JSON.createArrayNode();
      tickets.forEach((id, props) -> {
        if (value.equals(props.get(property))) results.add(object(id, props, wanted));
      });
      ObjectNode out = JSON.createObjectNode();
      out.put("total", results.size());
      out.set("results", results);
      return out;
    }

    private ResponseDefinition readTicket(String id, String properties) {
      Map<String, String> props = tickets.get(id);
      if (props == null) return answer(404, error("resource not found", "OBJECT_NOT_FOUND")).build();
      List<String> wanted = properties == null ? List.of() : List.of(properties.split(","));
      return ok(object(id, props, wanted));
    }

    private ResponseDefinition updateTicket(String id, JsonNode body) {
      Map<String, String> props = tickets.get(id);
      if (props == null) return answer(404, error("resource not found", "OBJECT_NOT_FOUND")).build();
      body.path("properties").fields().forEachRemaining(f -> props.put(f.getKey(), f.getValue().asText()));
      return ok(object(id, props, List.copyOf(props.keySet())));
    }

    private ResponseDefinition createNote(JsonNode body) {
      String id = String.valueOf(nextNoteId.getAndIncrement());
      ObjectNode note = JSON.createObjectNode();
      note.put("id", id);
      ObjectNode props = note.putObject("properties");
      props.put("hs_note_body", body.path("properties").path("hs_note_body").asText());
      props.put("hs_timestamp", body.path("properties").path("hs_timestamp").asText());
      props.put("hs_object_id", id);
      note.put("createdAt", Instant.now().toString());
      note.put("updatedAt", Instant.now().toString());
      note.put("archived", false);
      String ticket = body.path("associations").path(0).path("to").path("id").asText();
      notes.add(note.deepCopy().put("ticket", ticket));
      return answer(201, note).build();
    }

    private ObjectNode searchNotes(JsonNode q) {
      String ticket = q.path("filterGroups").path(0).path("filters").path(0).path("value").asText();
      ArrayNode results = JSON.createArrayNode();
      synchronized (notes) {
        for (ObjectNode n : notes) if (n.path("ticket").asText().equals(ticket)) results.add(n.deepCopy().without("ticket"));
      }
      ObjectNode out = JSON.createObjectNode();
      out.put("total", results.size());
      out.set("results", results);
      return out;
    }
  }

  private static ObjectNode object(String id, Map<String, String> props, List<String> wanted) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    ObjectNode p = o.putObject("properties");
    p.put("hs_object_id", id);
    for (String name : wanted) {
      if (props.get(name) == null) p.putNull(name);
      else p.put(name, props.get(name));
    }
    o.put("createdAt", "2026-11-20T10:00:00Z");
    o.put("updatedAt", Instant.now().toString());
    o.put("archived", false);
    return o;
  }

  private static String query(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) return null;
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params.get(name);
  }

  private static ObjectNode error(String message, String category) {
    ObjectNode e = JSON.createObjectNode();
    e.put("status", "error");
    e.put("message", message);
    e.put("correlationId", "5c4f3b7a-1d2e-4f00-9a1b-0c2d3e4f5a6b");
    e.put("category", category);
    return e;
  }

  private static ResponseDefinition ok(JsonNode body) {
    return answer(200, body).build();
  }

  private static ResponseDefinitionBuilder answer(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json;charset=utf-8")
        .withHeader("X-HubSpot-RateLimit-Max", "190")
        .withHeader("X-HubSpot-RateLimit-Remaining", "180")
        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
        .withBody(body.toString());
  }
}
