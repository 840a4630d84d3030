package io.helpdeskbridge.plugin.ups;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A stand-in of UPS's OAuth and Track APIs on a WireMock server, speaking their documented shapes
 * (UPS-API/api-documentation: OAuthClientCredentials.yaml, Tracking.yaml) and the ones seen in real
 * answers: a token is {@code {"token_type":"Bearer","access_token",...,"expires_in":"14399"}}
 * (seconds as a string); a tracked package has {@code currentStatus} with a three-digit {@code code},
 * activities with {@code date}/{@code time}/{@code gmtOffset}; errors are {@code
 * {"response":{"errors":[{"code","message"}]}}}. A request that does not follow the contract (no
 * bearer, no transId or transactionSrc, another path) gets a 400, so a test cannot pass by accident.
 */
public final class UpsStandIn {
  public static final String CLIENT_ID = "uPsCl1entIdForTests0123456789abcdefABCDEF";
  public static final String CLIENT_SECRET = "UpsS3cretForTests-Zx81Qm2Lw7Ve";
  public static final String TRANSACTION_SRC = "helpdesk-bridge";
  public static final String TOKEN_PATH = "/security/v1/oauth/token";
  public static final String TRACK_PATH = "/api/track/v1/details/";

  private final WireMockServer wm;

  public UpsStandIn(WireMockServer wm) {
    this.wm = wm;
    contract();
  }

  /** Resets the whole server's stubs and journal (unit tests own theirs), keeping the contract fallback. */
  public UpsStandIn reset() {
    wm.resetAll();
    contract();
    return this;
  }

  public String base() {
    return wm.baseUrl();
  }

  public static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
  }

  /** An access token and its lifetime in seconds. */
  public record Token(String value, long expiresIn) {}

  public static Token token(String value, long expiresIn) {
    return new Token(value, expiresIn);
  }

  /** The token endpoint hands out these tokens one after the other, the last one for good. */
  public UpsStandIn tokens(Token... tokens) {
    for (int i = 0; i < tokens.length; i++) {
      ScenarioMappingBuilder token = post(urlPathEqualTo(TOKEN_PATH)).atPriority(1)
          .withHeader("Authorization", equalTo(basic()))
          .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
          .withRequestBody(equalTo("grant_type=client_credentials"))
          .inScenario("ups-tokens").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "issued-" + i);
      if (i < tokens.length - 1) token = token.willSetStateTo("issued-" + (i + 1));
      wm.stubFor(token.willReturn(okJson("""
          {"token_type":"Bearer","issued_at":"1795564800000","client_id":"%s","access_token":"%s",
           "expires_in":"%d","refresh_count":"0","status":"approved"}"""
          .formatted(CLIENT_ID, tokens[i].value(), tokens[i].expiresIn()))));
    }
    return this;
  }

  /** UPS refuses the client credentials. */
  public UpsStandIn tokenRefused() {
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(error(401, "10401", "ClientId is Invalid")));
    return this;
  }

  /** A tracking answer for {@code inquiryNumber} holding {@code packageJson}, to any bearer the contract allows. */
  public UpsStandIn track(String inquiryNumber, String packageJson) {
    return answer(inquiryNumber, okJson("""
        {"trackResponse":{"shipment":[{"inquiryNumber":"%s","shipmentType":"S","package":[%s],
          "userRelation":[]}]}}""".formatted(inquiryNumber, packageJson)));
  }

  /** Any answer for {@code inquiryNumber} to a well-formed request. */
  public UpsStandIn answer(String inquiryNumber, ResponseDefinitionBuilder response) {
    wm.stubFor(trackRequest(inquiryNumber).atPriority(2).willReturn(response));
    return this;
  }

  /** This bearer is refused (revoked or expired early) with UPS's 401. */
  public UpsStandIn refuse(String bearer) {
    wm.stubFor(get(urlPathMatching(TRACK_PATH + ".*")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + bearer))
        .willReturn(error(401, "250002", "Invalid Authentication Information.")));
    return this;
  }

  /** UPS's error body. */
  public static ResponseDefinitionBuilder error(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"response\":{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}}");
  }

  /** A package: current status (type may be null, as UPS often leaves it out), a scheduled day, one activity. */
  public static String pkg(String trackingNumber, String type, String code, String description, String scheduledDay,
      String activityJson) {
    return """
        {"trackingNumber":"%s","deliveryDate":[{"type":"SDD","date":"%s"}],
         "deliveryTime":{"type":"EOD","endTime":"235900"},"activity":[%s],
         "currentStatus":{%s"code":"%s","description":"%s"},
         "service":{"code":"003","levelCode":"003","description":"UPS Ground"},"packageCount":1}"""
        .formatted(trackingNumber, scheduledDay, activityJson, type == null ? "" : "\"type\":\"" + type + "\",", code,
            description);
  }

  /** One activity as UPS writes it: local date and time, the offset, and the same moment in GMT. */
  public static String activity(String type, String scanCode, String statusCode, String description, String date,
      String time, String offset, String gmtTime) {
    return """
        {"location":{"address":{"city":"LOUISVILLE","stateProvince":"KY","countryCode":"US","country":"US"},"slic":"4021"},
         "status":{"type":"%s","description":"%s","code":"%s","statusCode":"%s"},
         "date":"%s","time":"%s","gmtDate":"%s","gmtOffset":"%s","gmtTime":"%s"}"""
        .formatted(type, description, scanCode, statusCode, date, time, date, offset, gmtTime);
  }

  public List<LoggedRequest> tokenRequests() {
    return wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  public List<LoggedRequest> trackRequests() {
    return wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathMatching(TRACK_PATH + ".*")));
  }

  private static MappingBuilder trackRequest(String inquiryNumber) {
    return get(urlPathEqualTo(TRACK_PATH + inquiryNumber))
        .withHeader("Authorization", matching("Bearer \\S+"))
        .withHeader("transId", matching("[0-9a-f]{32}"))
        .withHeader("transactionSrc", matching(".+"))
        .withQueryParam("locale", matching("[a-z]{2}_[A-Z]{2}"));
  }

  /** Whatever breaks the contract is refused loudly, as UPS would refuse it. */
  private void contract() {
    wm.stubFor(any(urlPathMatching(TOKEN_PATH + "|" + TRACK_PATH + ".*")).atPriority(10)
        .willReturn(error(400, "STAND-IN", "request does not follow the UPS OAuth/Track API contract")));
  }
}
