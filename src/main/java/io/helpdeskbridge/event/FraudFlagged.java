package io.helpdeskbridge.event;

import java.time.Instant;

/**
 * A fraud tool wants a human to look: {@code provider} (stripe-radar, signifyd), {@code action}
 * (REJECT, HOLD, early_fraud_warning, review), a {@code score} when the tool gives one, the tool's
 * {@code reason} and its {@code reference} (case or warning id).
 */
public record FraudFlagged(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String provider, String action, String score, String reason, String reference)
    implements OrderEvent {}
