package io.helpdeskbridge.plugin.dhl;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.CarrierAnswer;
import io.helpdeskbridge.spi.Lookup.Parcel;
import io.helpdeskbridge.spi.VendorJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads DHL's {@code {"shipments":[...]}} for one parcel: the shipment's {@code status.statusCode}
 * and its words ({@code description}, else the short {@code status}), {@code
 * estimatedTimeOfDelivery} (else the end of {@code estimatedDeliveryTimeFrame}), the newest of
 * {@code events[].timestamp} (else the status's own), and {@code serviceUrl}, DHL's page for the
 * shipment. The unified API may find the number in several DHL divisions; the shipment whose {@code
 * id} is the number and whose {@code service} is the one the shop named wins.
 */
final class DhlShipments {
  /** DHL's public tracking page, for shipments that come without a {@code serviceUrl}. */
  static final String TRACKING_PAGE = "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=";

  private DhlShipments() {}

  static Optional<CarrierAnswer> answer(JsonNode body, Parcel parcel) {
    String number = DhlParcels.number(parcel.trackingNumber());
    JsonNode shipment = pick(body.path("shipments"), number, DhlParcels.service(parcel.carrier()));
    if (shipment == null) return Optional.empty();
    JsonNode status = shipment.path("status");
    String detail = first(text(status.path("description")), DhlStatuses.words(text(status.path("status"))));
    LocalDate eta = CarrierAnswer.day(text(shipment.path("estimatedTimeOfDelivery")));
    if (eta == null) eta = CarrierAnswer.day(text(shipment.path("estimatedDeliveryTimeFrame").path("estimatedThrough")));
    String carrier = parcel.carrier() == null || parcel.carrier().isBlank() ? "DHL" : parcel.carrier().strip();
    return Optional.of(new CarrierAnswer(DhlLookup.ID, carrier, parcel.trackingNumber().strip(),
        DhlStatuses.of(text(status.path("statusCode"))), detail, eta, lastEventAt(shipment), url(shipment, number)));
  }

  private static JsonNode pick(JsonNode shipments, String number, String service) {
    List<JsonNode> same = new ArrayList<>();
    shipments.forEach(s -> {
      if (number.equals(DhlParcels.number(s.path("id").asText("")))) same.add(s);
    });
    List<JsonNode> candidates = new ArrayList<>(same);
    if (candidates.isEmpty()) shipments.forEach(candidates::add);
    if (candidates.isEmpty()) return null;
    if (service != null) {
      for (JsonNode s : candidates) {
        String own = text(s.path("service"));
        if (own != null && own.startsWith(service)) return s;
      }
    }
    return candidates.get(0);
  }

  private static Instant lastEventAt(JsonNode shipment) {
    Instant newest = null;
    for (JsonNode event : shipment.path("events")) {
      Instant at = CarrierAnswer.instant(text(event.path("timestamp")));
      if (at != null && (newest == null || at.isAfter(newest))) newest = at;
    }
    return newest != null ? newest : CarrierAnswer.instant(text(shipment.path("status").path("timestamp")));
  }

  private static String url(JsonNode shipment, String number) {
    String own = text(shipment.path("serviceUrl"));
    if (own != null && (own.startsWith("https://") || own.startsWith("http://"))) return own;
    return TRACKING_PAGE + URLEncoder.encode(number, StandardCharsets.UTF_8);
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String text(JsonNode n) {
    return VendorJson.text(n);
  }
}
