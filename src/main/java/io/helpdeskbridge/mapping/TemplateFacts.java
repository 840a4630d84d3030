package io.helpdeskbridge.mapping;

import java.util.Map;

/**
 * Facts a template can print whatever the vendor left out, so a note never shows an empty slot:
 * {@code {{orderLabel}}} names the order by the best thing known about it ("order 1001", "the
 * order paid with pi_3Qb…", "the order with parcel 1Z…", "an order of jane@example.com"), and
 * {@code {{parcel}}} names a shipment event's parcel ("UPS parcel 1Z…", "a UPS parcel").
 */
final class TemplateFacts {
  private TemplateFacts() {}

  static void add(Map<String, Object> ctx) {
    if (ctx.get("order") instanceof Map<?, ?> order) ctx.putIfAbsent("orderLabel", orderLabel(order));
    if (ctx.containsKey("trackingNumber") || ctx.containsKey("carrier")) {
      ctx.putIfAbsent("parcel", parcel(text(ctx.get("carrier")), text(ctx.get("trackingNumber"))));
    }
  }

  /** The facts {@link #add} gives a context with these property paths (for the mapping check). */
  static java.util.Set<String> names(java.util.Set<String> paths) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (paths.contains("order")) out.add("orderLabel");
    if (paths.contains("trackingNumber") || paths.contains("carrier")) out.add("parcel");
    return out;
  }

  static String orderLabel(Map<?, ?> order) {
    String id = text(order.get("orderId"));
    if (id != null) return "order " + id;
    String payment = text(order.get("paymentId"));
    if (payment != null) return "the order paid with " + payment;
    String tracking = text(order.get("trackingNumber"));
    if (tracking != null) return "the order with parcel " + tracking;
    String email = text(order.get("email"));
    if (email != null) return "an order of " + email;
    String vendor = text(order.get("vendorOrderId"));
    if (vendor != null) return "the order the vendor calls " + vendor;
    return "an order the vendor did not name";
  }

  static String parcel(String carrier, String tracking) {
    if (tracking != null) return (carrier == null ? "parcel " : carrier + " parcel ") + tracking;
    return carrier == null ? "a parcel the carrier did not name" : "a " + carrier + " parcel";
  }

  private static String text(Object o) {
    return o == null || o.toString().isBlank() ? null : o.toString().strip();
  }
}
