package io.helpdeskbridge.plugin.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.ConnectorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/usps.yaml}: off until the client id is set, and then the secret is required. */
class UspsConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("usps.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Set.of("usps"), true).load(files);
  }

  @Test
  void isSwitchedOffUntilTheClientIdIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("usps");
  }

  @Test
  void readsTheCredentialsFromTheEnvironment() {
    ConnectorSettings s = load(Map.of("USPS_CLIENT_ID", "id-from-env", "USPS_CLIENT_SECRET", "secret-from-env"))
        .enabled().get(0);

    assertThat(s.plugin()).isEqualTo("usps");
    assertThat(new UspsLookup().enabled(s)).isTrue();
    assertThat(s.string("client-id", null)).isEqualTo("id-from-env");
    assertThat(s.string("client-secret", null)).isEqualTo("secret-from-env");
    assertThat(s.string("api-base", null)).isEqualTo("https://apis.usps.com");
    assertThat(s.integer("lookups-per-day", 0)).isEqualTo(1440);
    Set<String> declared = new TreeSet<>(new UspsSpec().settings().stream().map(ConnectorSpec.Setting::key).toList());
    declared.addAll(List.of("lookups-per-second", "lookups-per-day", "lookup-cache-seconds", "rate-limit-delay-seconds"));
    assertThat(declared).containsAll(s.values().keySet());
  }

  @Test
  void aMissingSecretStopsTheStartNamingTheVariable() {
    assertThatThrownBy(() -> load(Map.of("USPS_CLIENT_ID", "id-from-env")))
        .hasMessageContaining("USPS_CLIENT_SECRET");
  }

  @Test
  void theSpecMarksOnlyTheSecretSecret() {
    UspsSpec spec = new UspsSpec();

    assertThat(spec.setting("client-secret").orElseThrow().secret()).isTrue();
    assertThat(spec.setting("client-id").orElseThrow().secret()).isFalse();
    assertThat(spec.settings()).allSatisfy(s -> assertThat(s.required()).isEqualTo(!s.key().equals("api-base")));
  }
}
