package io.helpdeskbridge.plugin.signifyd;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/signifyd.yaml}: the decision webhook source. */
public final class SignifydSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      requiredSecret(SignifydEventSource.WEBHOOK_SECRET,
          "the team API key (Signifyd console: Settings > API keys), which is also the webhook signing key, or"
              + " \"old_key,new_key\" while replacing it"),
      optional(SignifydEventSource.ACCEPT_TEST_DELIVERIES, "true",
          "accept the console's test deliveries (topic cases/test, signed with Signifyd's public test key) and record"
              + " them as ignored; false = they need the team key like any other"));

  @Override
  public String id() {
    return SignifydNormalizer.SOURCE;
  }

  @Override
  public String title() {
    return "Signifyd";
  }

  @Override
  public String summary() {
    return "Signifyd's fraud decisions from its webhooks become ticket updates: REJECT and HOLD flag the order,"
        + " ACCEPT clears the flag.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
