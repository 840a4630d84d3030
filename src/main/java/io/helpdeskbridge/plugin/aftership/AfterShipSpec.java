package io.helpdeskbridge.plugin.aftership;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/aftership.yaml}: the tracking webhook source. */
public final class AfterShipSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      requiredSecret(AfterShipEventSource.WEBHOOK_SECRET,
          "the webhook secret shown in AfterShip Tracking under Settings > Webhooks, or \"old,new\" while rolling it"));

  @Override
  public String id() {
    return AfterShipNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "AfterShip";
  }

  @Override
  public String summary() {
    return "Parcel exceptions, failed delivery attempts, later delivery estimates and deliveries from AfterShip"
        + " Tracking's webhooks become ticket updates.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
