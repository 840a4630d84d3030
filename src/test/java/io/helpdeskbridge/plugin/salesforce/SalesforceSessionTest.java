package io.helpdeskbridge.plugin.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.API;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.CASE_ID;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.TOKEN_PATH;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.compositeOk;
import static io.helpdeskbridge.plugin.salesforce.SalesforceStandIn.errorArray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Session expiry in the middle of a run: Salesforce answers {@code 401 INVALID_SESSION_ID} once,
 * camel-salesforce logs in again (once) and replays the call, and the change lands exactly once.
 * Each test opens its own connection, since the tokens handed out are part of what is tested.
 */
class SalesforceSessionTest {
  private static final String OLD = "00Dxx!old-session-token";
  private static final String NEW = "00Dxx!new-session-token";
  private static final String MARKER = "[helpdesk-bridge shopify/1 order-cancelled]";
  private static final TicketRef CASE = new TicketRef("salesforce", CASE_ID);

  private WireMockServer wm;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger camelSalesforce = (Logger) LoggerFactory.getLogger("org.apache.camel.component.salesforce");
  private Level camelLevel;

  @BeforeEach
  void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
    // the first login hands out OLD, every later one NEW
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("login").whenScenarioStateIs("Started")
        .willReturn(SalesforceStandIn.tokenAnswer(wm, OLD)).willSetStateTo("logged in"));
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("login").whenScenarioStateIs("logged in")
        .willReturn(SalesforceStandIn.tokenAnswer(wm, NEW)));
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/services/oauth2/revoke"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));
    log.start();
    root.addAppender(log);
    // debug for the component, to prove it logs no secret even then
    camelLevel = camelSalesforce.getLevel();
    camelSalesforce.setLevel(Level.DEBUG);
  }

  @AfterEach
  void stop() {
    root.detachAppender(log);
    camelSalesforce.setLevel(camelLevel);
    wm.stop();
  }

  private List<LoggedRequest> logins() {
    return wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  private List<LoggedRequest> composites() {
    return wm.findAll(postRequestedFor(urlPathEqualTo(API + "/composite")));
  }

  @Test
  void anExpiredSessionLogsInOnceAndTheChangeIsAppliedOnce() throws Exception {
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).withHeader("Authorization", equalTo("Bearer " + OLD))
        .willReturn(errorArray(401, "INVALID_SESSION_ID", "Session expired or invalid")));
    wm.stubFor(post(urlPathEqualTo(API + "/composite")).withHeader("Authorization", equalTo("Bearer " + NEW))
        .willReturn(okJson(compositeOk(1, false))));

    try (SalesforceConnection sf = SalesforceStandIn.connect(SalesforceStandIn.settings(wm))) {
      assertThat(logins()).hasSize(1);

      sf.apply(CASE, new TicketChange("Order cancelled.", false, null, null, null, null, null), MARKER);

      // one re-login, sent to the instance_url the first login gave (the stand-in itself)
      assertThat(logins()).hasSize(2);
      assertThat(SalesforceStandIn.form(logins().get(1).getBodyAsString())).containsEntry("grant_type", "client_credentials");
      List<LoggedRequest> sent = composites();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(0).header("Authorization").values()).containsExactly("Bearer " + OLD);
      assertThat(sent.get(1).header("Authorization").values()).containsExactly("Bearer " + NEW);
      // the replay is the same request: the note is written once, by the one call that succeeded
      assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
      assertThat(SalesforceStandIn.json(sent.get(1).getBodyAsString()).path("compositeRequest")).hasSize(1);

      // the next call goes straight out with the new session
      sf.apply(CASE, new TicketChange("Second note.", false, null, null, null, null, null), MARKER);
      assertThat(logins()).hasSize(2);
      assertThat(composites()).hasSize(3);
      assertThat(composites().get(2).header("Authorization").values()).containsExactly("Bearer " + NEW);
    }
    assertNoSecretLogged();
  }

  @Test
  void aSessionThatStaysInvalidIsReloggedOnlyOnceThenRetryable() {
    wm.stubFor(post(urlPathEqualTo(API + "/composite"))
        .willReturn(errorArray(401, "INVALID_SESSION_ID", "Session expired or invalid")));

    try (SalesforceConnection sf = SalesforceStandIn.connect(SalesforceStandIn.settings(wm))) {
      HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
          () -> sf.apply(CASE, new TicketChange("note", false, null, null, null, null, null), MARKER));

      assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).contains("401").contains("refused again after a fresh login").doesNotContain(OLD).doesNotContain(NEW);
      assertThat(logins()).hasSize(2);
      assertThat(composites()).hasSize(2);
    }
    assertNoSecretLogged();
  }

  @Test
  void refusedCredentialsStopTheConnectionWithSalesforcesReason() {
    wm.resetAll();
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));

    IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
        () -> SalesforceStandIn.connect(SalesforceStandIn.settings(wm)));

    assertThat(e.getMessage()).startsWith("connectors/salesforce.yaml: connector 'salesforce': Salesforce login at " + wm.baseUrl())
        .contains("invalid_client").contains("invalid client credentials").doesNotContain(SalesforceStandIn.CLIENT_SECRET);
    assertNoSecretLogged();
  }

  private void assertNoSecretLogged() {
    assertThat(log.list).isNotEmpty();
    for (ILoggingEvent event : log.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain(SalesforceStandIn.CLIENT_SECRET).doesNotContain(OLD).doesNotContain(NEW);
    }
  }
}
