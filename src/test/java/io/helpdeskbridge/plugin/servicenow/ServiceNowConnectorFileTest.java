package io.helpdeskbridge.plugin.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/servicenow.yaml}: its gate, defaults and that the plugin is registered. */
class ServiceNowConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("servicenow.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Plugins.discover().ids(), true).load(files);
  }

  @Test
  void isSwitchedOffUntilTheUrlIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("servicenow");
  }

  @Test
  void readsTheDefaults() {
    ConnectorSettings s = load(Map.of("SERVICENOW_URL", "https://acme.service-now.com/", "SERVICENOW_USERNAME", "u",
        "SERVICENOW_PASSWORD", "p")).enabled().get(0);

    assertThat(s.plugin()).isEqualTo(new ServiceNowHelpdesk().id());
    ServiceNowConfig c = ServiceNowConfig.from(s);
    assertThat(c.url()).isEqualTo("https://acme.service-now.com");
    assertThat(c.table()).isEqualTo("sn_customerservice_case");
    assertThat(c.field("order_id")).isEqualTo("u_order_number");
    assertThat(c.field("external_id")).isEqualTo("correlation_id");
    assertThat(c.field("tracking_number")).isNull();
    assertThat(c.oauthToken()).isNull();
    assertThat(c.tagsField()).isNull();
    assertThat(c.parentField()).isNull();
    assertThat(c.states()).isEmpty();
    assertThat(c.toString()).doesNotContain("p]");
  }

  @Test
  void credentialsAreRequiredOnceTheUrlIsSet() {
    ConnectorSettings s = load(Map.of("SERVICENOW_URL", "https://acme.service-now.com")).enabled().get(0);

    assertThatThrownBy(() -> ServiceNowConfig.from(s)).hasMessageContaining("oauth-token");
  }
}
