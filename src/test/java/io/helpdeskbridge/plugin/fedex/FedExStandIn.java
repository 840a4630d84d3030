package io.helpdeskbridge.plugin.fedex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stand-in of FedEx's OAuth and Track APIs on a WireMock server, speaking their documented shapes
 * (FedEx's Track API OpenAPI, as published on developer.fedex.com): a token is {@code
 * {"access_token","token_type":"bearer","expires_in":3599,"scope":"CXS"}}; a tracking answer is
 * {@code {"transactionId","output":{"completeTrackResults":[{"trackingNumber","trackResults":[...]}]}}};
 * an unknown number is a track result with {@code error.code TRACKING.TRACKINGNUMBER.NOTFOUND};
 * errors are {@code {"transactionId","errors":[{"code","message"}]}}. A request that does not follow
 * the contract (no bearer, not JSON, another body) gets a 400, so a test cannot pass by accident.
 */
public final class FedExStandIn {
  public static final String CLIENT_ID = "l7fedexApiKeyForTests0123456789ab";
  public static final String CLIENT_SECRET = "FedexS3cretForTests9f8e7d6c";
  public static final String TOKEN_PATH = "/oauth/token";
  public static final String TRACK_PATH = "/track/v1/trackingnumbers";

  private final WireMockServer wm;

  public FedExStandIn(WireMockServer wm) {
    this.wm = wm;
    contract();
  }

  /** Resets the whole server's stubs and journal (unit tests own theirs), keeping the contract fallback. */
  public FedExStandIn reset() {
    wm.resetAll();
    contract();
    return this;
  }

  public String base() {
    return wm.baseUrl();
  }

  /** An access token and its lifetime in seconds. */
  public record Token(String value, long expiresIn) {}

  public static Token token(String value, long expiresIn) {
    return new Token(value, expiresIn);
  }

  /** The form FedEx's token endpoint expects. */
  public static String tokenForm() {
    return "grant_type=client_credentials&client_id=" + URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8);
  }

  /** The token endpoint hands out these tokens one after the other, the last one for good. */
  public FedExStandIn tokens(Token... tokens) {
    for (int i = 0; i < tokens.length; i++) {
      ScenarioMappingBuilder token = post(urlPathEqualTo(TOKEN_PATH)).atPriority(1)
          .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
          .withRequestBody(equalTo(tokenForm()))
          .inScenario("fedex-tokens").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "issued-" + i);
      if (i < tokens.length - 1) token = token.willSetStateTo("issued-" + (i + 1));
      wm.stubFor(token.willReturn(okJson("{\"access_token\":\"" + tokens[i].value()
          + "\",\"token_type\":\"bearer\",\"expires_in\":" + tokens[i].expiresIn() + ",\"scope\":\"CXS\"}")));
    }
    return this;
  }

  /** FedEx refuses the API key and secret. */
  public FedExStandIn tokenRefused() {
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(error(401, "NOT.AUTHORIZED.ERROR",
        "The given client credentials were not valid. Please modify your request and try again.")));
    return this;
  }

  /** A tracking answer for {@code number} holding these track results. */
  public FedExStandIn track(String number, String... trackResults) {
    return answer(number, trackAnswer(number, trackResults));
  }

  private static ResponseDefinitionBuilder trackAnswer(String number, String... trackResults) {
    return okJson("""
        {"transactionId":"624deea6-b709-470c-8c39-4b5511281492","customerTransactionId":"any",
         "output":{"completeTrackResults":[{"trackingNumber":"%s","trackResults":[%s]}]}}"""
        .formatted(number, String.join(",", trackResults)));
  }

  /** Answers for {@code number} one after the other (one track result each), the last one for good. */
  public FedExStandIn trackInTurn(String number, String... trackResults) {
    for (int i = 0; i < trackResults.length; i++) {
      ScenarioMappingBuilder call = trackRequest(number).atPriority(2).inScenario("fedex-track-" + number)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answered-" + i);
      if (i < trackResults.length - 1) call = call.willSetStateTo("answered-" + (i + 1));
      wm.stubFor(call.willReturn(trackAnswer(number, trackResults[i])));
    }
    return this;
  }

  /** FedEx's answer for a number it does not know: 200, with the error on the track result. */
  public FedExStandIn unknown(String number) {
    return track(number, """
        {"trackingNumberInfo":{"trackingNumber":"%s","trackingNumberUniqueId":"","carrierCode":""},
         "error":{"code":"TRACKING.TRACKINGNUMBER.NOTFOUND",
          "message":"Tracking number cannot be found. Please correct the tracking number and try again."}}"""
        .formatted(number));
  }

  /** Any answer for {@code number} to a well-formed request. */
  public FedExStandIn answer(String number, ResponseDefinitionBuilder response) {
    wm.stubFor(trackRequest(number).atPriority(2).willReturn(response));
    return this;
  }

  /** This bearer is refused (expired early or revoked) with FedEx's 401. */
  public FedExStandIn refuse(String bearer) {
    wm.stubFor(post(urlPathEqualTo(TRACK_PATH)).atPriority(1).withHeader("Authorization", equalTo("Bearer " + bearer))
        .willReturn(error(401, "NOT.AUTHORIZED.ERROR", "Access token expired. Please modify your request and try again.")));
    return this;
  }

  /** FedEx's error body. */
  public static ResponseDefinitionBuilder error(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"transactionId\":\"624deea6-b709-470c-8c39-4b5511281492\",\"errors\":[{\"code\":\"" + code
            + "\",\"message\":\"" + message + "\"}]}");
  }

  /**
   * A track result as FedEx sends it: the latest status, dates and the scans (newest first).
   *
   * @param dateAndTimes the {@code dateAndTimes} entries, JSON objects
   * @param scans the {@code scanEvents}, JSON objects
   */
  public static String result(String number, String code, String derivedCode, String description, String dateAndTimes,
      String scans) {
    return """
        {"trackingNumberInfo":{"trackingNumber":"%s","trackingNumberUniqueId":"2460425000~%s~FX","carrierCode":"FDXE"},
         "additionalTrackingInfo":{"nickname":"","hasAssociatedShipments":false},
         "latestStatusDetail":{"code":"%s","derivedCode":"%s","statusByLocale":"%s","description":"%s",
          "scanLocation":{"city":"MEMPHIS","stateOrProvinceCode":"TN","countryCode":"US","residential":false,"countryName":"United States"}},
         "dateAndTimes":[%s],"availableImages":[],"specialHandlings":[],
         "packageDetails":{"count":"1","weightAndDimensions":{"weight":[{"value":"1.0","unit":"LB"}]}},
         "serviceDetail":{"type":"FEDEX_GROUND","description":"FedEx Ground","shortDescription":"FG"},
         "scanEvents":[%s]}"""
        .formatted(number, number, code, derivedCode, description, description, dateAndTimes, scans);
  }

  public static String dateAndTime(String type, String dateTime) {
    return "{\"type\":\"" + type + "\",\"dateTime\":\"" + dateTime + "\"}";
  }

  public static String scan(String eventType, String description, String date) {
    return """
        {"date":"%s","eventType":"%s","eventDescription":"%s","exceptionCode":"","exceptionDescription":"",
         "scanLocation":{"city":"MEMPHIS","stateOrProvinceCode":"TN","countryCode":"US","residential":false},
         "locationType":"FEDEX_FACILITY","derivedStatusCode":"IT","derivedStatus":"In transit"}"""
        .formatted(date, eventType, description);
  }

  public List<LoggedRequest> tokenRequests() {
    return wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  public List<LoggedRequest> trackRequests() {
    return wm.findAll(postRequestedFor(urlPathEqualTo(TRACK_PATH)));
  }

  private static MappingBuilder trackRequest(String number) {
    return post(urlPathEqualTo(TRACK_PATH))
        .withHeader("Authorization", matching("Bearer \\S+"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"includeDetailedScans\":true,\"trackingInfo\":[{\"trackingNumberInfo\":"
            + "{\"trackingNumber\":\"" + number + "\"}}]}"));
  }

  /** Whatever breaks the contract is refused loudly, as FedEx would refuse it. */
  private void contract() {
    wm.stubFor(any(urlPathMatching(TOKEN_PATH + "|" + TRACK_PATH)).atPriority(10)
        .willReturn(error(400, "STAND-IN.CONTRACT", "request does not follow the FedEx OAuth/Track API contract")));
  }
}
