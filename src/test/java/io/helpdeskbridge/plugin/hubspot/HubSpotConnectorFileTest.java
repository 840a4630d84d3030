package io.helpdeskbridge.plugin.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/hubspot.yaml}: off by default, its defaults, the plugin registered. */
class HubSpotConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("hubspot.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Plugins.discover().ids(), true).load(files);
  }

  @Test
  void isSwitchedOffUntilTheTokenIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("hubspot");
  }

  @Test
  void readsTheTokenAndDefaults() {
    ConnectorSettings s = load(Map.of("HUBSPOT_ACCESS_TOKEN", "pat-1")).enabled().get(0);

    assertThat(s.plugin()).isEqualTo(new HubSpotHelpdesk().id());
    HubSpotConfig c = HubSpotConfig.from(s);
    assertThat(c.apiBase()).isEqualTo("https://api.hubapi.com");
    assertThat(c.token()).isEqualTo("pat-1");
    assertThat(c.toString()).doesNotContain("pat-1");
    assertThat(c.field("order_id")).isEqualTo("order_number");
    assertThat(c.field("external_id")).isNull();
    assertThat(c.field("bridge_key")).isNull();
    assertThat(c.tagsProperty()).isNull();
    assertThat(c.stage("solved")).isNull();
    assertThat(c.pipeline()).isEqualTo("0");
    assertThat(c.newStage()).isEqualTo("1");
    assertThat(c.rateLimitDelay().toSeconds()).isEqualTo(10);
  }

  @Test
  void takesWebhooksOnlyOnceTheirSecretIsSet() {
    ConnectorSettings helpdeskOnly = load(Map.of("HUBSPOT_ACCESS_TOKEN", "pat-1")).enabled().get(0);
    ConnectorSettings both = load(Map.of("HUBSPOT_ACCESS_TOKEN", "pat-1", "HUBSPOT_WEBHOOK_SECRET", "cs-1",
        "HUBSPOT_WEBHOOK_URL", "https://bridge.example.com/webhooks/hubspot")).enabled().get(0);

    assertThat(helpdeskOnly.has("webhook-secret")).isFalse();
    assertThat(both.list("webhook-secret")).containsExactly("cs-1");
    assertThat(HubSpotTicketSource.webhookUrl(both)).isEqualTo("https://bridge.example.com/webhooks/hubspot");
    assertThat(Plugins.discover().source("hubspot")).get().isInstanceOf(HubSpotTicketSource.class);
  }
}
