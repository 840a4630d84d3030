package io.helpdeskbridge.plugin.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.compositeOk;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incidents linked to a problem ticket on Salesforce: the problem is a parent Case, so the link is
 * the incident Case's {@code ParentId}, written in the same composite as the rest of the change.
 */
class SalesforceLinksTest {
  private static final String TOKEN = "00Dxx0000001gPL!AR8AQBridgeAccessToken.Links";
  private static final String MARKER = "[helpdesk-bridge easypost/evt_9 shipment-exception]";
  private static final String PROBLEM_ID = "500xx000009ZyXwAAK";
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

  private static JsonNode onlyComposite() {
    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlPathEqualTo(API + "/composite")));
    assertThat(sent).as("one composite for the whole change").hasSize(1);
    return json(sent.get(0).getBodyAsString()).path("compositeRequest");
  }

  @Test
  void aLinkAloneIsOneCaseUpdateSettingParentId() throws Exception {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson(compositeOk(0, true))));

    sf.apply(CASE, TicketChange.incidentOf(PROBLEM_ID), MARKER);

    JsonNode sent = onlyComposite();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).path("method").asText()).isEqualTo("PATCH");
    assertThat(sent.get(0).path("url").asText()).isEqualTo(API + "/sobjects/Case/" + CASE_ID);
    // no types mapping: "incident" has no Case Type to become, so only the parent is set
    assertThat(sent.get(0).path("body")).isEqualTo(json("{\"ParentId\":\"" + PROBLEM_ID + "\"}"));
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(API + "/query/")))).isEmpty();
  }

  @Test
  void theParentRidesInTheSameUpdateAsStatusAndTheNote() throws Exception {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson(compositeOk(1, true))));

    sf.apply(CASE, new TicketChange("Part of a carrier incident.", false, null, null, Map.of("order_status", "delayed"), null,
        "pending", "incident", PROBLEM_ID), MARKER);

    JsonNode sent = onlyComposite();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).path("body")).isEqualTo(json(
        "{\"Status\":\"Working\",\"Order_Status__c\":\"delayed\",\"ParentId\":\"" + PROBLEM_ID + "\"}"));
    assertThat(sent.get(1).path("body").path("CommentBody").asText()).endsWith(MARKER);
  }

  @Test
  void aMappedTypeSetsTheCaseTypePicklist() throws Exception {
    Map<String, Object> settings = SalesforceStandIn.settings(wm);
    settings.put("types", Map.of("incident", "Problem"));
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).willReturn(okJson(compositeOk(0, true))));

    try (SalesforceConnection typed = SalesforceStandIn.connect(settings)) {
      typed.apply(CASE, TicketChange.incidentOf(PROBLEM_ID), MARKER);
    }

    assertThat(onlyComposite().get(0).path("body")).isEqualTo(json(
        "{\"Type\":\"Problem\",\"ParentId\":\"" + PROBLEM_ID + "\"}"));
  }

  @Test
  void aProblemIdThatIsNoCaseIdIsPermanentAndSendsNothing() {
    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> sf.apply(CASE, TicketChange.incidentOf("4242"), MARKER));

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'4242'");
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(API + "/composite")))).isEmpty();
  }

  @Test
  void aProblemTicketIsCreatedAsAPlainCase() throws Exception {
    String key = "hdb-incident-ups-ne";
    String upsert = API + "/sobjects/Case/Bridge_Key__c/" + key;
    wm.stubFor(patch(urlPathEqualTo(upsert)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + PROBLEM_ID + "\",\"success\":true,\"errors\":[],\"created\":true}")));

    TicketRef ref = sf.create(new NewTicket("UPS delays in the north-east", "Several parcels are late.", true, null, null,
        null, List.of(), "problem", null, Map.of()), key);

    assertThat(ref).isEqualTo(new TicketRef("salesforce", PROBLEM_ID));
    List<LoggedRequest> upserts = wm.findAll(patchRequestedFor(urlPathEqualTo(upsert)));
    assertThat(upserts).hasSize(1);
    JsonNode body = json(upserts.get(0).getBodyAsString());
    // the org's Case Type values are its own: without a types mapping nothing is guessed
    assertThat(body.has("Type")).as("no Type in %s", body).isFalse();
    assertThat(body.has("ParentId")).isFalse();
    assertThat(body.path("Subject").asText()).isEqualTo("UPS delays in the north-east");
  }
}
