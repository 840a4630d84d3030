package io.helpdeskbridge.plugin.dhl;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.ConnectorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/dhl.yaml}: off until the key is set, and DHL's starting quota as its budget. */
class DhlConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("dhl.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Set.of("dhl"), true).load(files);
  }

  @Test
  void isSwitchedOffUntilTheKeyIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("dhl");
  }

  @Test
  void readsTheKeyFromTheEnvironmentAndBudgetsDhlsStartingQuota() {
    ConnectorSettings s = load(Map.of("DHL_API_KEY", "dhl-key-from-env")).enabled().get(0);

    assertThat(s.plugin()).isEqualTo("dhl");
    assertThat(new DhlLookup().enabled(s)).isTrue();
    assertThat(s.string("api-key", null)).isEqualTo("dhl-key-from-env");
    assertThat(s.string("api-base", null)).isEqualTo("https://api-eu.dhl.com");
    assertThat(s.integer("lookups-per-day", 0)).isEqualTo(250);
    assertThat(s.integer("lookups-per-second", 0)).isEqualTo(1);
    // every plugin setting is declared; the rest are the engine's lookup settings
    Set<String> declared = new java.util.TreeSet<>(new DhlSpec().settings().stream().map(ConnectorSpec.Setting::key).toList());
    declared.addAll(List.of("lookups-per-second", "lookups-per-day", "lookup-cache-seconds", "rate-limit-delay-seconds"));
    assertThat(declared).containsAll(s.values().keySet());
  }

  @Test
  void anUpgradedQuotaComesFromTheEnvironment() {
    ConnectorSettings s = load(Map.of("DHL_API_KEY", "k", "DHL_LOOKUPS_PER_DAY", "10000")).enabled().get(0);

    assertThat(s.integer("lookups-per-day", 0)).isEqualTo(10000);
  }

  @Test
  void theSpecMarksTheKeySecretAndRequired() {
    ConnectorSpec.Setting key = new DhlSpec().setting("api-key").orElseThrow();

    assertThat(key.secret()).isTrue();
    assertThat(key.required()).isTrue();
    assertThat(new DhlSpec().setting("api-base").orElseThrow().defaultValue()).isEqualTo("https://api-eu.dhl.com");
  }
}
