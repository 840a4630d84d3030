package io.helpdeskbridge.plugin.freshdesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Freshdesk has no problem/incident link: the parts are dropped, said once per connector. */
class FreshdeskLinksTest {
  private static final String MARKER = "[helpdesk-bridge easypost/evt_9 shipment-exception]";
  private static final TicketRef TICKET = new TicketRef("freshdesk", "4242");

  private final FreshdeskStub stub = new FreshdeskStub();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(FreshdeskConnection.class);

  @BeforeEach
  void listen() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(log);
    stub.close();
  }

  private long warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("problem")).count();
  }

  @Test
  void aLinkAloneSendsNothingAndIsWarnedOfOnceNamingTheConnector() throws Exception {
    FreshdeskConnection fd = stub.connect();

    fd.apply(TICKET, TicketChange.incidentOf("501"), MARKER);
    fd.apply(new TicketRef("freshdesk", "4243"), TicketChange.incidentOf("502"), MARKER);

    assertThat(stub.calls()).isEmpty();
    assertThat(warnings()).isEqualTo(1);
    assertThat(log.list.get(0).getFormattedMessage()).contains("Freshdesk connector 'freshdesk'").contains("4242");
  }

  @Test
  void theRestOfTheChangeIsStillWritten() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":9001,\"private\":true,\"ticket_id\":4242}")));

    stub.connect().apply(TICKET, new TicketChange("Part of a carrier incident.", false, null, null, null, null, null,
        "incident", "501"), MARKER);

    assertThat(stub.calls()).containsExactly("POST /api/v2/tickets/4242/notes");
    assertThat(stub.requests().get(0).getBodyAsString()).doesNotContain("incident\"").doesNotContain("501");
    assertThat(warnings()).isEqualTo(1);
  }

  @Test
  void aChangeWithoutALinkWarnsOfNothing() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":9002}")));

    stub.connect().apply(TICKET, new TicketChange("Refund issued.", false, null, null, null, null, null), MARKER);

    assertThat(warnings()).isZero();
  }
}
