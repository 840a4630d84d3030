package io.helpdeskbridge.plugin.servicenow;

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
import static io.helpdeskbridge.plugin.servicenow.ServiceNowStub.CASES;
import static io.helpdeskbridge.plugin.servicenow.ServiceNowStub.SYS_ID;
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

/** The exact requests the ServiceNow connection sends, against a WireMock stand-in of the Table API. */
class ServiceNowConnectionTest {
  private static final String MARKER = "[helpdesk-bridge stripe/evt_1 refund-issued]";
  private static final TicketRef CASE = new TicketRef("servicenow", SYS_ID);

  private final ServiceNowStub stub = new ServiceNowStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  private void patchOk() {
    stub.server.stubFor(patch(urlPathEqualTo(CASES + "/" + SYS_ID))
        .willReturn(okJson("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"CS0001001\"}}")));
  }

  @Test
  void findQueriesTheOrderColumnNewestFirstAndReturnsTheSysId() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo(CASES)).willReturn(okJson(
        "{\"result\":[{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"CS0001001\"}]}")));

    var found = stub.connect().find(new Lookup("field:order_id", "1001"));

    assertThat(found).contains(new TicketRef("servicenow", SYS_ID));
    assertThat(stub.calls()).containsExactly("GET " + CASES
        + "?sysparm_query=u_order_number=1001^ORDERBYDESCsys_created_on&sysparm_limit=1&sysparm_fields=sys_id,number");
    assertThat(stub.requests().get(0).getHeader("Authorization")).isEqualTo(ServiceNowStub.AUTHORIZATION);
  }

  @Test
  void externalIdUsesTheCorrelationColumnAndNothingFoundIsEmpty() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo(CASES)).willReturn(okJson("{\"result\":[]}")));

    assertThat(stub.connect().find(new Lookup("external_id", "10^01"))).isEmpty();
    assertThat(stub.connect().find(new Lookup("field:shoe_size", "42"))).isEmpty();

    // the ^ that would start a new condition is dropped; the unmapped field sends nothing
    assertThat(stub.calls()).containsExactly("GET " + CASES
        + "?sysparm_query=correlation_id=1001^ORDERBYDESCsys_created_on&sysparm_limit=1&sysparm_fields=sys_id,number");
  }

  @Test
  void applyIsOnePatchWithWorkNotesFieldsPriorityAndMappedState() throws Exception {
    patchOk();

    stub.connect(Map.of("states", Map.of("solved", "6"))).apply(CASE, new TicketChange("Refund of 25.00 USD.", false,
        List.of(), List.of(), Map.of("order_status", "refunded", "not_mapped", "x"), "urgent", "solved"), MARKER);

    assertThat(stub.calls()).containsExactly("PATCH " + CASES + "/" + SYS_ID);
    assertThat(stub.requests().get(0).getHeader("Authorization")).isEqualTo(ServiceNowStub.AUTHORIZATION);
    assertThat(stub.requests().get(0).getHeader("Content-Type")).startsWith("application/json");
    stub.server.verify(patchRequestedFor(urlPathEqualTo(CASES + "/" + SYS_ID)).withRequestBody(equalToJson(
        "{\"u_order_status\":\"refunded\",\"priority\":\"1\",\"state\":\"6\","
            + "\"work_notes\":\"Refund of 25.00 USD.\\n\\n" + MARKER + "\"}")));
  }

  @Test
  void aPublicNoteGoesToCommentsAndAnUnmappedStatusOrTagsWithoutAColumnAreLeftOut() throws Exception {
    patchOk();

    stub.connect().apply(CASE, new TicketChange("On its way.", true, List.of("vip"), List.of(), Map.of(), "low", "open"), MARKER);

    stub.server.verify(patchRequestedFor(urlPathEqualTo(CASES + "/" + SYS_ID)).withRequestBody(equalToJson(
        "{\"priority\":\"4\",\"comments\":\"On its way.\\n\\n" + MARKER + "\"}")));
  }

  @Test
  void tagsMergeIntoTheConfiguredColumnAfterReadingIt() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo(CASES + "/" + SYS_ID)).willReturn(okJson(
        "{\"result\":{\"u_tags\":\"vip, refund_pending\"}}")));
    patchOk();

    stub.connect(Map.of("tags-field", "u_tags")).apply(CASE, new TicketChange(null, false, List.of("refund_issued"),
        List.of("refund_pending"), Map.of(), null, null), MARKER);

    assertThat(stub.calls()).containsExactly("GET " + CASES + "/" + SYS_ID + "?sysparm_fields=u_tags",
        "PATCH " + CASES + "/" + SYS_ID);
    stub.server.verify(patchRequestedFor(urlPathEqualTo(CASES + "/" + SYS_ID))
        .withRequestBody(equalToJson("{\"u_tags\":\"vip,refund_issued\"}")));
  }

  @Test
  void aProblemLinkGoesToTheParentColumnWhenOneIsConfigured() throws Exception {
    stub.server.stubFor(patch(urlPathEqualTo("/api/now/table/incident/" + SYS_ID)).willReturn(okJson("{\"result\":{}}")));
    String problem = "a9e30c7dc61122760116894de7bcc7bd";

    stub.connect(Map.of("table", "incident", "parent-field", "parent")).apply(CASE, TicketChange.incidentOf(problem), MARKER);

    stub.server.verify(patchRequestedFor(urlPathEqualTo("/api/now/table/incident/" + SYS_ID))
        .withRequestBody(equalToJson("{\"parent\":\"" + problem + "\"}")));
  }

  @Test
  void hasMarkerAsksTheJournalOfTheRecord() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/api/now/table/sys_journal_field")).atPriority(10)
        .willReturn(okJson("{\"result\":[]}")));
    stub.server.stubFor(get(urlPathEqualTo("/api/now/table/sys_journal_field"))
        .withQueryParam("sysparm_query", equalTo("element_id=" + SYS_ID + "^elementINwork_notes,comments^valueLIKE" + MARKER))
        .willReturn(okJson("{\"result\":[{\"sys_id\":\"1c741bd70b2322007518478d83673af3\"}]}")));

    assertThat(stub.connect().hasMarker(CASE, MARKER)).isTrue();
    assertThat(stub.connect().hasMarker(CASE, "[helpdesk-bridge stripe/evt_2 refund-issued]")).isFalse();
  }

  @Test
  void createLooksForTheKeyFirstThenPostsWithCorrelation() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo(CASES)).willReturn(okJson("{\"result\":[]}")));
    stub.server.stubFor(post(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"CS0001002\"}}")));

    TicketRef made = stub.connect().create(new NewTicket("Shipment problem", "Parcel lost.\n\n" + MARKER, false,
        "jane@example.com", "1001", "1001", List.of("shipment_exception"), "incident", "high",
        Map.of("shipment_status", "exception")), "key-1");

    assertThat(made).isEqualTo(new TicketRef("servicenow", SYS_ID));
    assertThat(stub.calls()).containsExactly("GET " + CASES
        + "?sysparm_query=correlation_id=key-1^ORDERBYDESCsys_created_on&sysparm_limit=1&sysparm_fields=sys_id,number",
        "POST " + CASES);
    stub.server.verify(postRequestedFor(urlPathEqualTo(CASES)).withRequestBody(equalToJson(
        "{\"short_description\":\"Shipment problem\",\"description\":\"Parcel lost.\\n\\n" + MARKER + "\","
            + "\"work_notes\":\"Parcel lost.\\n\\n" + MARKER + "\",\"priority\":\"2\",\"u_shipment_status\":\"exception\","
            + "\"u_order_number\":\"1001\",\"correlation_id\":\"key-1\"}")));
  }

  @Test
  void aRetriedCreateReturnsTheRecordTheFirstAttemptMade() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo(CASES)).willReturn(okJson("{\"result\":[{\"sys_id\":\"" + SYS_ID + "\"}]}")));

    TicketRef made = stub.connect().create(new NewTicket("s", "d", false, null, "1001", "1001", List.of(), null, null,
        Map.of()), "key-1");

    assertThat(made.id()).isEqualTo(SYS_ID);
    assertThat(stub.calls()).hasSize(1).allMatch(c -> c.startsWith("GET "));
  }

  @Test
  void tooManyRequestsIsRetryableAfterRetryAfterAndRateHeadersAreReported() {
    stub.server.stubFor(get(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")
        .withHeader("X-RateLimit-Limit", "100").withHeader("X-RateLimit-Remaining", "0")
        .withHeader("Content-Type", "application/json")
        .withBody(ServiceNowStub.error("Too many requests", "Rate limit rule violated"))));
    List<Integer> seen = new ArrayList<>();

    HelpdeskException e = catchThrowableOfType(() -> stub.connect(Map.of(), (limit, remaining, reset) -> {
      seen.add(limit);
      seen.add(remaining);
    }).find(new Lookup("field:order_id", "1001")), HelpdeskException.class);

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
    assertThat(e.getMessage()).contains("Too many requests");
    assertThat(seen).containsExactly(100, 0);
  }

  @Test
  void unauthorizedIsPermanentWithAClearMessageAndNoSecret() {
    stub.server.stubFor(patch(urlPathEqualTo(CASES + "/" + SYS_ID)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody(ServiceNowStub.error("User Not Authenticated", "Required to provide Auth information"))));

    HelpdeskException e = catchThrowableOfType(() -> stub.connect().apply(CASE,
        new TicketChange("n", false, null, null, null, null, null), MARKER), HelpdeskException.class);

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("User Not Authenticated", "username/password or oauth-token")
        .doesNotContain(ServiceNowStub.PASSWORD).doesNotContain(ServiceNowStub.AUTHORIZATION.substring(6));
  }

  @Test
  void badRequestCarriesServiceNowsMessageNotFoundStays404AndServerErrorsRetry() {
    stub.server.stubFor(post(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(400)
        .withBody(ServiceNowStub.error("Invalid field", "u_order_number is read only"))));
    stub.server.stubFor(patch(urlPathEqualTo(CASES + "/" + SYS_ID)).willReturn(aResponse().withStatus(404)
        .withBody(ServiceNowStub.error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"))));
    stub.server.stubFor(get(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(503)));

    HelpdeskException bad = catchThrowableOfType(() -> stub.connect(Map.of("fields", Map.of())).create(
        new NewTicket("s", "d", false, null, null, null, null, null, null, null), "k"), HelpdeskException.class);
    HelpdeskException gone = catchThrowableOfType(() -> stub.connect().apply(CASE,
        new TicketChange("n", false, null, null, null, null, null), MARKER), HelpdeskException.class);
    HelpdeskException down = catchThrowableOfType(() -> stub.connect().find(new Lookup("field:order_id", "1")),
        HelpdeskException.class);

    assertThat(bad.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(bad.getMessage()).contains("ServiceNow 400: Invalid field (u_order_number is read only)");
    assertThat(gone.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(down.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
  }

  @Test
  void anOauthTokenIsSentAsBearer() throws Exception {
    patchOk();

    stub.connect(Map.of("username", "", "password", "", "oauth-token", "tok-abc")).apply(CASE,
        new TicketChange("n", false, null, null, null, null, null), MARKER);

    assertThat(stub.requests().get(0).getHeader("Authorization")).isEqualTo("Bearer tok-abc");
  }
}
