package io.helpdeskbridge.plugin.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubSpotTicketSourceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CLIENT_SECRET = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  static final String URL = "https://bridge.example.com/webhooks/hubspot";
  static final Instant NOW = HubSpotStub.NOW;

  final HubSpotStub hubspot = new HubSpotStub();
  final HubSpotTicketSource source = new HubSpotTicketSource();

  @AfterEach
  void stop() {
    hubspot.close();
  }

  ConnectorSettings settings() {
    return ConnectorSettings.of("hubspot", hubspot.settings(Map.of("webhook-secret", CLIENT_SECRET, "webhook-url", URL)));
  }

  static final OrderRef TICKET_512 = new OrderRef(null, "hubspot:62515:ticket:512", null, null, null, null);

  WebhookRequest delivery(byte[] body, Map<String, String> headers) {
    return new WebhookRequest("hubspot", headers, body, NOW);
  }

  @Test
  void verifiesWhatItSignsForTheConfiguredUrlAndRefusesTheRest() {
    byte[] body = ("[" + HubSpotTicketEventsTest.creation(1, 512, 0) + "]").getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = source.signForSample("ticket.creation", body, settings(), NOW.minusSeconds(10));

    assertThat(headers.get("X-HubSpot-Request-Timestamp")).isEqualTo(String.valueOf(NOW.minusSeconds(10).toEpochMilli()));
    assertThat(headers.get("X-HubSpot-Signature-v3")).isEqualTo(HubSpotWebhookSignature.sign("POST", URL, body,
        headers.get("X-HubSpot-Request-Timestamp"), CLIENT_SECRET));
    assertThatCode(() -> source.verify(delivery(body, headers), settings(), Clock.fixed(NOW, ZoneOffset.UTC)))
        .doesNotThrowAnyException();
    ConnectorSettings otherUrl = ConnectorSettings.of("hubspot", hubspot.settings(Map.of("webhook-secret", CLIENT_SECRET,
        "webhook-url", "https://10.0.0.7:8080/webhooks/hubspot")));
    assertThatThrownBy(() -> source.verify(delivery(body, headers), otherUrl, Clock.fixed(NOW, ZoneOffset.UTC)))
        .isInstanceOf(WebhookRejected.class).hasMessageContaining("webhook-url");
  }

  @Test
  void aMissingWebhookUrlIsAConfigurationErrorAtTheStart() {
    ConnectorSettings noUrl = ConnectorSettings.of("hubspot", hubspot.settings(Map.of("webhook-secret", CLIENT_SECRET)));
    assertThatThrownBy(() -> new HubSpotHelpdesk().connect(noUrl, null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("webhook-url");
    ConnectorSettings helpdeskOnly = ConnectorSettings.of("hubspot", hubspot.settings(Map.of()));
    assertThatCode(() -> new HubSpotHelpdesk().connect(helpdeskOnly, null)).doesNotThrowAnyException();
  }

  @Test
  void aDeliveryWithoutEventsOrEventIdsIsRefused() throws Exception {
    WebhookRequest r = delivery(new byte[0], Map.of());
    assertThatThrownBy(() -> source.eventId(r, JSON.readTree("[]"))).isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("no HubSpot event");
    assertThatThrownBy(() -> source.eventId(r, JSON.readTree("[{\"objectId\":5}]"))).isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("no eventId");
    assertThat(source.acceptsArrayBody()).isTrue();
  }

  @Test
  void readsTheOrderFromTheTicketsOrderPropertyFirst() throws Exception {
    hubspot.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/512"))
        .withQueryParam("properties", equalTo("order_number,subject,content"))
        .withHeader("Authorization", equalTo("Bearer " + HubSpotStub.TOKEN))
        .willReturn(okJson(HubSpotStub.ticket("512", "\"order_number\":\"#1001\",\"subject\":\"About order #2002\","
            + "\"content\":\"hello\",\"hs_object_id\":\"512\""))));

    assertThat(source.lookupOrderNumber(TICKET_512, settings())).contains("1001");
  }

  @Test
  void fallsBackToAnOrderNumberInTheSubjectThenTheContent() throws Exception {
    hubspot.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/512")).willReturn(okJson(HubSpotStub.ticket("512",
        "\"order_number\":null,\"subject\":\"Where is my parcel?\",\"content\":\"I ordered last week, order no. 1003\""))));

    assertThat(source.lookupOrderNumber(TICKET_512, settings())).contains("1003");
  }

  @Test
  void aTicketThatIsGoneOrNamesNoOrderIsNoOrder() throws Exception {
    hubspot.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/512")).willReturn(okJson(HubSpotStub.ticket("512",
        "\"subject\":\"Hello\",\"content\":\"Please call me\""))));
    hubspot.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/999")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withBody(HubSpotStub.error("resource not found", "OBJECT_NOT_FOUND"))));

    assertThat(source.lookupOrderNumber(TICKET_512, settings())).isEmpty();
    assertThat(source.lookupOrderNumber(new OrderRef(null, "hubspot:62515:ticket:999", null, null, null, null), settings())).isEmpty();
    assertThat(source.lookupOrderNumber(new OrderRef(null, "shopify:450789469", null, null, null, null), settings())).isEmpty();
    assertThat(hubspot.calls()).hasSize(2);
  }

  @Test
  void a429IsRateLimitedWithHubSpotsWaitAndAnOutageIsAnIOExceptionWithoutTheToken() {
    hubspot.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/512")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "3").withHeader("Content-Type", "application/json")
        .withBody(HubSpotStub.error("You have reached your secondly limit.", "RATE_LIMITS"))));
    hubspot.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/513")).willReturn(aResponse().withStatus(502)
        .withBody("bad gateway for " + HubSpotStub.TOKEN)));

    // either way the event waits for HubSpot instead of writing "no order found" on the ticket
    assertThatThrownBy(() -> source.lookupOrderNumber(TICKET_512, settings()))
        .isInstanceOf(io.helpdeskbridge.spi.EventSource.OrderLookupUnavailable.class)
        .hasCauseInstanceOf(Lookup.RateLimited.class)
        .satisfies(e -> assertThat(((Lookup.RateLimited) e.getCause()).retryAfter()).isEqualTo(Duration.ofSeconds(3)))
        .hasMessageContaining("429").hasMessageContaining("secondly limit");
    assertThatThrownBy(() -> source.lookupOrderNumber(new OrderRef(null, "hubspot:62515:ticket:513", null, null, null, null),
        settings()))
        .isInstanceOf(io.helpdeskbridge.spi.EventSource.OrderLookupUnavailable.class)
        .hasMessageContaining("502").hasMessageNotContaining(HubSpotStub.TOKEN);
  }
}
