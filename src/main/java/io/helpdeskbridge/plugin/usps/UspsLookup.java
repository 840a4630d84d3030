package io.helpdeskbridge.plugin.usps;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Where the order's first USPS parcel stands, from USPS's own Tracking API, for ticket enrichment
 * and the stale-shipment sweep. Parcels of other carriers get nothing without a call ({@link
 * UspsParcels}); a number USPS does not know gets nothing. USPS's status categories are told in
 * {@link io.helpdeskbridge.spi.TrackingStatus}'s words ({@link UspsStatuses}). Only the first
 * USPS parcel is asked: the note shows one parcel, and every call counts against the app's small
 * quota (the sweep asks about each parcel it keeps on its own).
 *
 * <p>Settings: {@code client-id} and {@code client-secret} (the app's consumer key and secret;
 * unset = no lookups), {@code api-base} (default {@code https://apis.usps.com}; {@code
 * https://apis-tem.usps.com} is USPS's test environment).
 */
public final class UspsLookup implements Lookup {
  static final String ID = "usps";
  private final UspsTrackingApi api;

  public UspsLookup() {
    this(Clock.systemUTC());
  }

  UspsLookup(Clock clock) {
    this.api = new UspsTrackingApi(clock);
  }

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
    return "shipment (USPS)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(UspsTrackingApi.CLIENT_ID) && settings.has(UspsTrackingApi.CLIENT_SECRET);
  }

  /** Only an order with a parcel of this carrier costs a call (and a permit of its small quota). */
  @Override
  public boolean applies(Known known) {
    return UspsParcels.first(known.parcels()).isPresent();
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    Optional<Parcel> parcel = UspsParcels.first(known.parcels());
    if (parcel.isEmpty()) return Found.nothing();
    JsonNode body = api.tracking(UspsParcels.number(parcel.get().trackingNumber()), settings);
    return body == null ? Found.nothing() : UspsTracking.answer(body, parcel.get()).found();
  }
}
