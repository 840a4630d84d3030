package io.helpdeskbridge.refund;

import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.ticket.StepEndpoint;
import io.helpdeskbridge.ticket.TicketWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code refund:<connector>?maxAmount=200&maxPerOrder=500&...}: the guardrails are the step's
 * options, so ops read and change them in the route file. A connector that cannot refund, or an
 * option that is not a number, fails the route at start, not at the first refund.
 */
public final class RefundComponent extends DefaultComponent {
  private final RefundActions actions;
  private final RefundLedger ledger;
  private final TicketWriter writer;
  private final Clock clock;

  public RefundComponent(RefundActions actions, RefundLedger ledger, TicketWriter writer, Clock clock) {
    this.actions = actions;
    this.ledger = ledger;
    this.writer = writer;
    this.clock = clock;
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    RefundActions.Bound action = actions.get(remaining).orElseThrow(() -> new IllegalArgumentException(uri
        + ": no enabled connector '" + remaining + "' can refund (enabled: " + actions.ids()
        + "; Stripe needs refund-api-key in connectors/stripe.yaml)"));
    String helpdesk = string(parameters, "helpdesk", null);
    if (helpdesk != null && !writer.hasHelpdesk(helpdesk)) {
      throw new IllegalArgumentException(uri + ": no helpdesk connector '" + helpdesk + "' is enabled");
    }
    RefundGuardrails guardrails = new RefundGuardrails(
        amount(uri, parameters, "maxAmount"), amount(uri, parameters, "maxPerOrder"),
        RefundGuardrails.list(string(parameters, "reasons", null)), RefundGuardrails.list(string(parameters, "groups", null)),
        amount(uri, parameters, "secondApprovalAbove"), string(parameters, "secondApprovalTag", "refund_second_approval"),
        RefundGuardrails.list(string(parameters, "currencies", null)));
    RefundStep.Options options = new RefundStep.Options(helpdesk, guardrails,
        string(parameters, "approvalTag", "refund_approved"), string(parameters, "issuedTag", "refund_issued"),
        string(parameters, "failedTag", "refund_failed"));
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
