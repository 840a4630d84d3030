package io.helpdeskbridge.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What every JSON-over-HTTP helpdesk plugin (Freshdesk, HubSpot, ServiceNow) builds the same way:
 * its requests, the HTML its notes are written in, and where the engine's marker sits in a note.
 */
public final class RestHelpdesks {
  private RestHelpdesks() {}

  /** A JSON request with the plugin's authorization; a null body sends none. */
  public static HttpRequest request(String url, String method, String authorization, Duration timeout, JsonNode body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Authorization", authorization)
        .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json; charset=utf-8");
      b.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    return b.build();
  }

  /** Plain text as note HTML: {@code &}, {@code <} and {@code >} escaped, line breaks as {@code <br>}. */
  public static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>");
  }

  /** The last non-blank line: the event marker, which the engine always puts last. */
  public static String lastLine(String text) {
    if (text == null) return null;
    String[] lines = text.strip().split("\\R");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? null : last;
  }
}
