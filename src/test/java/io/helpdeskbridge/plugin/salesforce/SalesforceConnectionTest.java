package io.helpdeskbridge.plugin.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.API;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.CASE_ID;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.CLIENT_ID;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.CLIENT_SECRET;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.TOKEN_PATH;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.compositeOk;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.errorArray;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.errorJson;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.json;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.query;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.HelpdeskConnection.Lookup;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Salesforce connection against a stand-in of the REST API: one login for the class, then the
 * exact requests of find, apply, hasMarker and create, and how errors are classified.
 */
class SalesforceConnectionTest {
  private static final String TOKEN = "00Dxx0000001gPL!AR8AQBridgeAccessToken.One";
  private static final String MARKER = "[helpdesk-bridge stripe/evt_1 refund-issued]";
  private static final TicketRef CASE = new TicketRef("salesforce", CASE_ID);

  private static WireMockServer wm;
  private static SalesforceConnection sf;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
    SalesforceStandIn.stubLogin(wm, TOKEN);
    sf = SalesforceStandIn.connect(SalesforceStandIn.settings(wm));
  }

  @AfterAll
  static void stop() {
    if (sf != null) sf.close();
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    SalesforceStandIn.stubLogin(wm, TOKEN);
  }

  private static List<LoggedRequest> composites() {
    return wm.findAll(postRequestedFor(urlPathEqualTo(API + "/composite")));
  }

  // ------------------------------------------------------------ login

  @Test
  void loggedInWithClientCredentialsAndUsesTheInstanceUrlWithoutShowingSecrets() {
    SalesforceStandIn.stubLogin(wm, "tok-login-test");
    try (SalesforceConnection other = SalesforceStandIn.connect(SalesforceStandIn.settings(wm))) {
      List<LoggedRequest> logins = wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
      assertThat(logins).hasSize(1);
      assertThat(SalesforceStandIn.form(logins.get(0).getBodyAsString())).containsEntry("grant_type", "client_credentials")
          .containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET);
      assertThat(other.describe()).isEqualTo("Salesforce at " + wm.baseUrl() + " (login " + wm.baseUrl()
          + ", client-credentials, API v62.0)").doesNotContain(CLIENT_SECRET);
    }
  }

  // ------------------------------------------------------------ find

  @Test
  void findsByOrderNumberWithEscapedSoqlOpenCasesFirst() throws Exception {
    String soql = "SELECT Id, Status, IsClosed, CreatedDate FROM Case WHERE Order_Number__c = '10\\'01\\\\x'"
        + " ORDER BY IsClosed ASC, CreatedDate DESC LIMIT 1";
    wm.stubFor(query(soql).willReturn(records("{\"attributes\":{\"type\":\"Case\"},\"Id\":\"" + CASE_ID
        + "\",\"Status\":\"Working\",\"IsClosed\":false,\"CreatedDate\":\"2026-11-20T10:00:00.000+0000\"}")));

    Optional<TicketRef> found = sf.find(new Lookup("field:order_id", "10'01\\x"));

    assertThat(found).contains(CASE);
    List<LoggedRequest> requests = wm.findAll(getRequestedFor(urlPathEqualTo(API + "/query/")));
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).queryParameter("q").firstValue()).isEqualTo(soql);
    assertThat(requests.get(0).header("Authorization").values()).containsExactly("Bearer " + TOKEN);
  }

  @Test
  void findsByTrackingNumberFieldAndByTheBridgesOwnCases() throws Exception {
    String tracking = "SELECT Id, Status, IsClosed, CreatedDate FROM Case WHERE Tracking_Number__c = '1Z999'"
        + " ORDER BY IsClosed ASC, CreatedDate DESC LIMIT 1";
    String external = "SELECT Id, Status, IsClosed, CreatedDate FROM Case WHERE Order_Number__c = '1001'"
        + " AND Bridge_Key__c != null ORDER BY IsClosed ASC, CreatedDate DESC LIMIT 1";
    wm.stubFor(query(tracking).willReturn(records("{\"Id\":\"" + CASE_ID + "\"}")));
    wm.stubFor(query(external).willReturn(records()));

    assertThat(sf.find(new Lookup("field:tracking_number", "1Z999"))).contains(CASE);
    assertThat(sf.find(new Lookup("external_id", "1001"))).isEmpty();
    // no payment field is mapped: nothing to search, nothing sent
    assertThat(sf.find(new Lookup("field:payment_id", "pi_1"))).isEmpty();
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(API + "/query/")))).hasSize(2);
  }

  // ------------------------------------------------------------ apply

  @Test
  void appliesTheWholeChangeInOneCompositeRequest() throws Exception {
    wm.stubFor(query("SELECT Id, Bridge_Tags__c, LastModifiedDate FROM Case WHERE Id = '" + CASE_ID + "'")
        .willReturn(records("{\"Id\":\"" + CASE_ID + "\",\"Bridge_Tags__c\":\"vip;refund_pending\","
            + "\"LastModifiedDate\":\"2026-11-24T10:15:30.000+0000\"}")));
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson(compositeOk(1, true))));
    TicketChange change = new TicketChange("Refund of 25.00 USD issued.", false, List.of("refund_issued"),
        List.of("refund_pending"), Map.of("order_status", "refunded", "shipment_status", "ignored"), "urgent", "open");

    sf.apply(CASE, change, MARKER);

    List<LoggedRequest> sent = composites();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).header("Authorization").values()).containsExactly("Bearer " + TOKEN);
    assertThat(json(sent.get(0).getBodyAsString())).isEqualTo(json("""
        {"allOrNone":true,"collateSubrequests":false,"compositeRequest":[
          {"method":"PATCH","url":"/services/data/v62.0/sobjects/Case/500xx000001AbCdAAK","referenceId":"updateCase",
           "body":{"Status":"Working","Priority":"High","Order_Status__c":"refunded","Bridge_Tags__c":"vip;refund_issued"},
           "httpHeaders":{"If-Unmodified-Since":"Tue, 24 Nov 2026 10:15:30 GMT"}},
          {"method":"POST","url":"/services/data/v62.0/sobjects/CaseComment","referenceId":"comment1",
           "body":{"ParentId":"500xx000001AbCdAAK","CommentBody":"Refund of 25.00 USD issued.\\n\\n[helpdesk-bridge stripe/evt_1 refund-issued]","IsPublished":false}}
        ]}"""));
  }

  @Test
  void aNoteAloneReadsNothingAndAPublicNoteIsPublished() throws Exception {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson(compositeOk(1, false))));

    sf.apply(CASE, new TicketChange("Your refund is on its way.", true, null, null, null, null, null), MARKER);

    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(API + "/query/")))).isEmpty();
    JsonNode sent = json(composites().get(0).getBodyAsString()).path("compositeRequest");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).path("body").path("IsPublished").asBoolean()).isTrue();
  }

  @Test
  void aChangeWithNothingForSalesforceSendsNoRequest() throws Exception {
    sf.apply(CASE, new TicketChange(null, false, null, null, Map.of("unmapped_field", "x"), null, null), MARKER);

    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void splitsALongNoteIntoCommentsOfAtMost4000BytesInOneComposite() throws Exception {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson(compositeOk(3, false))));
    // an emoji straddles byte 4000 of a run without spaces or line breaks, then euro signs
    String note = "a".repeat(3998) + "😀" + "€".repeat(1000) + "\n" + "b".repeat(1900);
    TicketChange change = new TicketChange(note, false, null, null, null, null, null);
    String full = change.noteWithMarker(MARKER);
    assertThat(full.getBytes(StandardCharsets.UTF_8).length).isBetween(8900, 9100);

    sf.apply(CASE, change, MARKER);

    JsonNode subrequests = json(composites().get(0).getBodyAsString()).path("compositeRequest");
    assertThat(subrequests).hasSize(3);
    StringBuilder joined = new StringBuilder();
    List<Integer> sizes = new ArrayList<>();
    for (JsonNode r : subrequests) {
      assertThat(r.path("method").asText()).isEqualTo("POST");
      assertThat(r.path("url").asText()).isEqualTo("/services/data/v62.0/sobjects/CaseComment");
      String body = r.path("body").path("CommentBody").asText();
      sizes.add(body.getBytes(StandardCharsets.UTF_8).length);
      joined.append(body);
    }
    assertThat(sizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4000));
    assertThat(sizes).containsExactly(3998, 4 + 3000 + 1, 1900 + 2 + MARKER.length());
    assertThat(joined.toString()).isEqualTo(full);
    assertThat(subrequests.get(2).path("body").path("CommentBody").asText()).endsWith(MARKER);
  }

  @Test
  void anAgentsEditBetweenReadAndWriteIsMergedAgain() throws Exception {
    String read = "SELECT Id, Bridge_Tags__c, LastModifiedDate FROM Case WHERE Id = '" + CASE_ID + "'";
    String conflict = "{\"compositeResponse\":[{\"body\":" + errorJson("PRECONDITION_FAILED", "The record was modified")
        + ",\"httpHeaders\":{},\"httpStatusCode\":412,\"referenceId\":\"updateCase\"}]}";
    // first read and write: the agent added "escalated" in between, so Salesforce answers 412
    wm.stubFor(query(read).inScenario("edit").whenScenarioStateIs("Started")
        .willReturn(records("{\"Id\":\"" + CASE_ID + "\",\"Bridge_Tags__c\":\"vip\",\"LastModifiedDate\":\"2026-11-24T10:15:30.000+0000\"}")));
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).inScenario("edit").whenScenarioStateIs("Started")
        .willReturn(okJson(conflict)).willSetStateTo("edited"));
    // second round: a fresh read sees the agent's tag, and the write goes through
    wm.stubFor(query(read).inScenario("edit").whenScenarioStateIs("edited")
        .willReturn(records("{\"Id\":\"" + CASE_ID + "\",\"Bridge_Tags__c\":\"vip;escalated\",\"LastModifiedDate\":\"2026-11-24T10:16:02.000+0000\"}")));
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).inScenario("edit").whenScenarioStateIs("edited")
        .willReturn(okJson(compositeOk(0, true))));

    sf.apply(CASE, new TicketChange(null, false, List.of("refund_issued"), null, null, null, null), MARKER);

    List<LoggedRequest> sent = composites();
    assertThat(sent).hasSize(2);
    JsonNode second = json(sent.get(1).getBodyAsString()).path("compositeRequest").get(0);
    assertThat(second.path("body").path("Bridge_Tags__c").asText()).isEqualTo("vip;escalated;refund_issued");
    assertThat(second.path("httpHeaders").path("If-Unmodified-Since").asText()).isEqualTo("Tue, 24 Nov 2026 10:16:02 GMT");
  }

  @Test
  void aValidationErrorIsPermanentWithSalesforcesMessage() {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson("{\"compositeResponse\":["
        + "{\"body\":" + errorJson("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Closed cases need a resolution", "Resolution__c")
        + ",\"httpHeaders\":{},\"httpStatusCode\":400,\"referenceId\":\"updateCase\"},"
        + "{\"body\":" + errorJson("PROCESSING_HALTED", "The transaction was rolled back since another operation in the same transaction failed.")
        + ",\"httpHeaders\":{},\"httpStatusCode\":400,\"referenceId\":\"comment1\"}]}")));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> sf.apply(CASE, new TicketChange("note", false, null, null, null, null, "solved"), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION: Closed cases need a resolution [fields: Resolution__c]")
        .contains("updateCase").doesNotContain(TOKEN);
  }

  @Test
  void theOrgsApiLimitIsRetriedLaterAndReportsTheUsage() {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(errorArray(403, "REQUEST_LIMIT_EXCEEDED",
        "TotalRequests Limit exceeded.").withHeader("Sforce-Limit-Info", "api-usage=15023/15000")));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> sf.apply(CASE, new TicketChange("note", false, null, null, null, null, null), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
    assertThat(e.getMessage()).contains("REQUEST_LIMIT_EXCEEDED").contains("api-usage=15023/15000");
    assertThat(composites()).hasSize(1);
  }

  @Test
  void serverErrorsAreRetryableAndAMissingCaseIsA404() {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(errorArray(503, "SERVER_UNAVAILABLE", "Try again later")));
    HelpdeskException busy = catchThrowableOfType(HelpdeskException.class,
        () -> sf.apply(CASE, new TicketChange("note", false, null, null, null, null, null), MARKER));
    assertThat(busy.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
    assertThat(busy.status()).isEqualTo(503);

    wm.stubFor(query("SELECT Id, Bridge_Tags__c, LastModifiedDate FROM Case WHERE Id = '" + CASE_ID + "'").willReturn(records()));
    HelpdeskException gone = catchThrowableOfType(HelpdeskException.class,
        () -> sf.apply(CASE, new TicketChange(null, false, List.of("x"), null, null, null, null), MARKER));
    assertThat(gone.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(gone.status()).isEqualTo(404);
  }

  @Test
  void aDeadInstanceIsRetryable() {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(aResponse().withFault(
        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> sf.apply(CASE, new TicketChange("note", false, null, null, null, null, null), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
  }

  // ------------------------------------------------------------ hasMarker

  @Test
  void findsTheMarkerInTheCommentsOrTheDescription() throws Exception {
    String soql = "SELECT Id, Description, (SELECT CommentBody FROM CaseComments ORDER BY CreatedDate DESC) FROM Case WHERE Id = '"
        + CASE_ID + "'";
    wm.stubFor(query(soql).willReturn(records("{\"Id\":\"" + CASE_ID + "\",\"Description\":\"Where is my refund?\",\"CaseComments\":"
        + "{\"totalSize\":2,\"done\":true,\"records\":[{\"CommentBody\":\"Agent note\"},{\"CommentBody\":\"Refund.\\n\\n" + MARKER + "\"}]}}")));

    assertThat(sf.hasMarker(CASE, MARKER)).isTrue();
    assertThat(sf.hasMarker(CASE, "[helpdesk-bridge stripe/evt_2 refund-issued]")).isFalse();

    wm.stubFor(query(soql).willReturn(records("{\"Id\":\"" + CASE_ID + "\",\"Description\":\"x\\n\\n" + MARKER + "\",\"CaseComments\":null}")));
    assertThat(sf.hasMarker(CASE, MARKER)).isTrue();
  }

  @Test
  void followsTheNextPageOfComments() throws Exception {
    String soql = "SELECT Id, Description, (SELECT CommentBody FROM CaseComments ORDER BY CreatedDate DESC) FROM Case WHERE Id = '"
        + CASE_ID + "'";
    String next = API + "/query/01gxx0000000001AAA-2000";
    wm.stubFor(query(soql).willReturn(records("{\"Id\":\"" + CASE_ID + "\",\"Description\":null,\"CaseComments\":"
        + "{\"totalSize\":2001,\"done\":false,\"nextRecordsUrl\":\"" + next + "\",\"records\":[{\"CommentBody\":\"newer\"}]}}")));
    wm.stubFor(get(urlPathEqualTo(next)).willReturn(records("{\"CommentBody\":\"older " + MARKER + "\"}")));

    assertThat(sf.hasMarker(CASE, MARKER)).isTrue();
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(next))).get(0).header("Authorization").values())
        .containsExactly("Bearer " + TOKEN);
  }

  // ------------------------------------------------------------ create

  private static final String KEY = "hdb-" + "ab12".repeat(16);
  private static final String UPSERT = API + "/sobjects/Case/Bridge_Key__c/" + KEY;

  private static NewTicket fraudTask() {
    return new NewTicket("Fraud review: order 1001", "FRAUD REVIEW for order 1001.\n\n" + MARKER, false, "ann@example.com",
        "1001", "1001", List.of("fraud_review"), "task", "urgent", Map.of("order_status", "on_hold"));
  }

  @Test
  void createsACaseByUpsertOnTheExternalIdThenItsPrivateNote() throws Exception {
    wm.stubFor(patch(urlPathEqualTo(UPSERT)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + CASE_ID + "\",\"success\":true,\"errors\":[],\"created\":true}")));
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson(compositeOk(1, false))));

    TicketRef ref = sf.create(fraudTask(), KEY);

    assertThat(ref).isEqualTo(CASE);
    List<LoggedRequest> upserts = wm.findAll(patchRequestedFor(urlPathEqualTo(UPSERT)));
    assertThat(upserts).hasSize(1);
    assertThat(upserts.get(0).header("Authorization").values()).containsExactly("Bearer " + TOKEN);
    assertThat(json(upserts.get(0).getBodyAsString())).isEqualTo(json("""
        {"Subject":"Fraud review: order 1001","Description":"Fraud review: order 1001","Origin":"Web","Priority":"High",
         "SuppliedEmail":"ann@example.com","Order_Number__c":"1001","Order_Status__c":"on_hold","Bridge_Tags__c":"fraud_review"}"""));
    JsonNode comment = json(composites().get(0).getBodyAsString()).path("compositeRequest");
    assertThat(comment).hasSize(1);
    assertThat(comment.get(0).path("body")).isEqualTo(json("{\"ParentId\":\"" + CASE_ID
        + "\",\"CommentBody\":\"FRAUD REVIEW for order 1001.\\n\\n" + MARKER.replace("\"", "\\\"") + "\",\"IsPublished\":false}"));
    // no marker check for a Case that was just created
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(API + "/query/")))).isEmpty();
  }

  @Test
  void aRetriedCreateFindsTheFirstCaseAndDoesNotRepeatTheNote() throws Exception {
    wm.stubFor(patch(urlPathEqualTo(UPSERT)).willReturn(okJson("{\"id\":\"" + CASE_ID + "\",\"success\":true,\"errors\":[],\"created\":false}")));
    wm.stubFor(query("SELECT Id, Description, (SELECT CommentBody FROM CaseComments ORDER BY CreatedDate DESC) FROM Case WHERE Id = '"
        + CASE_ID + "'").willReturn(records("{\"Id\":\"" + CASE_ID + "\",\"Description\":\"x\",\"CaseComments\":{\"totalSize\":1,"
        + "\"done\":true,\"records\":[{\"CommentBody\":\"FRAUD REVIEW for order 1001.\\n\\n" + MARKER + "\"}]}}")));

    assertThat(sf.create(fraudTask(), KEY)).isEqualTo(CASE);

    assertThat(composites()).isEmpty();
  }

  @Test
  void anUpsertAnsweredWith204IsFollowedByALookupOfTheKey() throws Exception {
    wm.stubFor(patch(urlPathEqualTo(UPSERT)).willReturn(aResponse().withStatus(204)));
    wm.stubFor(query("SELECT Id FROM Case WHERE Bridge_Key__c = '" + KEY + "' LIMIT 1").willReturn(records("{\"Id\":\"" + CASE_ID + "\"}")));
    NewTicket publicOne = new NewTicket("Shipment problem", "Your parcel is delayed.\n\n" + MARKER, true, null, "1001", "1001",
        List.of(), null, null, Map.of());

    assertThat(sf.create(publicOne, KEY)).isEqualTo(CASE);

    assertThat(json(wm.findAll(patchRequestedFor(urlPathEqualTo(UPSERT))).get(0).getBodyAsString()).path("Description").asText())
        .isEqualTo("Your parcel is delayed.\n\n" + MARKER);
    assertThat(composites()).isEmpty();
  }

  @Test
  void anExternalIdMatchingSeveralCasesIsPermanent() {
    wm.stubFor(patch(urlPathEqualTo(UPSERT)).willReturn(aResponse().withStatus(300).withHeader("Content-Type", "application/json")
        .withBody("[\"" + API + "/sobjects/Case/500xx000001AAAAAAA\",\"" + API + "/sobjects/Case/500xx000001BBBBAAA\"]")));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> sf.create(fraudTask(), KEY));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(300);
  }

  @Test
  void refusesIdsThatAreNotSalesforceIds() {
    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> sf.apply(new TicketRef("salesforce", "500' OR Id != '"), new TicketChange("n", false, null, null, null, null, null), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(wm.findAll(postRequestedFor(anyUrl()))).isEmpty();
  }
}
