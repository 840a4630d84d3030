package io.helpdeskbridge.plugin.usps;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.required;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/usps.yaml}: the parcel lookup through USPS's Tracking API. */
public final class UspsSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      required(UspsTrackingApi.CLIENT_ID, "the Consumer Key of your developer.usps.com app with the Tracking API"),
      requiredSecret(UspsTrackingApi.CLIENT_SECRET,
          "that app's Consumer Secret, only ever sent to USPS's token endpoint (OAuth client credentials)"),
      optional(UspsTrackingApi.API_BASE, UspsTrackingApi.DEFAULT_BASE,
          "USPS's API base URL: https://apis-tem.usps.com is its test environment (tests point it at a stand-in)"));

  @Override
  public String id() {
    return UspsLookup.ID;
  }

  @Override
  public String title() {
    return "USPS Tracking API";
  }

  @Override
  public String summary() {
    return "Asks USPS's own Tracking API (apis.usps.com, OAuth client credentials) where a USPS parcel stands"
        + " (status, expected delivery, tracking link), for agents' notes and the stale-shipment sweep.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
