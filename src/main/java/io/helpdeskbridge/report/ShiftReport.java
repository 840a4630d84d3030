package io.helpdeskbridge.report;

import io.helpdeskbridge.event.Money;
import java.time.Instant;
import java.util.List;

/**
 * The overnight handover as numbers: what came in (per source and per canonical event type), what
 * it did to tickets, the problem tickets opened for carrier incidents, the refunds agents asked for,
 * the dead letters still open, the carriers with the most exceptions, the helpdesk errors seen, and
 * the deliveries per hour. Built by {@link ShiftReportQuery}, printed by {@link MarkdownReport} and
 * {@link HtmlReport}. It holds counts, ids and error texts (masked), never a payload.
 */
public record ShiftReport(
    ReportPeriod period,
    Instant generatedAt,
    List<SourceCount> sources,
    List<TypeCount> eventTypes,
    List<HelpdeskTickets> tickets,
    List<ProblemTicket> problems,
    List<RefundLine> refunds,
    DeadLetters dead,
    List<CarrierCount> carriers,
    List<HelpdeskErrors> helpdeskErrors,
    List<Bucket> hourly) {

  public ShiftReport {
    sources = List.copyOf(sources);
    eventTypes = List.copyOf(eventTypes);
    tickets = List.copyOf(tickets);
    problems = List.copyOf(problems);
    refunds = List.copyOf(refunds);
    carriers = List.copyOf(carriers);
    helpdeskErrors = List.copyOf(helpdeskErrors);
    hourly = List.copyOf(hourly);
  }

  /** Deliveries of one source received in the period, by what became of them so far. */
  public record SourceCount(String source, long received, long done, long ignored, long dead, long waiting) {}

  /** Canonical events of one type that reached a ticket step in the period; {@code written}: applied or created. */
  public record TypeCount(String type, long events, long written) {}

  /** Distinct tickets of one helpdesk that the bridge wrote to ({@code touched}) or created in the period. */
  public record HelpdeskTickets(String helpdesk, long touched, long created) {}

  /** A carrier incident opened in the period: its problem ticket (null until created) and order tickets linked. */
  public record ProblemTicket(String group, String helpdesk, String ticketId, Instant openedAt, long members, boolean open) {}

  /** Refunds asked for in the period with one outcome ({@code issued}, {@code failed}, {@code refused}, {@code pending}) in one currency. */
  public record RefundLine(String status, String currency, long count, long amountMinor) {
    public Money amount() {
      return Money.of(amountMinor, currency);
    }
  }

  /** Dead letters open now (whenever they died), those that died in the period, per source, and the commonest errors. */
  public record DeadLetters(long open, long newInPeriod, List<SourceDead> bySource, List<ErrorCount> topErrors) {
    public DeadLetters {
      bySource = List.copyOf(bySource);
      topErrors = List.copyOf(topErrors);
    }
  }

  /** Dead letters of one source. */
  public record SourceDead(String source, long open, long newInPeriod) {}

  /** An error text (masked, see {@link ReportText#error}) and how many rows carry it. */
  public record ErrorCount(String error, long count) {}

  /** Shipment exceptions of one carrier group ({@code UPS}, {@code UPS / FR-75}) seen in the period, and their tickets. */
  public record CarrierCount(String group, long exceptions, long tickets) {}

  /**
   * Events last tried in the period whose error names a helpdesk: still waiting for another attempt
   * or dead. {@code rateLimited}: 429s and spent request budgets. An error that a later attempt
   * overcame is not kept by the store, so it is not here.
   */
  public record HelpdeskErrors(String helpdesk, long events, long dead, long waiting, long rateLimited, List<ErrorCount> topErrors) {
    public HelpdeskErrors {
      topErrors = List.copyOf(topErrors);
    }
  }

  /** Deliveries received in {@code [start, end)}; {@code label} is the local hour ({@code 22:00}) or day. */
  public record Bucket(Instant start, Instant end, String label, long events) {}

  /** Deliveries received in the period. */
  public long received() {
    return sources.stream().mapToLong(SourceCount::received).sum();
  }

  /** Canonical events that reached a ticket step. */
  public long events() {
    return eventTypes.stream().mapToLong(TypeCount::events).sum();
  }

  public long ticketsTouched() {
    return tickets.stream().mapToLong(HelpdeskTickets::touched).sum();
  }

  public long ticketsCreated() {
    return tickets.stream().mapToLong(HelpdeskTickets::created).sum();
  }

  /** How many refunds had this outcome, all currencies together. */
  public long refundCount(String status) {
    return refunds.stream().filter(r -> r.status().equals(status)).mapToLong(RefundLine::count).sum();
  }

  /** The refunds of one outcome per currency, as {@code 25.00 USD, 9.00 EUR}; "none" when there were none. */
  public String refundAmounts(String status) {
    List<String> parts = refunds.stream().filter(r -> r.status().equals(status)).map(r -> r.amount().format()).toList();
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  public long helpdeskErrorEvents() {
    return helpdeskErrors.stream().mapToLong(HelpdeskErrors::events).sum();
  }

  /** The busiest bucket's count (0 when the period was quiet). */
  public long busiestBucket() {
    return hourly.stream().mapToLong(Bucket::events).max().orElse(0);
  }
}
