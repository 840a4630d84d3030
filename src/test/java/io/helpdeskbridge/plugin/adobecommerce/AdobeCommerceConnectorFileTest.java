package io.helpdeskbridge.plugin.adobecommerce;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/adobe-commerce.yaml}: off by default, how it reads its variables, its defaults. */
class AdobeCommerceConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("adobe-commerce.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Plugins.discover().ids(), true).load(files);
  }

  @Test
  void isSwitchedOffUntilTheStoreIsNamed() {
    ConnectorLoader.Connectors c = load(Map.of("ADOBE_COMMERCE_WEBHOOK_SECRET", "s"));

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("adobe-commerce");
  }

  @Test
  void readsTheStoreTheTokenAndTheSecretsWhileRolling() {
    ConnectorSettings s = load(Map.of("ADOBE_COMMERCE_URL", "https://shop.example.com", "ADOBE_COMMERCE_ACCESS_TOKEN", "tok",
        "ADOBE_COMMERCE_WEBHOOK_SECRET", "old,new")).enabled().get(0);

    assertThat(s.plugin()).isEqualTo(new AdobeCommerceEventSource().id());
    assertThat(s.string("base-url", null)).isEqualTo("https://shop.example.com");
    assertThat(s.string("store-code", null)).isEqualTo("default");
    assertThat(s.string("secret-header", null)).isEqualTo("Authorization");
    assertThat(s.list("webhook-secret")).containsExactly("old", "new");
    assertThat(new AdobeCommerceLookup().enabled(s)).isTrue();
    assertThat(s.toString()).doesNotContain("tok").doesNotContain("old,new");
  }

  @Test
  void withoutATokenItListensButLooksNothingUp() {
    ConnectorSettings s = load(Map.of("ADOBE_COMMERCE_URL", "https://shop.example.com")).enabled().get(0);

    assertThat(new AdobeCommerceLookup().enabled(s)).isFalse();
  }
}
