package io.helpdeskbridge.plugin.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/freshdesk.yaml}: its gate, defaults and that the plugin is registered. */
class FreshdeskConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("freshdesk.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Plugins.discover().ids(), true).load(files);
  }

  @Test
  void isSwitchedOffUntilTheUrlIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("freshdesk");
  }

  @Test
  void readsUrlKeyAndFieldsFromTheEnvironmentWithTheDocumentedDefaults() {
    ConnectorSettings s = load(Map.of("FRESHDESK_URL", "https://acme.freshdesk.com", "FRESHDESK_API_KEY", "k123"))
        .enabled().get(0);

    assertThat(s.plugin()).isEqualTo(new FreshdeskHelpdesk().id());
    FreshdeskConfig c = FreshdeskConfig.from(s);
    assertThat(c.apiBase()).isEqualTo("https://acme.freshdesk.com/api/v2");
    assertThat(c.apiKey()).isEqualTo("k123");
    assertThat(c.field("order_id")).isEqualTo("cf_order_number");
    assertThat(c.field("tracking_number")).isNull();
    assertThat(c.field("bridge_key")).isNull();
    assertThat(c.defaultRequester()).isNull();
    assertThat(c.type("question")).isNull();
    assertThat(c.status("hold")).isEqualTo(3);
    assertThat(c.connectTimeout().toMillis()).isEqualTo(5000);
    assertThat(c.requestTimeout().toMillis()).isEqualTo(30000);
  }

  @Test
  void theOptionalVariablesFillTheFields() {
    ConnectorSettings s = load(Map.of("FRESHDESK_URL", "https://acme.freshdesk.com", "FRESHDESK_API_KEY", "k",
        "FRESHDESK_ORDER_FIELD", "cf_shop_order", "FRESHDESK_TRACKING_FIELD", "cf_tracking",
        "FRESHDESK_ORDER_STATUS_FIELD", "cf_order_status", "FRESHDESK_SHIPMENT_STATUS_FIELD", "cf_shipment",
        "FRESHDESK_BRIDGE_KEY_FIELD", "cf_bridge_key", "FRESHDESK_DEFAULT_REQUESTER", "bridge@acme.test")).enabled().get(0);

    FreshdeskConfig c = FreshdeskConfig.from(s);
    assertThat(c.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("order_id", "cf_shop_order", "tracking_number", "cf_tracking",
        "order_status", "cf_order_status", "shipment_status", "cf_shipment", "bridge_key", "cf_bridge_key"));
    assertThat(c.defaultRequester()).isEqualTo("bridge@acme.test");
  }

  @Test
  void theKeyIsRequiredOnceTheUrlIsSet() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(Map.of("FRESHDESK_URL", "https://acme.freshdesk.com")))
        .hasMessageContaining("FRESHDESK_API_KEY");
  }
}
