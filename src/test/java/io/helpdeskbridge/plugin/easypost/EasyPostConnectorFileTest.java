package io.helpdeskbridge.plugin.easypost;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/easypost.yaml}: its gate, its one key and how it is read. */
class EasyPostConnectorFileTest {

  private static List<BridgeHome.ConfigFile> easypostFile() {
    List<BridgeHome.ConfigFile> files =
        new BridgeHome(Path.of("")).files("connectors").stream()
            .filter(f -> f.name().equals("easypost.yaml"))
            .toList();
    assertThat(files).hasSize(1);
    return files;
  }

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    return new ConnectorLoader(env, Set.of("easypost"), true).load(easypostFile());
  }

  @Test
  void isSwitchedOffUntilTheSecretIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("easypost");
  }

  @Test
  void readsTheSecretFromTheEnvironmentAsAListWhileRolling() {
    ConnectorSettings s =
        load(Map.of("EASYPOST_WEBHOOK_SECRET", "ep_old_secret,ep_new_secret")).enabled().get(0);

    assertThat(s.id()).isEqualTo("easypost");
    assertThat(s.plugin()).isEqualTo(new EasyPostEventSource().id());
    assertThat(s.file()).endsWith("connectors/easypost.yaml");
    assertThat(s.values()).containsOnlyKeys(EasyPostEventSource.WEBHOOK_SECRET, "api-key", "api-base");
    assertThat(s.list(EasyPostEventSource.WEBHOOK_SECRET))
        .containsExactly("ep_old_secret", "ep_new_secret");
  }
}
