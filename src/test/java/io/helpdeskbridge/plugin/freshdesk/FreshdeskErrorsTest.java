package io.helpdeskbridge.plugin.freshdesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import io.helpdeskbridge.spi.HelpdeskConnection.Lookup;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.HelpdeskException.Kind;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How Freshdesk's answers become retry decisions, and that the API key never shows in them. */
class FreshdeskErrorsTest {
  private static final TicketRef TICKET = new TicketRef("freshdesk", "4242");
  private static final String MARKER = "[helpdesk-bridge stripe/evt_1 refund-issued]";
  private static final TicketChange NOTE = new TicketChange("Refund issued.", false, null, null, null, null, null);

  private final FreshdeskStub stub = new FreshdeskStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  private HelpdeskException noteFails() {
    HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> stub.connect().apply(TICKET, NOTE, MARKER));
    assertThat(e).as("the call should have failed").isNotNull();
    assertKeyAbsent(e);
    return e;
  }

  private static void assertKeyAbsent(HelpdeskException e) {
    assertThat(e.getMessage()).doesNotContain(FreshdeskStub.API_KEY)
        .doesNotContain(FreshdeskStub.AUTHORIZATION.substring("Basic ".length()));
    assertThat(String.valueOf(e)).doesNotContain(FreshdeskStub.API_KEY);
  }

  @Test
  void rateLimitedIsRetryableAfterFreshdesksRetryAfter() {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "37").withHeader("X-RateLimit-Total", "200").withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Used-CurrentRequest", "1")));

    HelpdeskException e = noteFails();

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(37));
    assertThat(e.getMessage()).startsWith("add note to ticket 4242: Freshdesk 429").contains("retry after 37 s");
  }

  @Test
  void rateLimitedWithoutRetryAfterIsStillRetryable() {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes")).willReturn(aResponse().withStatus(429)));

    HelpdeskException e = noteFails();

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  void serverErrorsAreRetryable() {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes")).willReturn(aResponse().withStatus(502)
        .withBody("<html>Bad Gateway</html>")));

    HelpdeskException e = noteFails();

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).isEqualTo("add note to ticket 4242: Freshdesk 502: <html>Bad Gateway</html>");
  }

  @Test
  void aValidationErrorIsPermanentAndSaysWhichFieldAndWhy() {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/4242"))
        .willReturn(okJson(FreshdeskStub.ticket(4242, 2, "2026-11-20T10:00:00Z"))));
    stub.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/4242"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"cf_order_status\","
                + "\"message\":\"It should be one of these values: 'open,refunded'\",\"code\":\"invalid_value\"}]}")));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> stub.connect().apply(TICKET,
        new TicketChange(null, false, null, null, Map.of("order_status", "cancelled"), null, null), MARKER));

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("update ticket 4242: Freshdesk 400: Validation failed; "
        + "cf_order_status: It should be one of these values: 'open,refunded' (invalid_value)");
    assertKeyAbsent(e);
  }

  @Test
  void aMissingTicketIsPermanent404() {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes")).willReturn(aResponse().withStatus(404)));

    HelpdeskException e = noteFails();

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.getMessage()).isEqualTo("add note to ticket 4242: Freshdesk 404");
  }

  @Test
  void badCredentialsArePermanentAndTheKeyIsCutOutEvenWhenEchoed() {
    // an answer that (improbably) echoes what we sent: the key and the Basic credentials
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":\"invalid_credentials\",\"message\":\"You have to be logged in to perform this action. (key "
            + FreshdeskStub.API_KEY + ", header " + FreshdeskStub.AUTHORIZATION + ")\"}")));

    HelpdeskException e = noteFails();

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("You have to be logged in").contains("(invalid_credentials)").contains("[redacted]");
  }

  @Test
  void forbiddenIsPermanent() {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/search/tickets")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":\"access_denied\",\"message\":\"You are not authorized to perform this action.\"}")));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> stub.connect().find(new Lookup("field:order_id", "1001")));

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).isEqualTo("find field:order_id=1001: Freshdesk 403: "
        + "You are not authorized to perform this action. (access_denied)");
    assertKeyAbsent(e);
  }

  @Test
  void aDroppedConnectionIsRetryable() {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    HelpdeskException e = noteFails();

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).startsWith("add note to ticket 4242: Freshdesk unreachable");
  }

  @Test
  void aTimeoutIsRetryable() {
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets/4242/notes"))
        .willReturn(aResponse().withStatus(201).withFixedDelay(2_000)));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> stub.connect(Map.of("request-timeout-ms", "200")).apply(TICKET, NOTE, MARKER));

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).startsWith("add note to ticket 4242: Freshdesk timed out");
    assertKeyAbsent(e);
  }

  @Test
  void aRefusedConnectionIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    FreshdeskConnection fd = stub.connect(Map.of("url", "http://127.0.0.1:" + closedPort));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
        () -> fd.create(new NewTicket("s", "d", false, "a@example.com", null, null, List.of(), null, null, null), "hdb-1"));

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.getMessage()).startsWith("look for an earlier create: Freshdesk unreachable");
    assertKeyAbsent(e);
  }

  @Test
  void aCreateFailingValidationIsPermanent() {
    stub.server.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(okJson("[]")));
    stub.server.stubFor(post(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"cf_order_number\","
            + "\"message\":\"Unexpected/invalid field in request\",\"code\":\"invalid_field\"}]}")));

    HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> stub.connect()
        .create(new NewTicket("s", "d", false, "a@example.com", "1001", null, List.of(), null, null, null), "hdb-1"));

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).isEqualTo("create ticket: Freshdesk 400: Validation failed; "
        + "cf_order_number: Unexpected/invalid field in request (invalid_field)");
  }

  @Test
  void retryAfterAlsoReadsAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    assertThat(io.helpdeskbridge.spi.RetryAfter.parse("Tue, 24 Nov 2026 10:01:30 GMT", clock)).isEqualTo(Duration.ofSeconds(90));
    assertThat(io.helpdeskbridge.spi.RetryAfter.parse("12", clock)).isEqualTo(Duration.ofSeconds(12));
    assertThat(io.helpdeskbridge.spi.RetryAfter.parse("soon", clock)).isNull();
    assertThat(io.helpdeskbridge.spi.RetryAfter.parse(null, clock)).isNull();
  }

  @Test
  void everyStubbedFailureNamedTheCallNotTheCredentials() {
    stub.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("oops")));
    FreshdeskConnection fd = stub.connect();

    List<HelpdeskException> failures = List.of(
        catchThrowableOfType(HelpdeskException.class, () -> fd.find(new Lookup("field:order_id", "1001"))),
        catchThrowableOfType(HelpdeskException.class, () -> fd.hasMarker(TICKET, MARKER)),
        catchThrowableOfType(HelpdeskException.class, () -> fd.apply(TICKET, NOTE, MARKER)),
        catchThrowableOfType(HelpdeskException.class,
            () -> fd.create(new NewTicket("s", "d", false, "a@example.com", null, null, List.of(), null, null, null), "hdb-1")));

    assertThat(failures).allSatisfy(e -> {
      assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
      assertThat(e.getMessage()).endsWith("Freshdesk 500: oops");
      assertKeyAbsent(e);
    });
  }
}
