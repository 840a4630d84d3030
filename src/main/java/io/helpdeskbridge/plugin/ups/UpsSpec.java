package io.helpdeskbridge.plugin.ups;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The {@code ups} connector: UPS's Track API for enrichment and the stale-shipment sweep. */
public final class UpsSpec implements ConnectorSpec {

  @Override
  public String id() {
    return UpsLookup.ID;
  }

  @Override
  public String title() {
    return "UPS Tracking API";
  }

  @Override
  public String summary() {
    return "Where a UPS parcel stands, asked from UPS's own Track API (OAuth client credentials), for agents' tickets and the stale-shipment sweep; other carriers' parcels cost no call.";
  }

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.required(UpsTrackApi.CLIENT_ID, "Client ID of the app at developer.ups.com (with the Tracking API added)"),
        Setting.requiredSecret(UpsTrackApi.CLIENT_SECRET, "Client Secret of that app, sent only to UPS's token endpoint"),
        Setting.optional(UpsTrackApi.API_BASE, UpsTrackApi.DEFAULT_BASE,
            "UPS's API base URL (https://wwwcie.ups.com is UPS's test environment)"),
        Setting.optional(UpsTrackApi.TRANSACTION_SRC, UpsTrackApi.DEFAULT_SRC,
            "sent as the transactionSrc header: names this application in UPS's logs"),
        Setting.optional(UpsTrackApi.LOCALE, UpsTrackApi.DEFAULT_LOCALE,
            "language of UPS's status descriptions on the ticket and of the tracking link"));
  }
}
