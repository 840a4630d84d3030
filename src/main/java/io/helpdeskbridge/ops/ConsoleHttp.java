package io.helpdeskbridge.ops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The console's view of HTTP, apart from Camel so that pages can be tested without a server: a
 * request read from the Vert.x request itself when there is one (so a query parameter can never
 * pose as a header such as {@code Cookie}), and a response written back onto the exchange.
 */
final class ConsoleHttp {
  private ConsoleHttp() {}

  /** One request: method, path, raw query, headers by lower-case name, body, and the Camel context it came through. */
  record Request(String method, String path, String query, Map<String, String> headers, String body, CamelContext camel) {

    static Request get(String pathAndQuery, Map<String, String> headers) {
      return of("GET", pathAndQuery, headers, "");
    }

    static Request post(String path, Map<String, String> headers, String formBody) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.putIfAbsent("content-type", "application/x-www-form-urlencoded");
      return of("POST", path, h, formBody);
    }

    private static Request of(String method, String pathAndQuery, Map<String, String> headers, String body) {
      int q = pathAndQuery.indexOf('?');
      Map<String, String> lower = new LinkedHashMap<>();
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
      return new Request(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q), q < 0 ? "" : pathAndQuery.substring(q + 1),
          lower, body, null);
    }

    static Request from(Exchange ex) {
      Message m = ex.getMessage();
      String method = m.getHeader(Exchange.HTTP_METHOD, String.class);
      Map<String, String> headers = new LinkedHashMap<>();
      String path;
      String query;
      Object raw = m.getBody();
      // platform-http hands a posted form over as a map of its fields: back into the shape of the raw body
      String body = raw instanceof Map<?, ?> fields ? encode(fields) : m.getBody(String.class);
      if (m instanceof org.apache.camel.component.platform.http.vertx.HttpMessage http && http.getRequest() != null) {
        var r = http.getRequest();
        method = r.method().name();
        path = r.path();
        query = r.query();
        r.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        if ((body == null || body.isEmpty()) && !r.formAttributes().isEmpty()) {
          StringBuilder b = new StringBuilder();
          r.formAttributes().forEach(e -> b.append(b.length() == 0 ? "" : "&").append(Html.url(e.getKey())).append('=')
              .append(Html.url(e.getValue())));
          body = b.toString();
        }
      } else {
        path = m.getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.isEmpty()) path = m.getHeader(Exchange.HTTP_URI, String.class);
        query = m.getHeader(Exchange.HTTP_QUERY, String.class);
        for (String name : List.of("cookie", "authorization", "content-type", "accept", "x-forwarded-proto")) {
          String v = m.getHeader(name, String.class);
          if (v != null) headers.put(name, v);
        }
      }
      return new Request(method == null ? "GET" : method, path == null ? "" : path, query == null ? "" : query, headers,
          body == null ? "" : body, ex.getContext());
    }

    /** A form's fields as an urlencoded body; a field with several values ({@code id=1&id=2}) keeps them all. */
    private static String encode(Map<?, ?> fields) {
      StringBuilder b = new StringBuilder();
      fields.forEach((k, v) -> {
        for (Object one : v instanceof Iterable<?> many ? many : List.of(v == null ? "" : v)) {
          b.append(b.length() == 0 ? "" : "&").append(Html.url(String.valueOf(k))).append('=').append(Html.url(String.valueOf(one)));
        }
      });
      return b.toString();
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The query's parameters, in order. */
    Map<String, List<String>> params() {
      return decode(query);
    }

    /** The form's fields (an urlencoded POST body), in order. */
    Map<String, List<String>> form() {
      String type = header("content-type");
      return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded") ? decode(body) : Map.of();
    }

    String param(String name) {
      return first(params(), name);
    }

    String field(String name) {
      return first(form(), name);
    }

    /** A cookie's value, or null. */
    String cookie(String name) {
      String all = header("cookie");
      if (all == null) return null;
      for (String part : all.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals(name)) return part.substring(eq + 1).trim();
      }
      return null;
    }

    /** Whether the browser reached the bridge over HTTPS (directly or through a proxy that says so). */
    boolean secure() {
      return "https".equalsIgnoreCase(header("x-forwarded-proto"));
    }

    private static String first(Map<String, List<String>> values, String name) {
      List<String> v = values.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    static Map<String, List<String>> decode(String text) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      if (text == null || text.isEmpty()) return out;
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        try {
          String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        } catch (IllegalArgumentException malformed) {
          // a broken escape: the pair is dropped, as a browser never sends one
        }
      }
      return out;
    }
  }

  /** One answer: status, headers and body. Every console answer is private and never cached. */
  record Response(int status, Map<String, String> headers, String body) {

    static Response html(int status, String page) {
      Map<String, String> h = security();
      h.put("Content-Type", "text/html; charset=utf-8");
      return new Response(status, h, page);
    }

    static Response json(int status, String json) {
      Map<String, String> h = security();
      h.put("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
      return new Response(status, h, json);
    }

    /** 303 See Other: after a POST, the browser GETs the result page. */
    static Response redirect(String location) {
      Map<String, String> h = security();
      h.put("Location", location);
      h.put("Content-Type", "text/plain; charset=utf-8");
      return new Response(303, h, "See " + location + "\n");
    }

    Response with(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, h, body);
    }

    private static Map<String, String> security() {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Cache-Control", "no-store");
      h.put("Content-Security-Policy", Html.CSP);
      h.put("X-Content-Type-Options", "nosniff");
      h.put("X-Frame-Options", "DENY");
      h.put("Referrer-Policy", "no-referrer");
      return h;
    }

    void writeTo(Exchange ex) {
      Message m = ex.getMessage();
      if (m instanceof org.apache.camel.component.platform.http.vertx.HttpMessage http && http.getResponse() != null) {
        // Camel's HTTP header filter drops Cache-Control on the way out: set it on the response itself
        http.getResponse().putHeader("Cache-Control", headers.getOrDefault("Cache-Control", "no-store"));
      }
      m.removeHeaders("*");
      m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
      headers.forEach((k, v) -> m.setHeader(k.equals("Content-Type") ? Exchange.CONTENT_TYPE : k, v));
      m.setBody(body);
    }
  }
}
