import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: what a workflow tool does with each webhook (n8n, Zapier, a marketplace app):
 * search the order's ticket, update it with a note, answer the vendor only after that; a 429 is
 * waited out for its Retry-After and tried again. No coalescing, no memory of earlier searches.
 */
final class NaiveReceiver {
  private final String api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong seq = new AtomicLong();

  NaiveReceiver(String zendeskUrl) {
    this.api = zendeskUrl + "/api/v2";
  }

  int handle(BurstBench.Delivery d) throws Exception {
    String q = URLEncoder.encode("type:ticket custom_field_9001:\"" + d.order() + "\"", StandardCharsets.UTF_8);
    call(HttpRequest.newBuilder(URI.create(api + "/search.json?query=" + q)).GET());
    String note = "{\"ticket\":{\"comment\":{\"body\":\"" + d.source() + " event [helpdesk-bridge naive/" + seq.incrementAndGet()
        + " x]\",\"public\":false}}}";
    call(HttpRequest.newBuilder(URI.create(api + "/tickets/" + d.order() + ".json"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(note)));
    return 200;
  }

  private void call(HttpRequest.Builder request) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 429) return;
      long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
      BenchSupport.sleep(wait * 1000);
    }
  }
}
