package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.helpdeskbridge.incident.CarrierIncidents;
import io.helpdeskbridge.refund.RefundLedger;
import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.StoreTestSupport;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The night of 14 to 15 March 2026 in Paris (UTC+1): a known set of deliveries, audit lines,
 * refunds, incidents and exceptions, some just inside and some just outside 22:00 to 06:00, and
 * every number of the report checked against it.
 */
class ShiftReportQueryTest extends StoreTestSupport {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** When the morning team asks: 09:00 in Paris. */
  private static final Instant NOW = Instant.parse("2026-03-15T08:00:00Z");

  private final Map<String, Long> ids = new HashMap<>();

  @BeforeEach
  void theNight() throws SQLException {
    // deliveries: source, event id, status, received, last error, last attempt, finished
    inbox("stripe", "e1", "done", "2026-03-14T21:05:00Z", null, "2026-03-14T21:05:01Z", "2026-03-14T21:05:01Z");
    inbox("stripe", "e2", "done", "2026-03-14T21:40:00Z", null, "2026-03-14T21:40:01Z", "2026-03-14T21:40:01Z");
    inbox("stripe", "e3", "dead", "2026-03-14T22:10:00Z",
        "TicketWriteFailed: zendesk: update ticket 42: Zendesk 422 Unprocessable Entity (delivery 3 of 20)",
        "2026-03-14T22:30:00Z", "2026-03-14T22:30:00Z");
    inbox("stripe", "e4", "dead", "2026-03-15T04:00:00Z",
        "TicketWriteFailed: freshdesk: Freshdesk 400 Bad Request: 4242424242424242 rejected (after 5 attempts)",
        "2026-03-15T04:10:00Z", "2026-03-15T04:10:00Z");
    inbox("shopify", "s1", "ignored", "2026-03-14T23:00:00Z", null, null, "2026-03-14T23:00:00Z");
    inbox("shopify", "s2", "received", "2026-03-15T02:30:00Z",
        "TicketWriteFailed: zendesk: update ticket 7: Zendesk 429 rate limited (after 5 attempts)", "2026-03-15T02:31:00Z", null);
    inbox("shopify", "s3", "received", "2026-03-15T03:00:00Z", "zendesk budget of 400 requests/minute used up: waiting 12 s",
        null, null);
    inbox("signifyd", "g1", "dead", "2026-03-15T01:00:00Z", "IllegalStateException: source 'signifyd' is no longer enabled",
        "2026-03-15T01:05:00Z", "2026-03-15T01:05:00Z");
    inbox("easypost", "p1", "done", "2026-03-15T04:59:59Z", null, "2026-03-15T04:59:59Z", "2026-03-15T04:59:59Z");
    // outside: a second before 22:00, exactly 06:00 (the end is not in), and a dead letter of the day before
    inbox("aftership", "a1", "done", "2026-03-14T20:59:59Z", null, "2026-03-14T20:59:59Z", "2026-03-14T20:59:59Z");
    inbox("easypost", "p2", "received", "2026-03-15T05:00:00Z", "TicketWriteFailed: zendesk: Zendesk 503 (after 5 attempts)",
        "2026-03-15T05:00:00Z", null);
    inbox("signifyd", "g0", "dead", "2026-03-13T10:00:00Z",
        "IllegalStateException: source 'signifyd' is no longer enabled (delivery 2 of 20)", "2026-03-13T10:00:00Z",
        "2026-03-13T10:00:00Z");

    // what the events did to tickets
    audit("stripe", "e1", "RefundIssued", "zendesk", "42", "applied", "2026-03-14T21:05:01Z");
    audit("stripe", "e2", "RefundIssued", "zendesk", "42", "applied", "2026-03-14T21:40:01Z");
    audit("easypost", "p1", "ShipmentException", "zendesk", "43", "created", "2026-03-15T04:59:59Z");
    audit("easypost", "p1", "ShipmentException", "zendesk", "43", "applied", "2026-03-15T04:59:59Z");
    audit("shopify", "s1", "OrderCancelled", "zendesk", null, "skipped", "2026-03-14T23:00:00Z");
    audit("signifyd", "g9", "FraudFlagged", "freshdesk", "9", "applied", "2026-03-15T01:30:00Z");
    audit("aftership", "a1", "ShipmentDelivered", "zendesk", "44", "applied", "2026-03-14T20:59:59Z");

    // refunds agents asked for
    RefundLedger ledger = new RefundLedger(store.dataSource());
    refund(ledger, "k1", 2500, "USD", RefundLedger.Status.ISSUED, "2026-03-14T23:00:00Z");
    refund(ledger, "k2", 1000, "USD", RefundLedger.Status.ISSUED, "2026-03-15T01:00:00Z");
    refund(ledger, "k3", 900, "EUR", RefundLedger.Status.ISSUED, "2026-03-15T02:00:00Z");
    refund(ledger, "k4", 700, "USD", RefundLedger.Status.FAILED, "2026-03-15T03:00:00Z");
    refund(ledger, "k5", 5000, "USD", RefundLedger.Status.REFUSED, "2026-03-15T03:30:00Z");
    refund(ledger, "k6", 100, "USD", null, "2026-03-15T04:00:00Z");
    refund(ledger, "k7", 9999, "USD", RefundLedger.Status.ISSUED, "2026-03-14T20:00:00Z");

    // carrier incidents and the exceptions behind them
    CarrierIncidents incidents = new CarrierIncidents(store.dataSource());
    long ups = incidents.openNew("UPS", "zendesk", Instant.parse("2026-03-15T00:10:00Z")).orElseThrow();
    incidents.problemCreated(ups, "900");
    incidents.join(ups, "42", Instant.parse("2026-03-15T00:10:00Z"));
    incidents.join(ups, "43", Instant.parse("2026-03-15T00:11:00Z"));
    incidents.join(ups, "44", Instant.parse("2026-03-15T00:12:00Z"));
    long dhl = incidents.openNew("DHL / FR-75", "zendesk", Instant.parse("2026-03-15T02:00:00Z")).orElseThrow();
    incidents.close(dhl);
    incidents.close(incidents.openNew("FEDEX", "zendesk", Instant.parse("2026-03-14T12:00:00Z")).orElseThrow());
    incidents.seen("UPS", "zendesk", "42", "easypost/x1", Instant.parse("2026-03-14T23:50:00Z"));
    incidents.seen("UPS", "zendesk", "43", "easypost/x2", Instant.parse("2026-03-15T00:05:00Z"));
    incidents.seen("UPS", "zendesk", "43", "easypost/x3", Instant.parse("2026-03-15T00:09:00Z"));
    incidents.seen("UPS", "zendesk", "40", "easypost/x0", Instant.parse("2026-03-14T20:00:00Z"));
    incidents.seen("DHL / FR-75", "zendesk", "50", "aftership/y1", Instant.parse("2026-03-15T01:59:00Z"));
    incidents.seen("FEDEX", "zendesk", "60", "aftership/z1", Instant.parse("2026-03-14T12:00:00Z"));
  }

  private ShiftReport night() {
    ReportPeriod period = ReportPeriod.resolve(ReportPeriod.parse("22:00"), ReportPeriod.parse("06:00"), PARIS, NOW);
    return new ShiftReportQuery(store.dataSource()).build(period, NOW);
  }

  @Test
  void theNightIsTenPmToSixAmParisTime() {
    ShiftReport r = night();

    assertThat(r.period().since()).isEqualTo(Instant.parse("2026-03-14T21:00:00Z"));
    assertThat(r.period().until()).isEqualTo(Instant.parse("2026-03-15T05:00:00Z"));
    assertThat(r.generatedAt()).isEqualTo(NOW);
  }

  @Test
  void deliveriesAreCountedPerSourceByWhatBecameOfThem() {
    ShiftReport r = night();

    assertThat(r.sources()).containsExactly(
        new ShiftReport.SourceCount("stripe", 4, 2, 0, 2, 0),
        new ShiftReport.SourceCount("shopify", 3, 0, 1, 0, 2),
        new ShiftReport.SourceCount("easypost", 1, 1, 0, 0, 0),
        new ShiftReport.SourceCount("signifyd", 1, 0, 0, 1, 0));
    assertThat(r.received()).isEqualTo(9);
  }

  @Test
  void eventsAreCountedOncePerCanonicalTypeAndTicketsOncePerHelpdesk() {
    ShiftReport r = night();

    assertThat(r.eventTypes()).containsExactly(
        new ShiftReport.TypeCount("RefundIssued", 2, 2),
        new ShiftReport.TypeCount("FraudFlagged", 1, 1),
        new ShiftReport.TypeCount("OrderCancelled", 1, 0),
        new ShiftReport.TypeCount("ShipmentException", 1, 1));
    assertThat(r.events()).isEqualTo(5);
    assertThat(r.tickets()).containsExactly(
        new ShiftReport.HelpdeskTickets("freshdesk", 1, 0),
        new ShiftReport.HelpdeskTickets("zendesk", 2, 1));
    assertThat(r.ticketsTouched()).isEqualTo(3);
    assertThat(r.ticketsCreated()).isEqualTo(1);
  }

  @Test
  void newProblemTicketsAreTheIncidentsOpenedInTheNight() {
    ShiftReport r = night();

    assertThat(r.problems()).containsExactly(
        new ShiftReport.ProblemTicket("UPS", "zendesk", "900", Instant.parse("2026-03-15T00:10:00Z"), 3, true),
        new ShiftReport.ProblemTicket("DHL / FR-75", "zendesk", null, Instant.parse("2026-03-15T02:00:00Z"), 0, false));
  }

  @Test
  void refundsAreSummedPerOutcomeAndCurrency() {
    ShiftReport r = night();

    assertThat(r.refunds()).containsExactly(
        new ShiftReport.RefundLine("issued", "EUR", 1, 900),
        new ShiftReport.RefundLine("issued", "USD", 2, 3500),
        new ShiftReport.RefundLine("failed", "USD", 1, 700),
        new ShiftReport.RefundLine("refused", "USD", 1, 5000),
        new ShiftReport.RefundLine("pending", "USD", 1, 100));
    assertThat(r.refundCount("issued")).isEqualTo(3);
    assertThat(r.refundAmounts("issued")).isEqualTo("9.00 EUR, 35.00 USD");
  }

  @Test
  void deadLettersOpenAreAllOfThemWithThoseOfTheNightAndTheCommonestErrorsMasked() {
    ShiftReport.DeadLetters dead = night().dead();

    assertThat(dead.open()).isEqualTo(4);
    assertThat(dead.newInPeriod()).isEqualTo(3);
    assertThat(dead.bySource()).containsExactly(
        new ShiftReport.SourceDead("signifyd", 2, 1),
        new ShiftReport.SourceDead("stripe", 2, 2));
    assertThat(dead.topErrors()).containsExactly(
        new ShiftReport.ErrorCount("source 'signifyd' is no longer enabled", 2),
        new ShiftReport.ErrorCount("freshdesk: Freshdesk 400 Bad Request: [card •••• 4242] rejected", 1),
        new ShiftReport.ErrorCount("zendesk: update ticket 42: Zendesk 422 Unprocessable Entity", 1));
  }

  @Test
  void topCarriersCountTheNightsExceptionsAndTheirTickets() {
    assertThat(night().carriers()).containsExactly(
        new ShiftReport.CarrierCount("UPS", 3, 2),
        new ShiftReport.CarrierCount("DHL / FR-75", 1, 1));
  }

  @Test
  void helpdeskErrorsAreTheWaitingAndDeadEventsWhoseErrorNamesTheHelpdesk() {
    ShiftReport r = night();

    assertThat(r.helpdeskErrors())
        .extracting(ShiftReport.HelpdeskErrors::helpdesk, ShiftReport.HelpdeskErrors::events, ShiftReport.HelpdeskErrors::dead,
            ShiftReport.HelpdeskErrors::waiting, ShiftReport.HelpdeskErrors::rateLimited)
        .containsExactly(tuple("zendesk", 3L, 1L, 2L, 2L), tuple("freshdesk", 1L, 1L, 0L, 0L));
    assertThat(r.helpdeskErrors().get(0).topErrors()).extracting(ShiftReport.ErrorCount::error).containsExactly(
        "zendesk budget of 400 requests/minute used up: waiting 12 s",
        "zendesk: update ticket 42: Zendesk 422 Unprocessable Entity",
        "zendesk: update ticket 7: Zendesk 429 rate limited");
    assertThat(r.helpdeskErrorEvents()).isEqualTo(4);
  }

  @Test
  void theChartHasOneBucketPerParisHourFromTenToSix() {
    ShiftReport r = night();

    assertThat(r.hourly()).extracting(ShiftReport.Bucket::label, ShiftReport.Bucket::events).containsExactly(
        tuple("22:00", 2L), tuple("23:00", 1L), tuple("00:00", 1L), tuple("01:00", 0L),
        tuple("02:00", 1L), tuple("03:00", 1L), tuple("04:00", 1L), tuple("05:00", 2L));
    assertThat(r.hourly().get(0).start()).isEqualTo(Instant.parse("2026-03-14T21:00:00Z"));
    assertThat(r.hourly().get(7).end()).isEqualTo(Instant.parse("2026-03-15T05:00:00Z"));
    assertThat(r.hourly().stream().mapToLong(ShiftReport.Bucket::events).sum()).isEqualTo(r.received());
    assertThat(r.busiestBucket()).isEqualTo(2);
  }

  @Test
  void theSameWordsInUtcCoverAnotherNight() {
    ReportPeriod utc = ReportPeriod.resolve(ReportPeriod.parse("22:00"), ReportPeriod.parse("06:00"), ZoneOffset.UTC, NOW);
    ShiftReport r = new ShiftReportQuery(store.dataSource()).build(utc, NOW);

    assertThat(utc.since()).isEqualTo(Instant.parse("2026-03-14T22:00:00Z"));
    // e1, e2 (before 22:00 UTC) drop out; p2 at 05:00 UTC comes in
    assertThat(r.received()).isEqualTo(8);
    assertThat(r.hourly()).extracting(ShiftReport.Bucket::label, ShiftReport.Bucket::events).containsExactly(
        tuple("22:00", 1L), tuple("23:00", 1L), tuple("00:00", 0L), tuple("01:00", 1L),
        tuple("02:00", 1L), tuple("03:00", 1L), tuple("04:00", 2L), tuple("05:00", 1L));
  }

  @Test
  void aNightAcrossTheSpringClockChangeHasSevenHours() {
    Instant morning = Instant.parse("2026-03-29T07:00:00Z");
    ReportPeriod p = ReportPeriod.resolve(ReportPeriod.parse("22:00"), ReportPeriod.parse("06:00"), PARIS, morning);
    ShiftReport r = new ShiftReportQuery(store.dataSource()).build(p, morning);

    assertThat(p.length()).hasHours(7);
    assertThat(r.hourly()).extracting(ShiftReport.Bucket::label)
        .containsExactly("22:00", "23:00", "00:00", "01:00", "03:00", "04:00", "05:00");
    assertThat(r.received()).isZero();
    assertThat(r.sources()).isEmpty();
  }

  @Test
  void anOddStartGetsAPartFirstHourAndLongPeriodsAreChartedPerDay() {
    ReportPeriod odd = new ReportPeriod(Instant.parse("2026-03-14T21:47:12Z"), Instant.parse("2026-03-15T00:30:00Z"), PARIS);
    assertThat(ShiftReportQuery.boundaries(odd)).containsExactly(Instant.parse("2026-03-14T21:47:12Z"),
        Instant.parse("2026-03-14T22:00:00Z"), Instant.parse("2026-03-14T23:00:00Z"), Instant.parse("2026-03-15T00:00:00Z"),
        Instant.parse("2026-03-15T00:30:00Z"));
    assertThat(new ShiftReportQuery(store.dataSource()).build(odd, NOW).hourly())
        .extracting(ShiftReport.Bucket::label, ShiftReport.Bucket::events)
        .containsExactly(tuple("22:00", 0L), tuple("23:00", 1L), tuple("00:00", 1L), tuple("01:00", 0L));

    ReportPeriod week = new ReportPeriod(Instant.parse("2026-03-09T23:00:00Z"), Instant.parse("2026-03-16T23:00:00Z"), PARIS);
    ShiftReport r = new ShiftReportQuery(store.dataSource()).build(week, NOW);
    assertThat(r.hourly()).hasSize(7);
    assertThat(r.hourly()).extracting(ShiftReport.Bucket::label).startsWith("2026-03-10").endsWith("2026-03-16");
    assertThat(r.hourly()).filteredOn(b -> b.label().equals("2026-03-15")).extracting(ShiftReport.Bucket::events).containsExactly(7L);
  }

  @Test
  void anEmptyStoreGivesAnEmptyReport() {
    jdbc().update("delete from inbox");
    jdbc().update("delete from audit");
    jdbc().update("delete from refund_action");
    jdbc().update("delete from carrier_incident_member");
    jdbc().update("delete from carrier_incident");
    jdbc().update("delete from shipment_exception_seen");

    ShiftReport r = night();

    assertThat(r.received()).isZero();
    assertThat(r.events()).isZero();
    assertThat(r.dead().open()).isZero();
    assertThat(r.helpdeskErrors()).isEmpty();
    assertThat(r.hourly()).hasSize(8).allSatisfy(b -> assertThat(b.events()).isZero());
  }

  private void inbox(String source, String eventId, String status, String received, String error, String lastAttempt,
      String finished) throws SQLException {
    long id = jdbc().insert("insert into inbox (source, event_id, vendor_type, order_key, headers, body, status, attempts,"
            + " last_error, received_at, last_attempt_at, finished_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
        source, eventId, "test.event", "order:1001", "{\"Authorization\":\"Bearer sk_live_header\"}",
        "{\"card\":\"4242424242424242\",\"secret\":\"whsec_payload\"}", status, lastAttempt == null ? 0 : 1, error,
        Instant.parse(received), lastAttempt == null ? null : Instant.parse(lastAttempt),
        finished == null ? null : Instant.parse(finished));
    ids.put(source + "/" + eventId, id);
  }

  private void audit(String source, String eventId, String type, String helpdesk, String ticket, String action, String at) {
    store.audit().record(new AuditTrail.Entry(ids.getOrDefault(source + "/" + eventId, 0L), source, eventId, type, "order:1001",
        helpdesk, ticket, action, null, Instant.parse(at)));
  }

  private static void refund(RefundLedger ledger, String key, long minor, String currency, RefundLedger.Status outcome,
      String at) {
    Instant t = Instant.parse(at);
    ledger.begin(key, "zendesk", "42", "order:" + key, "stripe", minor, currency, t);
    if (outcome != null) ledger.finish(key, outcome, outcome == RefundLedger.Status.ISSUED ? "re_" + key : null, null, t.plusSeconds(5));
  }
}
