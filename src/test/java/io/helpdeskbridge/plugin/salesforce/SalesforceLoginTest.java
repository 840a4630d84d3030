package io.helpdeskbridge.plugin.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.CLIENT_ID;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.CLIENT_SECRET;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth flows other than client credentials, as the token endpoint receives them. */
class SalesforceLoginTest {
  private static WireMockServer wm;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    SalesforceStandIn.stubLogin(wm, "00Dxx!token");
  }

  private static Map<String, String> theLogin() {
    List<LoggedRequest> logins = wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    assertThat(logins).hasSize(1);
    assertThat(logins.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    return SalesforceStandIn.form(logins.get(0).getBodyAsString());
  }

  @Test
  void usernameAndPassword() {
    Map<String, Object> s = SalesforceStandIn.settings(wm);
    s.put("username", "bridge@acme.example");
    s.put("password", "pw-and-security-token");

    try (SalesforceConnection sf = SalesforceStandIn.connect(s)) {
      assertThat(theLogin()).containsEntry("grant_type", "password").containsEntry("client_id", CLIENT_ID)
          .containsEntry("client_secret", CLIENT_SECRET).containsEntry("username", "bridge@acme.example")
          .containsEntry("password", "pw-and-security-token");
      assertThat(sf.describe()).contains("password as bridge@acme.example").doesNotContain("pw-and-security-token");
    }
  }

  @Test
  void refreshToken() {
    Map<String, Object> s = SalesforceStandIn.settings(wm);
    s.remove("client-secret");
    s.put("refresh-token", "5Aep861refresh");

    try (SalesforceConnection sf = SalesforceStandIn.connect(s)) {
      assertThat(theLogin()).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "5Aep861refresh")
          .doesNotContainKey("client_secret");
    }
  }

  @Test
  void jwtBearerSignedWithTheKeyStoresKey(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("bridge.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "bridge", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=helpdesk-bridge",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "ks-secret", "-keypass", "ks-secret")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    Map<String, Object> s = SalesforceStandIn.settings(wm);
    s.remove("client-secret");
    s.put("username", "bridge@acme.example");
    s.put("jwt-keystore", keystore.toString()); // a plain path, as the environment variable gives it
    s.put("jwt-keystore-password", "ks-secret");

    try (SalesforceConnection sf = SalesforceStandIn.connect(s)) {
      Map<String, String> login = theLogin();
      assertThat(login).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").doesNotContainKey("client_secret");
      String[] jwt = login.get("assertion").split("\\.");
      assertThat(jwt).hasSize(3);
      JsonNode header = SalesforceStandIn.json(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8));
      JsonNode claims = SalesforceStandIn.json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
      assertThat(header.path("alg").asText()).isEqualTo("RS256");
      assertThat(claims.path("iss").asText()).isEqualTo(CLIENT_ID);
      assertThat(claims.path("sub").asText()).isEqualTo("bridge@acme.example");
      assertThat(claims.path("aud").asText()).isEqualTo(wm.baseUrl());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        ks.load(in, "ks-secret".toCharArray());
      }
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(ks.getCertificate("bridge").getPublicKey());
      rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
      assertThat(sf.describe()).contains("jwt as bridge@acme.example").doesNotContain("ks-secret");
    }
  }
}
