package io.helpdeskbridge.plugin.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WireMock stand-in of Salesforce's REST API as documented: the OAuth token endpoint (answering
 * {@code access_token}, {@code instance_url} pointing back at the stand-in, {@code id} as an
 * identity URL), {@code /query/}, {@code /composite} and error arrays.
 */
final class SalesforceStandIn {
  static final String API = "/services/data/v62.0";
  static final String TOKEN_PATH = "/services/oauth2/token";
  static final String CLIENT_ID = "3MVG9bridgeConsumerKey";
  static final String CLIENT_SECRET = "sf-client-secret-DO-NOT-LEAK";
  static final String CASE_ID = "500xx000001AbCdAAK";
  static final ObjectMapper JSON = new ObjectMapper();

  private SalesforceStandIn() {}

  /** The token endpoint's answer to a successful login, as Salesforce sends it for client credentials. */
  static ResponseDefinitionBuilder tokenAnswer(WireMockServer wm, String accessToken) {
    String base = wm.baseUrl();
    return okJson("{\"access_token\":\"" + accessToken + "\",\"signature\":\"9PSZcOvEnF5IPh0n1xMfrl4B2vXK5Rze4P+2ajfpGas=\","
        + "\"scope\":\"api\",\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS\","
        + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"api_instance_url\":\"" + base + "\"}");
  }

  /** Login stubs: the token endpoint always hands out {@code accessToken}; revoke answers 200. */
  static void stubLogin(WireMockServer wm, String accessToken) {
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(tokenAnswer(wm, accessToken)));
    wm.stubFor(get(urlPathEqualTo("/services/oauth2/revoke")).willReturn(ok()));
  }

  /** {@code GET /query/?q=<soql>}. */
  static MappingBuilder query(String soql) {
    return get(urlPathEqualTo(API + "/query/")).withQueryParam("q", equalTo(soql));
  }

  static ResponseDefinitionBuilder records(String... records) {
    return okJson("{\"totalSize\":" + records.length + ",\"done\":true,\"records\":[" + String.join(",", records) + "]}");
  }

  static ResponseDefinitionBuilder errorArray(int status, String errorCode, String message, String... fields) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody(errorJson(errorCode, message, fields));
  }

  static String errorJson(String errorCode, String message, String... fields) {
    StringBuilder f = new StringBuilder();
    for (String x : fields) f.append(f.length() == 0 ? "" : ",").append('"').append(x).append('"');
    return "[{\"message\":\"" + message + "\",\"errorCode\":\"" + errorCode + "\",\"fields\":[" + f + "]}]";
  }

  /** A composite answer in which every subrequest succeeded (PATCH 204, POST 201). */
  static String compositeOk(int comments, boolean withUpdate) {
    StringBuilder out = new StringBuilder("{\"compositeResponse\":[");
    boolean first = true;
    if (withUpdate) {
      out.append("{\"body\":null,\"httpHeaders\":{},\"httpStatusCode\":204,\"referenceId\":\"updateCase\"}");
      first = false;
    }
    for (int i = 1; i <= comments; i++) {
      if (!first) out.append(',');
      first = false;
      out.append("{\"body\":{\"id\":\"00axx00000").append(String.format("%08d", i)).append("\",\"success\":true,\"errors\":[]},")
          .append("\"httpHeaders\":{\"Location\":\"").append(API).append("/sobjects/CaseComment/00axx0000").append(i)
          .append("\"},\"httpStatusCode\":201,\"referenceId\":\"comment").append(i).append("\"}");
    }
    return out.append("]}").toString();
  }

  static Map<String, Object> settings(WireMockServer wm) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("login-url", wm.baseUrl());
    s.put("client-id", CLIENT_ID);
    s.put("client-secret", CLIENT_SECRET);
    s.put("api-version", "62.0");
    s.put("tracking-field", "Tracking_Number__c");
    s.put("tags-field", "Bridge_Tags__c");
    s.put("fields", new LinkedHashMap<>(Map.of("order_status", "Order_Status__c")));
    s.put("request-timeout-ms", "5000");
    return s;
  }

  static SalesforceConnection connect(Map<String, Object> settings) {
    return (SalesforceConnection) new SalesforceHelpdesk().connect(
        new ConnectorSettings("salesforce", "salesforce", "connectors/salesforce.yaml", settings), null);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** A form body ({@code a=1&b=2}) as a map. */
  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
