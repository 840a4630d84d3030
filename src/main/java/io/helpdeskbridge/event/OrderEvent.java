package io.helpdeskbridge.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A business fact about an order, in the bridge's own words, whatever vendor reported it. Routes
 * and mappings key on these types, so a new vendor reuses every mapping that already exists.
 * Serialised with a {@code type} property holding the simple record name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(RefundIssued.class),
  @JsonSubTypes.Type(RefundFailed.class),
  @JsonSubTypes.Type(PaymentFailed.class),
  @JsonSubTypes.Type(ChargebackOpened.class),
  @JsonSubTypes.Type(ChargebackClosed.class),
  @JsonSubTypes.Type(FraudFlagged.class),
  @JsonSubTypes.Type(FraudCleared.class),
  @JsonSubTypes.Type(OrderCancelled.class),
  @JsonSubTypes.Type(ShipmentException.class),
  @JsonSubTypes.Type(ShipmentDelayed.class),
  @JsonSubTypes.Type(ShipmentDelivered.class),
  @JsonSubTypes.Type(TicketOpened.class),
  @JsonSubTypes.Type(RefundRequested.class)
})
public sealed interface OrderEvent
    permits RefundIssued,
        RefundFailed,
        PaymentFailed,
        ChargebackOpened,
        ChargebackClosed,
        FraudFlagged,
        FraudCleared,
        OrderCancelled,
        ShipmentException,
        ShipmentDelayed,
        ShipmentDelivered,
        TicketOpened,
        RefundRequested {

  /** Plugin id of the source, e.g. {@code stripe}. */
  String source();

  /** The vendor's id of the delivery this fact came from (Stripe's {@code evt_...}). */
  String sourceEventId();

  Instant occurredAt();

  OrderRef order();

  /** The vendor's own event type, kept for audit and for routes that need finer choices. */
  String vendorType();

  /**
   * What this fact is, independent of how many deliveries announced it: the vendor's event id by
   * default; a refund's id for refund facts, since a vendor may announce one refund in two events.
   * The ticket writer writes each fact once per mapping.
   */
  default String factId() {
    return sourceEventId();
  }

  /** The canonical type name used by routes and mappings ({@code RefundIssued}). */
  default String type() {
    return getClass().getSimpleName();
  }
}
