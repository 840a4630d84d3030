package io.helpdeskbridge.plugin.dhl;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/dhl.yaml}: the parcel lookup through DHL's Shipment Tracking - Unified API. */
public final class DhlSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      requiredSecret(DhlTrackingApi.API_KEY,
          "the API key (Consumer Key) of your developer.dhl.com app with Shipment Tracking - Unified, sent as the"
              + " DHL-API-Key header"),
      optional(DhlTrackingApi.API_BASE, DhlTrackingApi.DEFAULT_BASE, "DHL's API base URL (tests point it at a stand-in)"));

  @Override
  public String id() {
    return DhlLookup.ID;
  }

  @Override
  public String title() {
    return "DHL Shipment Tracking - Unified";
  }

  @Override
  public String summary() {
    return "Asks DHL's own tracking API where a DHL parcel stands (status, estimated delivery, tracking link), for"
        + " agents' notes and the stale-shipment sweep.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
