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

  static TrackingStatus of(String statusCode) {
    return statusCode == null ? TrackingStatus.UNKNOWN : CODES.getOrDefault(statusCode.strip(), TrackingStatus.UNKNOWN);
  }
}
