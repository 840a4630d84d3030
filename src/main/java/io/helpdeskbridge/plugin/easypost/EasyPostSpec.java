package io.helpdeskbridge.plugin.easypost;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.secret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/easypost.yaml}: the tracker webhook source and the tracker lookup. */
public final class EasyPostSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      requiredSecret(EasyPostEventSource.WEBHOOK_SECRET,
          "the webhook_secret you gave the EasyPost webhook (EasyPost never shows one), or \"old,new\" while"
              + " replacing it"),
      secret(EasyPostLookup.API_KEY,
          "the production or test API key, whichever the trackers were created with, for tracker lookups by"
              + " enrichment and the stale-shipment sweep (which never create trackers); unset = no lookups"),
      optional(EasyPostLookup.API_BASE, "https://api.easypost.com",
          "EasyPost's API base URL (tests point it at a stand-in)"));

  @Override
  public String id() {
    return EasyPostNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "EasyPost";
  }

  @Override
  public String summary() {
    return "Returned, failing, delayed and delivered parcels from EasyPost's tracker webhooks become ticket updates;"
        + " with an API key the bridge also reads a parcel's tracker for agents and the stale-shipment sweep.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
