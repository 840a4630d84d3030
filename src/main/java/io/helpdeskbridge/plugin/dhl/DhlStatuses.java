package io.helpdeskbridge.plugin.dhl;

import io.helpdeskbridge.spi.TrackingStatus;
import java.util.Map;

/**
 * DHL's {@code statusCode} (of {@code shipments[].status} and of each event) in the bridge's
 * {@link TrackingStatus}. The unified API documents five codes and nothing finer (the words of
 * {@code description} go beside them on the ticket). Its "failure" reads as EasyPost's {@code
 * failure}: an exception that ends the parcel for the sweep. Anything else (a code DHL adds later,
 * none at all) is unknown, never an exception.
 *
 * @see <a href="https://developer.dhl.com/api-reference/shipment-tracking">DHL Shipment Tracking - Unified</a>
 */
final class DhlStatuses {
  static final Map<String, TrackingStatus> CODES = Map.of(
      "pre-transit", TrackingStatus.PRE_TRANSIT,
      "transit", TrackingStatus.IN_TRANSIT,
      "delivered", TrackingStatus.DELIVERED,
      "failure", TrackingStatus.FAILURE,
      "unknown", TrackingStatus.UNKNOWN);

  private DhlStatuses() {}

  /**
   * DHL's short {@code status} as words when it is written as a code ({@code DELIVERED_TO_NEIGHBOUR}
   * → {@code delivered to neighbour}); a phrase DHL already wrote in words is kept as it is.
   */
  static String words(String status) {
    if (status == null || !status.strip().matches("[A-Za-z]+([_-][A-Za-z]+)*")) return status;
    String spaced = status.strip().replaceAll("[_-]+", " ");
    return spaced.equals(spaced.toUpperCase(java.util.Locale.ROOT)) || !spaced.equals(status.strip())
        ? spaced.toLowerCase(java.util.Locale.ROOT) : spaced;
  }

  static TrackingStatus of(String statusCode) {
    return statusCode == null ? TrackingStatus.UNKNOWN : CODES.getOrDefault(statusCode.strip(), TrackingStatus.UNKNOWN);
  }
}
