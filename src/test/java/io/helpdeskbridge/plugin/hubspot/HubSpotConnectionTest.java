package io.helpdeskbridge.plugin.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helpdeskbridge.spi.HelpdeskConnection.Lookup;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact requests the HubSpot connection sends, against a WireMock stand-in of the CRM v3 API. */
class HubSpotConnectionTest {
  private static final String MARKER = "[helpdesk-bridge stripe/evt_1 refund-issued]";
  private static final TicketRef TICKET = new TicketRef("hubspot", "4242");
  private static final String NOTE_ASSOC = "\"associations\":[{\"to\":{\"id\":\"4242\"},"
      + "\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":228}]}]";

  private final HubSpotStub stub = new HubSpotStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  private void writable() {
    stub.server.stubFor(patch(urlPathEqualTo("/crm/v3/objects/tickets/4242")).willReturn(okJson(HubSpotStub.ticket("4242", ""))));
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"9001\",\"properties\":{}}")));
  }

  @Test
  void findSearchesTheOrderPropertyNewestFirst() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets/search"))
        .willReturn(okJson(HubSpotStub.results(HubSpotStub.ticket("4242", "\"order_number\":\"1001\"")))));

    assertThat(stub.connect().find(new Lookup("field:order_id", "1001"))).contains(TICKET);

    stub.server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/tickets/search"))
        .withHeader("Authorization", equalTo("Bearer " + HubSpotStub.TOKEN))
        .withRequestBody(equalToJson("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"order_number\",\"operator\":\"EQ\","
            + "\"value\":\"1001\"}]}],\"sorts\":[{\"propertyName\":\"createdate\",\"direction\":\"DESCENDING\"}],\"limit\":1}")));
  }

  @Test
  void findByExternalIdUsesItsPropertyAndUnmappedFindsNothing() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets/search")).willReturn(okJson(HubSpotStub.results())));
    HubSpotConnection hs = stub.connect();

    assertThat(hs.find(new Lookup("external_id", "1001"))).isEmpty();
    assertThat(hs.find(new Lookup("field:nope", "1001"))).isEmpty();

    assertThat(stub.calls()).hasSize(1);
    assertThat(stub.requests().get(0).getBodyAsString()).contains("\"propertyName\":\"external_order_id\"");
  }

  @Test
  void applyPatchesPropertiesThenAddsTheNoteAssociatedByType228() throws Exception {
    writable();

    stub.connect(Map.of("stages", Map.of("solved", "4"))).apply(TICKET, new TicketChange("Refund <full> & final.\nDone",
        false, List.of(), List.of(), Map.of("order_status", "refunded", "unmapped", "x"), "urgent", "solved"), MARKER);

    assertThat(stub.calls()).containsExactly("PATCH /crm/v3/objects/tickets/4242", "POST /crm/v3/objects/notes");
    stub.server.verify(patchRequestedFor(urlPathEqualTo("/crm/v3/objects/tickets/4242"))
        .withHeader("Authorization", equalTo("Bearer " + HubSpotStub.TOKEN))
        .withRequestBody(equalToJson("{\"properties\":{\"order_status\":\"refunded\",\"hs_ticket_priority\":\"HIGH\","
            + "\"hs_pipeline_stage\":\"4\"}}")));
    stub.server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes")).withRequestBody(equalToJson(
        "{\"properties\":{\"hs_note_body\":\"Refund &lt;full&gt; &amp; final.<br>Done<br><br>" + MARKER + "\","
            + "\"hs_timestamp\":\"2026-11-24T03:00:00Z\"}," + NOTE_ASSOC + "}")));
  }

  @Test
  void aNoteAloneIsOneCallAndAStatusWithoutStageIsIgnored() throws Exception {
    writable();

    stub.connect().apply(TICKET, new TicketChange("Hello", true, List.of("a"), List.of(), Map.of(), null, "solved"), MARKER);

    assertThat(stub.calls()).containsExactly("POST /crm/v3/objects/notes");
    stub.server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes")).withRequestBody(equalToJson(
        "{\"properties\":{\"hs_note_body\":\"Reply to customer:<br>Hello<br><br>" + MARKER + "\","
            + "\"hs_timestamp\":\"2026-11-24T03:00:00Z\"}," + NOTE_ASSOC + "}")));
  }

  @Test
  void tagsMergeIntoTheTagsProperty() throws Exception {
    writable();
    stub.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/4242"))
        .willReturn(okJson(HubSpotStub.ticket("4242", "\"bridge_tags\":\"vip;refund_pending\""))));

    stub.connect(Map.of("tags-property", "bridge_tags")).apply(TICKET, new TicketChange(null, false,
        List.of("refund_issued"), List.of("refund_pending"), Map.of(), null, null), MARKER);

    assertThat(stub.calls()).containsExactly("GET /crm/v3/objects/tickets/4242?properties=bridge_tags",
        "PATCH /crm/v3/objects/tickets/4242");
    stub.server.verify(patchRequestedFor(urlPathEqualTo("/crm/v3/objects/tickets/4242"))
        .withRequestBody(equalToJson("{\"properties\":{\"bridge_tags\":\"vip;refund_issued\"}}")));
  }

  @Test
  void hasMarkerSearchesTheTicketsNotesPageByPage() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes/search")).inScenario("pages")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("2")
        .willReturn(okJson("{\"total\":2,\"results\":[{\"id\":\"1\",\"properties\":{\"hs_note_body\":\"other\"}}],"
            + "\"paging\":{\"next\":{\"after\":\"1\"}}}")));
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes/search")).inScenario("pages").whenScenarioStateIs("2")
        .willReturn(okJson("{\"total\":2,\"results\":[{\"id\":\"2\",\"properties\":{\"hs_note_body\":\"Refund<br><br>"
            + MARKER + "\"}}]}")));

    assertThat(stub.connect().hasMarker(TICKET, MARKER)).isTrue();

    stub.server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes/search")).withRequestBody(equalToJson(
        "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"associations.ticket\",\"operator\":\"EQ\",\"value\":\"4242\"}]}],"
            + "\"properties\":[\"hs_note_body\"],\"limit\":100,\"after\":\"1\"}")));
  }

  @Test
  void hasMarkerIsFalseWithoutIt() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes/search")).willReturn(okJson("{\"total\":0,\"results\":[]}")));

    assertThat(stub.connect().hasMarker(TICKET, MARKER)).isFalse();
  }

  @Test
  void createSearchesForTheKeyFirstThenCreatesAndAddsTheNote() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets/search")).willReturn(okJson(HubSpotStub.results())));
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(HubSpotStub.ticket("4242", "\"subject\":\"x\""))));
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"9001\",\"properties\":{}}")));
    Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of("order_id", "order_number", "external_id", "external_order_id",
        "bridge_key", "bridge_key"));

    TicketRef ref = stub.connect(Map.of("fields", fields)).create(new NewTicket("Shipment problem", "Lost.\n\n" + MARKER, false,
        "c@x.test", "1001", "1001", List.of("shipment_exception"), "incident", "high", Map.of()), "key-1");

    assertThat(ref).isEqualTo(TICKET);
    assertThat(stub.calls()).containsExactly("POST /crm/v3/objects/tickets/search", "POST /crm/v3/objects/tickets",
        "POST /crm/v3/objects/notes");
    assertThat(stub.requests().get(0).getBodyAsString()).contains("\"propertyName\":\"bridge_key\"", "\"value\":\"key-1\"");
    stub.server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/tickets")).withRequestBody(equalToJson(
        "{\"properties\":{\"subject\":\"Shipment problem\",\"content\":\"Lost.\\n\\n" + MARKER + "\",\"hs_pipeline\":\"0\","
            + "\"hs_pipeline_stage\":\"1\",\"hs_ticket_priority\":\"HIGH\",\"order_number\":\"1001\","
            + "\"external_order_id\":\"1001\",\"bridge_key\":\"key-1\"}}")));
  }

  @Test
  void aRetriedCreateReturnsTheFirstTicket() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets/search")).willReturn(okJson(HubSpotStub.results(
        HubSpotStub.ticket("4242", "\"order_number\":\"1001\",\"content\":\"Lost.\\n\\n" + MARKER + "\"")))));

    TicketRef ref = stub.connect().create(new NewTicket("S", "Lost.\n\n" + MARKER, false, null, "1001", "1001", List.of(), null,
        null, Map.of()), "key-1");

    assertThat(ref).isEqualTo(TICKET);
    assertThat(stub.calls()).containsExactly("POST /crm/v3/objects/tickets/search");
  }

  @Test
  void a429IsRetryableAfterRetryAfterOrThePolicyDelayAndRatesAreReported() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets/search")).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader("X-HubSpot-RateLimit-Max", "190")
        .withHeader("X-HubSpot-RateLimit-Remaining", "0").withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
        .withBody(HubSpotStub.error("You have reached your ten_secondly_rolling limit.", "RATE_LIMITS"))));
    List<String> seen = new ArrayList<>();

    HelpdeskException e = catchThrowableOfType(() -> stub.connect(Map.of(), (l, r, in) -> seen.add(l + "/" + r + "/" + in))
        .find(new Lookup("field:order_id", "1001")), HelpdeskException.class);

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
    assertThat(e.getMessage()).contains("ten_secondly_rolling", "RATE_LIMITS");
    assertThat(seen).containsExactly("190/0/PT10S");

    stub.server.resetAll();
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets/search")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "3")));
    HelpdeskException withHeader = catchThrowableOfType(() -> stub.connect().find(new Lookup("field:order_id", "1001")),
        HelpdeskException.class);
    assertThat(withHeader.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void a401IsPermanentAndNeverCarriesTheToken() {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody(HubSpotStub.error("Authentication credentials not found. Token " + HubSpotStub.TOKEN + " is invalid",
            "INVALID_AUTHENTICATION"))));

    HelpdeskException e = catchThrowableOfType(() -> stub.connect().apply(TICKET,
        new TicketChange("n", false, null, null, null, null, null), MARKER), HelpdeskException.class);

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("HubSpot 401", "INVALID_AUTHENTICATION").doesNotContain(HubSpotStub.TOKEN);
  }

  @Test
  void a400IsPermanentWithHubSpotsMessageAnd5xxIsRetryable() {
    stub.server.stubFor(patch(urlPathEqualTo("/crm/v3/objects/tickets/4242")).willReturn(aResponse().withStatus(400)
        .withBody(HubSpotStub.error("Property values were not valid", "VALIDATION_ERROR"))));
    HelpdeskException bad = catchThrowableOfType(() -> stub.connect().apply(TICKET,
        new TicketChange(null, false, null, null, Map.of("order_status", "x"), null, null), MARKER), HelpdeskException.class);
    assertThat(bad.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(bad.getMessage()).contains("Property values were not valid (VALIDATION_ERROR)");

    stub.server.stubFor(patch(urlPathEqualTo("/crm/v3/objects/tickets/4242")).willReturn(aResponse().withStatus(502)));
    HelpdeskException down = catchThrowableOfType(() -> stub.connect().apply(TICKET,
        new TicketChange(null, false, null, null, Map.of("order_status", "x"), null, null), MARKER), HelpdeskException.class);
    assertThat(down.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
  }
}
