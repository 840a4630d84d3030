package io.helpdeskbridge.event;

import java.util.Locale;

/**
 * Whatever the vendor told us about the order an event belongs to. Any part may be null.
 *
 * <ul>
 *   <li>{@code orderId}: the merchant's order number as tickets know it ({@code 1001}; a leading
 *       {@code #} is dropped, so {@code #1001} and {@code 1001} are the same order)
 *   <li>{@code vendorOrderId}: a platform's internal id when it differs ({@code shopify:450789469})
 *   <li>{@code paymentId}, {@code trackingNumber} + {@code carrier}, {@code email}
 * </ul>
 *
 * {@link #key()} picks the strongest identifier, which is also the dispatch key that keeps one
 * order's events in sequence.
 */
public record OrderRef(
    String orderId, String vendorOrderId, String email, String paymentId, String trackingNumber, String carrier) {

  public OrderRef {
    orderId = number(orderId);
  }

  /** The four parts Stripe-like sources give. */
  public OrderRef(String orderId, String email, String paymentId, String trackingNumber) {
    this(orderId, null, email, paymentId, trackingNumber, null);
  }

  public static OrderRef ofOrder(String orderId) {
    return new OrderRef(orderId, null, null, null, null, null);
  }

  /** {@code #1001} → {@code 1001}; blank → null. */
  public static String number(String s) {
    if (s == null) return null;
    String t = s.trim();
    if (t.startsWith("#")) t = t.substring(1).trim();
    return t.isEmpty() ? null : t;
  }

  /** The strongest identifier present, prefixed by its kind, or {@code unknown}. */
  public String key() {
    if (present(orderId)) return "order:" + orderId;
    if (present(vendorOrderId)) return "vendor-order:" + vendorOrderId;
    if (present(paymentId)) return "payment:" + paymentId;
    if (present(trackingNumber)) return "tracking:" + trackingNumber;
    if (present(email)) return "email:" + email.toLowerCase(Locale.ROOT);
    return "unknown";
  }

  /** The same reference with the order number filled in (once an alias resolved it). */
  public OrderRef withOrderId(String id) {
    return new OrderRef(id, vendorOrderId, email, paymentId, trackingNumber, carrier);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
