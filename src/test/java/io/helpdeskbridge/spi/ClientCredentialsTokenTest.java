package io.helpdeskbridge.spi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsTokenTest {
  static final String ID = "client-id-1";
  static final String SECRET = "s3cr3t-client-secret";
  final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
  Instant now = Instant.parse("2026-11-25T02:00:00Z");
  final Clock clock = new Clock() {
    public ZoneId getZone() { return ZoneId.of("UTC"); }
    public Clock withZone(ZoneId z) { return this; }
    public Instant instant() { return now; }
  };

  @BeforeEach
  void start() {
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  ClientCredentialsToken token(ClientCredentialsToken.Style style) {
    return new ClientCredentialsToken(HttpClient.newHttpClient(), URI.create(server.baseUrl() + "/oauth/token"), ID, SECRET,
        style, Map.of(), clock);
  }

  void answers(String accessToken, String expiresIn) {
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"token_type\":\"Bearer\",\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresIn + "}")));
  }

  @Test
  void aTokenIsFetchedOnceAndReusedUntilAMinuteBeforeItExpires() throws Exception {
    ClientCredentialsToken t = token(ClientCredentialsToken.Style.BASIC_HEADER);
    answers("tok-1", "\"14399\"");  // UPS sends the number as a string
    assertThat(t.get(Duration.ofSeconds(2))).isEqualTo("tok-1");
    now = now.plusSeconds(14399 - 61);
    assertThat(t.get(Duration.ofSeconds(2))).isEqualTo("tok-1");
    server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withHeader("Authorization", equalTo("Basic Y2xpZW50LWlkLTE6czNjcjN0LWNsaWVudC1zZWNyZXQ="))
        .withRequestBody(equalTo("grant_type=client_credentials")));

    answers("tok-2", "3600");
    now = now.plusSeconds(2);
    assertThat(t.get(Duration.ofSeconds(2))).isEqualTo("tok-2");
    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }

  @Test
  void invalidatingForcesANewToken() throws Exception {
    ClientCredentialsToken t = token(ClientCredentialsToken.Style.FORM_BODY);
    answers("tok-1", "3600");
    t.get(Duration.ofSeconds(2));
    t.invalidate();
    t.get(Duration.ofSeconds(2));
    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("grant_type=client_credentials&client_id=client-id-1&client_secret=s3cr3t-client-secret")));
  }

  @Test
  void theJsonStyleSendsTheCredentialsAsJson() throws Exception {
    answers("tok-1", "28800");
    token(ClientCredentialsToken.Style.JSON_BODY).get(Duration.ofSeconds(2));
    server.verify(postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"grant_type\":\"client_credentials\",\"client_id\":\"client-id-1\",\"client_secret\":\"s3cr3t-client-secret\"}")));
  }

  @Test
  void aRefusalNamesTheEndpointAndStatusButNoSecret() {
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":\"invalid_client\",\"client_secret\":\"" + SECRET + "\"}")));
    assertThatThrownBy(() -> token(ClientCredentialsToken.Style.BASIC_HEADER).get(Duration.ofSeconds(2)))
        .hasMessage("the token endpoint /oauth/token answered 401 (client id or secret refused)")
        .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
  }

  @Test
  void aRateLimitedTokenEndpointIsARateLimitWithItsRetryAfter() {
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));
    assertThatThrownBy(() -> token(ClientCredentialsToken.Style.FORM_BODY).get(Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(Lookup.RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
  }

  @Test
  void anAnswerWithoutATokenIsAnError() {
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200).withBody("{}")));
    assertThatThrownBy(() -> token(ClientCredentialsToken.Style.FORM_BODY).get(Duration.ofSeconds(2)))
        .hasMessage("the token endpoint /oauth/token answered without an access_token");
  }

  @Test
  void aCallRefusedWith401GetsOneFreshTokenAndOneMoreTry() throws Exception {
    ClientCredentialsToken t = token(ClientCredentialsToken.Style.FORM_BODY);
    answers("tok-1", "3600");
    java.util.List<String> sentWith = new java.util.ArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api").willReturn(aResponse().withStatus(401)));
    java.net.http.HttpResponse<String> r = t.call(Duration.ofSeconds(2), token -> {
      sentWith.add(token);
      try {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api"))
            .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        throw new java.io.IOException(e);
      }
    });
    assertThat(r.statusCode()).as("the second answer, whatever it is").isEqualTo(401);
    assertThat(sentWith).hasSize(2);
    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }
}
