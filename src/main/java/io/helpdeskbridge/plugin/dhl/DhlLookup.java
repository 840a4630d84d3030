package io.helpdeskbridge.plugin.dhl;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.CarrierAnswer;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the order's first DHL parcel stands, from DHL's own Shipment Tracking - Unified API, for
 * ticket enrichment and the stale-shipment sweep. Parcels of other carriers get nothing without a
 * call ({@link DhlParcels}); a number DHL does not know gets nothing. DHL's status codes are told
 * in {@link io.helpdeskbridge.spi.TrackingStatus}'s words ({@link DhlStatuses}). Only the first
 * DHL parcel is asked: the note shows one parcel, and every call counts against a small daily quota
 * (the sweep asks about each parcel it keeps on its own).
 *
 * <p>Settings: {@code api-key} (the app's key; unset = no lookups), {@code api-base} (default
 * {@code https://api-eu.dhl.com}). DHL's starting quota (250 calls a day) is the connector file's
 * {@code lookups-per-day}; a 429 pauses the connector's lookups.
 *
 * @see <a href="https://developer.dhl.com/api-reference/shipment-tracking">DHL Shipment Tracking - Unified</a>
 */
public final class DhlLookup implements Lookup {
  static final String ID = "dhl";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Stage stage() {
    return Stage.SHIPMENT;
  }

  @Override
  public String describes() {
    return "shipment (DHL)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(DhlTrackingApi.API_KEY);
  }

  /** Only an order with a parcel of this carrier costs a call (and a permit of its small quota). */
  @Override
  public boolean applies(Known known) {
    return DhlParcels.first(known.parcels()).isPresent();
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    Optional<Parcel> parcel = DhlParcels.first(known.parcels());
    if (parcel.isEmpty()) return Found.nothing();
    JsonNode body = DhlTrackingApi.shipments(DhlParcels.number(parcel.get().trackingNumber()), settings);
    if (body == null) return Found.nothing();
    return DhlShipments.answer(body, parcel.get()).map(CarrierAnswer::found).orElse(Found.nothing());
  }
}
