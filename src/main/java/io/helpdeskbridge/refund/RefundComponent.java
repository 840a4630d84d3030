package io.helpdeskbridge.refund;

import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.ticket.StepEndpoint;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketSink;
import io.helpdeskbridge.ticket.TicketWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code refund:<connector>?maxAmount=200&maxPerOrder=500&...}: the guardrails are the step's
 * options, so ops read and change them in the route file. An option that is not a number fails
 * the route at start; a connector that cannot refund (no write key) is reported at start and each
 * approval then gets a note saying refunds are not set up.
 */
public final class RefundComponent extends DefaultComponent {
  private static final Logger LOG = LoggerFactory.getLogger(RefundComponent.class);

  private final TicketSink checks;
  private final RefundActions actions;
  private final RefundLedger ledger;
  private final TicketWriter writer;
  private final Clock clock;

  public RefundComponent(RefundActions actions, RefundLedger ledger, TicketWriter writer, Clock clock) {
    this(writer, actions, ledger, writer, clock);
  }

  private RefundComponent(TicketSink checks, RefundActions actions, RefundLedger ledger, TicketWriter writer, Clock clock) {
    this.checks = checks;
    this.actions = actions;
    this.ledger = ledger;
    this.writer = writer;
    this.clock = clock;
  }

  /** For {@code validate} and {@code try}: the options are checked, nothing is refunded. */
  public static RefundComponent dryRun(TicketSink checks) {
    return new RefundComponent(checks, null, null, null, null);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    String helpdesk = string(parameters, "helpdesk", null);
    if (helpdesk != null && !checks.hasHelpdesk(helpdesk)) {
      throw new IllegalArgumentException(uri + ": no helpdesk connector '" + helpdesk + "' is enabled");
    }
    RefundGuardrails guardrails = new RefundGuardrails(
        amount(uri, parameters, "maxAmount"), amount(uri, parameters, "maxPerOrder"),
        RefundGuardrails.list(string(parameters, "reasons", null)), RefundGuardrails.list(string(parameters, "groups", null)),
        amount(uri, parameters, "secondApprovalAbove"), string(parameters, "secondApprovalTag", "refund_second_approval"),
        RefundGuardrails.list(string(parameters, "currencies", null)));
    RefundStep.Options options = new RefundStep.Options(remaining, helpdesk, guardrails,
        string(parameters, "approvalTag", "refund_approved"), string(parameters, "issuedTag", "refund_issued"),
        string(parameters, "failedTag", "refund_failed"));
    if (writer == null) {
      return new StepEndpoint(uri, this, RefundRequested.class, (event, inboxId, pending, exchange) -> new TicketOutcome(
          TicketOutcome.Action.DRY_RUN, helpdesk == null ? "default" : helpdesk, event.ticketId(),
          "would check the guardrails and refund " + (event.amount() == null ? "(no amount)" : event.amount().format())
              + " through " + remaining));
    }
    RefundActions.Bound action = actions.get(remaining).orElse(null);
    if (action == null) {
      LOG.warn("{}: no enabled connector '{}' can refund (enabled: {}); approvals will get a note saying refunds are not"
          + " set up (Stripe needs refund-api-key in connectors/stripe.yaml)", uri, remaining, actions.ids());
    }
    RefundStep step = new RefundStep(action, options, ledger, writer, clock);
    return new StepEndpoint(uri, this, RefundRequested.class, (event, inboxId, pending, exchange) -> step.run(event, inboxId, pending));
  }

  private String string(Map<String, Object> parameters, String name, String fallback) {
    String v = getAndRemoveParameter(parameters, name, String.class);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  private BigDecimal amount(String uri, Map<String, Object> parameters, String name) {
    String v = string(parameters, name, null);
    if (v == null) return null;
    try {
      BigDecimal d = new BigDecimal(v);
      if (d.signum() < 0) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(uri + ": option " + name + "=" + v + " is not an amount (write 200 or 200.00)");
    }
  }
}
