package io.helpdeskbridge.event;

import java.util.List;

/**
 * A {@link TicketOpened} together with what the lookups found: the context an enrichment mapping's
 * templates read ({@code {{orderStatus}}}, {@code {{#missing}}...{{/missing}}}). Every part may be
 * null; {@code missing} (with {@code incomplete} true) names what could not be fetched ("payment (Stripe): no answer within 3 s").
 */
public record EnrichedTicket(
    String ticketId, String subject, String requesterEmail, boolean orderFound, String orderNumber, String orderStatus,
    String orderItems, String orderTotal, String orderCreated, String paymentStatus, String paymentAmount,
    String lastRefund, String shipmentStatus, String carrier, String trackingNumber, String trackingUrl,
    String estimatedDelivery, String fraudState, String notFound, boolean incomplete, List<String> missing) {

  public EnrichedTicket {
    missing = missing == null ? List.of() : List.copyOf(missing);
  }
}
