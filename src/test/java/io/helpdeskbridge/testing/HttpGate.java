package io.helpdeskbridge.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP pass-through in front of a vendor stand-in that can refuse chosen calls: while a rule is
 * set, a request whose body contains its text gets the rule's answer instead of going through (a
 * helpdesk answering 422 for one event, say); {@link #open} lets everything through again. Every
 * other request, and every answer, passes unchanged.
 */
public final class HttpGate implements AutoCloseable {
  private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
      "keep-alive", "expect", "te", "trailer", "proxy-connection");

  private record Rule(String needle, int status, String body) {}

  private final String target;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile Rule rule;

  /** @param target the base URL requests go on to, e.g. {@code http://127.0.0.1:4321} */
  public HttpGate(String target) throws IOException {
    this.target = target.replaceAll("/+$", "");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on, a request whose body contains {@code needle} is answered {@code status} with {@code json}. */
  public HttpGate refuse(String needle, int status, String json) {
    rule = new Rule(needle, status, json);
    return this;
  }

  /** Lets every request through again. */
  public HttpGate open() {
    rule = null;
    return this;
  }

  /** How many requests the gate answered itself. */
  public int refused() {
    return refused.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      Rule r = rule;
      if (r != null && new String(body, StandardCharsets.UTF_8).contains(r.needle())) {
        refused.incrementAndGet();
        reply(ex, r.status(), List.of(), r.body().getBytes(StandardCharsets.UTF_8));
        return;
      }
      HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI())).timeout(Duration.ofSeconds(30))
          .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((name, values) -> {
        if (!HOP.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> out.header(name, v));
      });
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      List<String[]> headers = new java.util.ArrayList<>();
      answer.headers().map().forEach((name, values) -> {
        if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) values.forEach(v -> headers.add(new String[] {name, v}));
      });
      reply(ex, answer.statusCode(), headers, answer.body());
    } catch (IOException | RuntimeException e) {
      // the caller sees a broken connection, as with a real network fault
    }
  }

  private static void reply(HttpExchange ex, int status, List<String[]> headers, byte[] body) throws IOException {
    headers.forEach(h -> ex.getResponseHeaders().add(h[0], h[1]));
    if (ex.getResponseHeaders().getFirst("Content-Type") == null) ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) ex.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
