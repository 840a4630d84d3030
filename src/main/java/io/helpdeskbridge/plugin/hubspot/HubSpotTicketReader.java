package io.helpdeskbridge.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.RestHelpdesks;
import io.helpdeskbridge.spi.RetryAfter;
import io.helpdeskbridge.spi.TicketText;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order a HubSpot ticket names, read from the CRM for a {@code ticket.creation} webhook (which
 * carries only the ticket id): {@code GET /crm/v3/objects/tickets/{id}?properties=<order
 * property>,subject,content}, then the order property when set, else an order number written in
 * the subject, then the content ({@link TicketText#orderNumber}, as for Zendesk and Salesforce).
 *
 * <p>A ticket that is gone (404) or names no order is an empty answer. A 429 throws {@link
 * Lookup.RateLimited} with HubSpot's {@code Retry-After} (else the connector's {@code
 * rate-limit-delay-seconds}); anything else HubSpot cannot answer throws {@link IOException}. No
 * message names the token.
 *
 * @see <a href="https://developers.hubspot.com/docs/api/crm/tickets">CRM tickets</a>
 */
final class HubSpotTicketReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotConfig config;
  private final HttpClient http;

  HubSpotTicketReader(HubSpotConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  Optional<String> orderNumber(String ticketId) throws IOException {
    String orderProperty = config.field("order_id");
    List<String> properties = new ArrayList<>();
    if (orderProperty != null) properties.add(orderProperty);
    properties.add("subject");
    properties.add("content");
    String url = config.apiBase() + "/crm/v3/objects/tickets/" + ticketId + "?properties="
        + URLEncoder.encode(String.join(",", properties), StandardCharsets.UTF_8);
    String what = "read HubSpot ticket " + ticketId;
    HttpResponse<String> response;
    try {
      response = http.send(RestHelpdesks.request(url, "GET", "Bearer " + config.token(), config.requestTimeout(), null),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(HubSpotErrors.unreachable(what, e, config.token()).getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted");
    }
    int status = response.statusCode();
    if (status == 404) return Optional.empty();
    if (status == 429) {
      Duration wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null));
      throw new Lookup.RateLimited(what + ": HubSpot 429" + HubSpotErrors.redact(HubSpotErrors.detail(response.body()), config.token()),
          wait != null ? wait : config.rateLimitDelay());
    }
    if (status < 200 || status > 299) {
      throw new IOException(what + ": HubSpot " + status + HubSpotErrors.redact(HubSpotErrors.detail(response.body()), config.token()));
    }
    JsonNode props;
    try {
      props = JSON.readTree(response.body()).path("properties");
    } catch (IOException notJson) {
      throw new IOException(what + ": HubSpot answered with a body that is not JSON");
    }
    return Optional.ofNullable(TicketText.orderNumber(orderProperty == null ? null : text(props.get(orderProperty)),
        text(props.get("subject")), text(props.get("content"))));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
