package io.helpdeskbridge.plugin.freshdesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.HelpdeskConnection.Lookup;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact requests the Freshdesk connection sends, against a WireMock stand-in of API v2. */
class FreshdeskConnectionTest {
  private static final String MARKER = "[helpdesk-bridge stripe/evt_1 refund-issued]";
  private static final TicketRef TICKET = new TicketRef("freshdesk", "4242");

  private final FreshdeskStub stub = new FreshdeskStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  private static TicketChange change(String note, boolean isPublic, List<String> add, List<String> remove,
      Map<String, String> fields, String priority, String status) {
    return new TicketChange(note, isPublic, add, remove, fields, priority, status);
  }

  private void ticket4242(String json) {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/4242")).willReturn(okJson(json)));
    stub.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/4242")).willReturn(okJson(json)));
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":9001,\"body\":\"…\",\"private\":true,\"ticket_id\":4242,\"incoming\":false}")));
  }

  // ------------------------------------------------------------------------------------- notes

  @Test
  void aNoteIsOnePrivatePostWithTheMarkerAsHtmlAndNothingElse() throws Exception {
    ticket4242(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z", "vip"));

    stub.connect().apply(TICKET, change("Refund of 25.00 USD <full> & final.\nReason: not given", false,
        null, null, null, null, null), MARKER);

    assertThat(stub.calls()).containsExactly("POST /api/v2/tickets/4242/notes");
    LoggedRequest note = stub.requests().get(0);
    assertThat(note.getHeader("Authorization")).isEqualTo(FreshdeskStub.AUTHORIZATION);
    assertThat(note.getHeader("Content-Type")).startsWith("application/json");
    stub.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/tickets/4242/notes")).withRequestBody(equalToJson(
        "{\"body\":\"Refund of 25.00 USD &lt;full&gt; &amp; final.<br>Reason: not given<br><br>" + MARKER + "\","
            + "\"private\":true}")));
  }

  @Test
  void aPublicNoteIsNotPrivate() throws Exception {
    ticket4242(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z"));

    stub.connect().apply(TICKET, change("Your parcel is on its way.", true, null, null, null, null, null), MARKER);

    stub.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/tickets/4242/notes")).withRequestBody(equalToJson(
        "{\"body\":\"Your parcel is on its way.<br><br>" + MARKER + "\",\"private\":false}")));
  }

  // -------------------------------------------------------------------------------- the update

  @Test
  void tagsAreMergedKeepingTheAgentsTagsAndTheNoteGoesLast() throws Exception {
    ticket4242(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z", "vip", "refund_pending", "escalated"));

    stub.connect().apply(TICKET, change("Refund issued.", false, List.of("refund_issued"), List.of("refund_pending"),
        null, null, null), MARKER);

    assertThat(stub.calls()).containsExactly(
        "GET /api/v2/tickets/4242", "PUT /api/v2/tickets/4242", "POST /api/v2/tickets/4242/notes");
    stub.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/4242"))
        .withHeader("Authorization", equalTo(FreshdeskStub.AUTHORIZATION))
        .withRequestBody(equalToJson("{\"tags\":[\"vip\",\"escalated\",\"refund_issued\"]}")));
  }

  @Test
  void priorityAndStatusAreSentAsFreshdeskCodes() throws Exception {
    ticket4242(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z"));
    FreshdeskConnection fd = stub.connect();

    fd.apply(TICKET, change(null, false, null, null, null, "urgent", "pending"), MARKER);
    fd.apply(TICKET, change(null, false, null, null, null, "high", "solved"), MARKER);
    fd.apply(TICKET, change(null, false, null, null, null, "normal", "hold"), MARKER);

    List<String> puts = stub.requests().stream().filter(r -> r.getMethod().value().equals("PUT"))
        .map(LoggedRequest::getBodyAsString).toList();
    assertThat(puts).hasSize(3);
    // the stub's ticket is Open (2) with Low priority (1)
    stub.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/4242")).withRequestBody(equalToJson("{\"priority\":4,\"status\":3}")));
    stub.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/4242")).withRequestBody(equalToJson("{\"priority\":3,\"status\":4}")));
    stub.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/4242")).withRequestBody(equalToJson("{\"priority\":2,\"status\":3}")));
    assertThat(stub.calls()).noneMatch(c -> c.contains("/notes"));
  }

  @Test
  void statusesCanBeRemappedPerAccount() throws Exception {
    ticket4242(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z"));

    stub.connect(Map.of("statuses", Map.of("hold", "7"))).apply(TICKET, change(null, false, null, null, null, null, "hold"), MARKER);

    stub.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/4242")).withRequestBody(equalToJson("{\"status\":7}")));
  }

  @Test
  void mappedFieldsGoToCustomFieldsAndUnmappedOnesAreSkipped() throws Exception {
    ticket4242(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z"));

    stub.connect().apply(TICKET, change(null, false, null, null,
        Map.of("order_status", "cancelled", "shipment_status", "delivered", "carrier_mood", "grumpy"), null, null), MARKER);

    stub.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/4242"))
        .withRequestBody(equalToJson("{\"custom_fields\":{\"cf_order_status\":\"cancelled\"}}")));
  }

  @Test
  void nothingIsWrittenWhenTheTicketIsAlreadyAsTheChangeWants() throws Exception {
    ticket4242("{\"id\":4242,\"status\":3,\"priority\":4,\"tags\":[\"chargeback\",\"vip\"],"
        + "\"custom_fields\":{\"cf_order_status\":\"cancelled\",\"cf_order_number\":\"1001\"},\"created_at\":\"2026-11-20T10:00:00Z\"}");

    stub.connect().apply(TICKET, change(null, false, List.of("chargeback"), List.of("fraud_review"),
        Map.of("order_status", "cancelled"), "urgent", "pending"), MARKER);

    assertThat(stub.calls()).containsExactly("GET /api/v2/tickets/4242");
  }

  @Test
  void aChangeWithNothingToDoSendsNothing() throws Exception {
    stub.connect().apply(TICKET, change(null, false, null, null, Map.of("shipment_status", "delivered"), null, null), MARKER);

    assertThat(stub.calls()).isEmpty();
  }

  @Test
  void aFailedUpdateWritesNoNoteSoNoMarkerClaimsIt() {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/4242"))
        .willReturn(okJson(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z"))));
    stub.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/4242")).willReturn(aResponse().withStatus(503)));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> stub.connect().apply(TICKET,
        change("Refund issued.", false, List.of("refund_issued"), null, null, null, null), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
    assertThat(stub.calls()).containsExactly("GET /api/v2/tickets/4242", "PUT /api/v2/tickets/4242");
  }

  @Test
  void anUnknownStatusIsPermanentAndSendsNothing() {
    HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> stub.connect().apply(TICKET,
        change(null, false, null, null, null, null, "archived"), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'archived'").contains("hold, new, open, pending, solved");
    assertThat(stub.calls()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------- find

  @Test
  void findSearchesTheOrderFieldWithoutItsCfPrefixInADoubleQuotedEncodedQuery() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/search/tickets"))
        .willReturn(okJson("{\"results\":[" + FreshdeskStub.ticket(77, 2, "2026-11-01T09:00:00Z") + "],\"total\":1}")));

    assertThat(stub.connect().find(new Lookup("field:order_id", "1001"))).contains(new TicketRef("freshdesk", "77"));

    LoggedRequest search = stub.requests().get(0);
    assertThat(search.getUrl()).isEqualTo("/api/v2/search/tickets?query=%22order_number%3A%271001%27%22");
    assertThat(search.queryParameter("query").firstValue()).isEqualTo("\"order_number:'1001'\"");
    assertThat(search.getHeader("Authorization")).isEqualTo(FreshdeskStub.AUTHORIZATION);
  }

  @Test
  void findEncodesSpacesAndDropsQuotesFromTheValue() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/search/tickets")).willReturn(okJson("{\"results\":[],\"total\":0}")));

    assertThat(stub.connect().find(new Lookup("field:tracking_number", "1Z 999'\"AA"))).isEmpty();

    assertThat(stub.requests().get(0).getUrl())
        .isEqualTo("/api/v2/search/tickets?query=%22tracking_number%3A%271Z%20999AA%27%22");
  }

  @Test
  void findPrefersAnOpenOrPendingTicketThenTheNewest() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/search/tickets")).willReturn(okJson("{\"results\":["
        + FreshdeskStub.ticket(1, 4, "2026-11-22T09:00:00Z") + ","   // resolved, newest
        + FreshdeskStub.ticket(2, 2, "2026-10-01T09:00:00Z") + ","   // open, old
        + FreshdeskStub.ticket(3, 3, "2026-11-02T09:00:00Z") + ","   // pending, newer: wins
        + FreshdeskStub.ticket(4, 5, "2026-11-21T09:00:00Z")         // closed
        + "],\"total\":4}")));

    assertThat(stub.connect().find(new Lookup("field:order_id", "1001"))).contains(new TicketRef("freshdesk", "3"));
  }

  @Test
  void findFallsBackToASolvedTicketWhenThereIsNothingElse() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/search/tickets")).willReturn(okJson("{\"results\":["
        + FreshdeskStub.ticket(1, 5, "2026-11-01T09:00:00Z") + "," + FreshdeskStub.ticket(2, 4, "2026-11-03T09:00:00Z")
        + "],\"total\":2}")));

    assertThat(stub.connect().find(new Lookup("field:order_id", "1001"))).contains(new TicketRef("freshdesk", "2"));
  }

  @Test
  void externalIdUnmappedFieldsAndUnknownStrategiesFindNothingWithoutACall() throws Exception {
    FreshdeskConnection fd = stub.connect();

    assertThat(fd.find(new Lookup("external_id", "1001"))).isEmpty();
    assertThat(fd.find(new Lookup("field:shipment_status", "x"))).isEmpty();   // blank mapping
    assertThat(fd.find(new Lookup("field:payment_id", "pi_1"))).isEmpty();     // no mapping
    assertThat(fd.find(new Lookup("crystal_ball", "1001"))).isEmpty();
    assertThat(stub.calls()).isEmpty();
  }

  @Test
  void theOrderFieldNameIsTakenAsConfigured() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/search/tickets")).willReturn(okJson("{\"results\":[],\"total\":0}")));

    stub.connect(Map.of("fields", Map.of("order_id", "cf_shop_order"))).find(new Lookup("field:order_id", "#1001"));

    assertThat(stub.requests().get(0).queryParameter("query").firstValue()).isEqualTo("\"shop_order:'#1001'\"");
  }

  // ----------------------------------------------------------------------------------- hasMarker

  @Test
  void hasMarkerReadsTheConversationsPageByPage() throws Exception {
    StringBuilder page1 = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      page1.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"body\":\"<div>reply ").append(i)
          .append("</div>\",\"body_text\":\"reply ").append(i).append("\",\"private\":false,\"incoming\":true}");
    }
    page1.append(']');
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/4242/conversations")).withQueryParam("page", equalTo("1"))
        .willReturn(okJson(page1.toString())));
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/4242/conversations")).withQueryParam("page", equalTo("2"))
        .willReturn(okJson("[{\"id\":500,\"body\":\"<div>Refund issued.<br><br>" + MARKER + "</div>\","
            + "\"body_text\":\"Refund issued.\\n\\n" + MARKER + "\",\"private\":true,\"incoming\":false}]")));

    FreshdeskConnection fd = stub.connect();
    assertThat(fd.hasMarker(TICKET, MARKER)).isTrue();
    assertThat(fd.hasMarker(TICKET, "[helpdesk-bridge stripe/evt_2 refund-issued]")).isFalse();

    assertThat(stub.calls()).containsExactly(
        "GET /api/v2/tickets/4242/conversations?per_page=100&page=1",
        "GET /api/v2/tickets/4242/conversations?per_page=100&page=2",
        "GET /api/v2/tickets/4242/conversations?per_page=100&page=1",
        "GET /api/v2/tickets/4242/conversations?per_page=100&page=2");
    stub.server.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets/4242/conversations"))
        .withHeader("Authorization", equalTo(FreshdeskStub.AUTHORIZATION)));
  }

  @Test
  void hasMarkerAlsoMatchesTheHtmlBody() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/4242/conversations"))
        .willReturn(okJson("[{\"id\":1,\"body\":\"<div>x<br>" + MARKER + "</div>\",\"private\":true}]")));

    assertThat(stub.connect().hasMarker(TICKET, MARKER)).isTrue();
  }

  @Test
  void aTicketIdThatIsNotANumberIsPermanent() {
    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> stub.connect().hasMarker(new TicketRef("freshdesk", "../admin"), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(stub.calls()).isEmpty();
  }

  // -------------------------------------------------------------------------------------- create

  private static final String FRAUD_MARKER = "[helpdesk-bridge signifyd/case_9 fraud-flagged]";

  private static NewTicket fraudTicket(String email) {
    return new NewTicket("Fraud review for order 1001", "Signifyd says REJECT (score 912).\n\n" + FRAUD_MARKER, false,
        email, "1001", "1001", List.of("fraud_review", "fraud_review"), "task", "urgent", Map.of("order_status", "on_hold"));
  }

  private void createAnswers(long id) {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(FreshdeskStub.ticket(id, 2, "2026-11-24T10:00:00Z"))));
  }

  @Test
  void createLooksForAnEarlierAttemptThenPostsTheWholeTicket() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("[]")));
    createAnswers(9100);

    TicketRef ref = stub.connect().create(fraudTicket("ann@example.com"), "hdb-abc123");

    assertThat(ref).isEqualTo(new TicketRef("freshdesk", "9100"));
    assertThat(stub.calls()).containsExactly(
        "GET /api/v2/tickets?email=ann%40example.com&order_by=created_at&order_type=desc&per_page=100&include=description",
        "POST /api/v2/tickets");
    stub.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/tickets"))
        .withHeader("Authorization", equalTo(FreshdeskStub.AUTHORIZATION))
        .withRequestBody(equalToJson("{\"email\":\"ann@example.com\",\"subject\":\"Fraud review for order 1001\","
            + "\"description\":\"Signifyd says REJECT (score 912).<br><br>" + FRAUD_MARKER + "\","
            + "\"status\":2,\"priority\":4,\"tags\":[\"fraud_review\"],"
            + "\"custom_fields\":{\"cf_order_number\":\"1001\",\"cf_order_status\":\"on_hold\"}}")));
  }

  @Test
  void aRetriedCreateReturnsTheTicketTheFirstAttemptMadeFoundByItsMarker() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("["
        + "{\"id\":9200,\"subject\":\"Other\",\"status\":2,\"description\":\"<div>Hello</div>\",\"description_text\":\"Hello\"},"
        + "{\"id\":9100,\"subject\":\"Fraud review for order 1001\",\"status\":2,"
        + "\"description\":\"<div>Signifyd says REJECT (score 912).<br><br>" + FRAUD_MARKER + "</div>\","
        + "\"description_text\":\"Signifyd says REJECT (score 912).\\n\\n" + FRAUD_MARKER + "\"}]")));
    createAnswers(9999);

    TicketRef ref = stub.connect().create(fraudTicket("ann@example.com"), "hdb-abc123");

    assertThat(ref).isEqualTo(new TicketRef("freshdesk", "9100"));
    assertThat(stub.calls()).noneMatch(c -> c.startsWith("POST"));
  }

  @Test
  void withABridgeKeyFieldTheKeyIsStoredAndAnEarlierCreateIsFoundByIt() throws Exception {
    Map<String, Object> withKey = Map.of("fields", Map.of("order_id", "cf_order_number", "bridge_key", "cf_bridge_key"));
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("[]")));
    createAnswers(9100);

    stub.connect(withKey).create(fraudTicket("ann@example.com"), "hdb-abc123");

    assertThat(stub.calls().get(0))
        .isEqualTo("GET /api/v2/tickets?email=ann%40example.com&order_by=created_at&order_type=desc&per_page=100");
    stub.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/tickets")).withRequestBody(equalToJson(
        "{\"custom_fields\":{\"cf_order_number\":\"1001\",\"cf_bridge_key\":\"hdb-abc123\"}}", true, true)));

    stub.server.resetRequests();
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("["
        + "{\"id\":9100,\"status\":2,\"custom_fields\":{\"cf_order_number\":\"1001\",\"cf_bridge_key\":\"hdb-abc123\"}}]")));

    assertThat(stub.connect(withKey).create(fraudTicket("ann@example.com"), "hdb-abc123"))
        .isEqualTo(new TicketRef("freshdesk", "9100"));
    assertThat(stub.calls()).noneMatch(c -> c.startsWith("POST"));
  }

  @Test
  void aRequesterFreshdeskDoesNotKnowYetHasNoEarlierTicket() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"email\","
            + "\"message\":\"There is no contact matching the given email\",\"code\":\"invalid_value\"}]}")));
    createAnswers(9100);

    assertThat(stub.connect().create(fraudTicket("new@example.com"), "hdb-abc123")).isEqualTo(new TicketRef("freshdesk", "9100"));
  }

  @Test
  void withoutAnEmailTheDefaultRequesterAsksAndTheTypeIsSentOnlyWhenMapped() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("[]")));
    createAnswers(9100);
    NewTicket n = new NewTicket("Shipment exception", "Lost.\n\n" + FRAUD_MARKER, false, null, null, null, null,
        "incident", null, null);

    stub.connect(Map.of("default-requester", "bridge@acme.test", "types", Map.of("incident", "Incident"))).create(n, "hdb-1");

    stub.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/tickets")).withRequestBody(equalToJson(
        "{\"email\":\"bridge@acme.test\",\"subject\":\"Shipment exception\",\"description\":\"Lost.<br><br>" + FRAUD_MARKER + "\","
            + "\"status\":2,\"priority\":1,\"type\":\"Incident\"}")));
  }

  @Test
  void withoutAnyRequesterTheCreateIsPermanentAndSendsNothing() {
    NewTicket n = new NewTicket("Shipment exception", "Lost.", false, null, null, null, null, null, null, null);

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> stub.connect().create(n, "hdb-1"));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.getMessage()).contains("default-requester");
    assertThat(stub.calls()).isEmpty();
  }

  @Test
  void describeNamesTheAccountButNotTheKey() {
    FreshdeskConnection fd = stub.connect(Map.of("url", stub.url() + "/api/v2/"));

    assertThat(fd.describe()).isEqualTo("Freshdesk at " + stub.url());
  }
}
