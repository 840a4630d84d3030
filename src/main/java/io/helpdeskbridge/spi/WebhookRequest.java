package io.helpdeskbridge.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP delivery as it arrived: the raw body bytes (signatures are computed over them, never
 * over re-serialised JSON) and the headers, looked up without regard to case.
 */
public record WebhookRequest(String source, Map<String, String> headers, byte[] body, Instant receivedAt) {

  public WebhookRequest {
    TreeMap<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) ci.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(ci);
    body = body == null ? new byte[0] : body;
  }

  /** The header's value, or null; case-insensitive as HTTP says. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
