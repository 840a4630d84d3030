package io.helpdeskbridge.event;

import java.time.Instant;
import java.util.List;

/**
 * An agent approved a refund on a ticket (tag {@code refund_approved} with the amount in a ticket
 * field). {@code amount} is null when the ticket did not say how much; {@code groupId} is the
 * ticket's group, {@code requestedBy} the agent when the helpdesk says; {@code tags} are the
 * ticket's tags at the time (the second-approval tag among them, if any).
 */
public record RefundRequested(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String ticketId, Money amount, String reason, String groupId, String requestedBy, List<String> tags)
    implements OrderEvent {

  public RefundRequested {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  @Override
  public String factId() {
    return "refund-request:" + ticketId + ":" + (amount == null ? "none" : amount.minor() + amount.currency());
  }
}
