package io.helpdeskbridge.plugin.usps;

import io.helpdeskbridge.spi.TrackingStatus;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * USPS's {@code statusCategory} in the bridge's {@link TrackingStatus}. USPS documents the
 * category as free text (Pub 199 names the scan events behind it), so it is compared without case,
 * spaces or hyphens ({@code In-Transit} is {@code In Transit}). Two judgement calls: a {@code
 * Delivery Attempt} is still on its way (USPS tries again or holds it; its own words say which),
 * and an {@code Alert} is an {@code error}, an exception a person should look at that has not ended
 * the parcel. Whatever the category, a {@code status} that says the parcel goes or went back to the
 * sender ({@code Return to Sender Processed}, {@code Delivered, To Original Sender}) is {@code
 * return_to_sender}. An unknown or missing category is {@code unknown}.
 */
final class UspsStatuses {
  static final Map<String, TrackingStatus> CATEGORIES = Map.of(
      "preshipment", TrackingStatus.PRE_TRANSIT,
      "accepted", TrackingStatus.IN_TRANSIT,
      "intransit", TrackingStatus.IN_TRANSIT,
      "outfordelivery", TrackingStatus.OUT_FOR_DELIVERY,
      "availableforpickup", TrackingStatus.AVAILABLE_FOR_PICKUP,
      "deliveryattempt", TrackingStatus.IN_TRANSIT,
      "delivered", TrackingStatus.DELIVERED,
      "alert", TrackingStatus.ERROR,
      "returntosender", TrackingStatus.RETURN_TO_SENDER);
  private static final Pattern BACK_TO_SENDER = Pattern.compile("return(ed)? to sender|to original sender");

  private UspsStatuses() {}

  static TrackingStatus of(String statusCategory, String status) {
    if (status != null && BACK_TO_SENDER.matcher(status.toLowerCase(Locale.ROOT)).find()) {
      return TrackingStatus.RETURN_TO_SENDER;
    }
    if (statusCategory == null) return TrackingStatus.UNKNOWN;
    return CATEGORIES.getOrDefault(statusCategory.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""),
        TrackingStatus.UNKNOWN);
  }
}
