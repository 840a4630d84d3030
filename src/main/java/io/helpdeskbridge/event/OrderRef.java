package io.helpdeskbridge.event;

/**
 * Whatever the vendor told us about the order an event belongs to. Any part may be null; {@link
 * #key()} picks the strongest one, which is also the dispatch key that keeps one order's events in
 * sequence.
 */
public record OrderRef(String orderId, String email, String paymentId, String trackingNumber) {

  public static OrderRef ofOrder(String orderId) {
    return new OrderRef(orderId, null, null, null);
  }

  /** The strongest identifier present, prefixed by its kind, or {@code unknown}. */
  public String key() {
    if (present(orderId)) return "order:" + orderId;
    if (present(paymentId)) return "payment:" + paymentId;
    if (present(trackingNumber)) return "tracking:" + trackingNumber;
    if (present(email)) return "email:" + email.toLowerCase(java.util.Locale.ROOT);
    return "unknown";
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
