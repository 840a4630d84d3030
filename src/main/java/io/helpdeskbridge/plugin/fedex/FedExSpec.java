package io.helpdeskbridge.plugin.fedex;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The {@code fedex} connector: FedEx's Track API for enrichment and the stale-shipment sweep. */
public final class FedExSpec implements ConnectorSpec {

  @Override
  public String id() {
    return FedExLookup.ID;
  }

  @Override
  public String title() {
    return "FedEx Track API";
  }

  @Override
  public String summary() {
    return "Where a FedEx parcel stands, asked from FedEx's own Track API (OAuth client credentials), for agents' tickets and the stale-shipment sweep; other carriers' parcels cost no call.";
  }

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.required(FedExTrackApi.CLIENT_ID, "API Key of the project at developer.fedex.com (with the Track API)"),
        Setting.requiredSecret(FedExTrackApi.CLIENT_SECRET, "Secret Key of that project, sent only to FedEx's token endpoint"),
        Setting.optional(FedExTrackApi.API_BASE, FedExTrackApi.DEFAULT_BASE,
            "FedEx's API base URL (https://apis-sandbox.fedex.com is FedEx's test environment)"),
        Setting.optional(FedExTrackApi.LOCALE, FedExTrackApi.DEFAULT_LOCALE,
            "language of FedEx's status descriptions on the ticket (X-locale header)"));
  }
}
