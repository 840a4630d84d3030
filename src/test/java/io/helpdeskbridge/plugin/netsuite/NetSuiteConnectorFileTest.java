package io.helpdeskbridge.plugin.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.yaml.ProblemsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/netsuite.yaml}: its gate, its keys and defaults, and that it enables the lookup. */
class NetSuiteConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("netsuite.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Set.of("netsuite"), true).load(files);
  }

  private static Map<String, String> credentials() {
    Map<String, String> env = new HashMap<>(Map.of("NETSUITE_ACCOUNT_ID", "1234567_SB1", "NETSUITE_CONSUMER_KEY", "ck",
        "NETSUITE_CONSUMER_SECRET", "cs", "NETSUITE_TOKEN_ID", "tk", "NETSUITE_TOKEN_SECRET", "ts"));
    return env;
  }

  @Test
  void isSwitchedOffUntilTheAccountIdIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("netsuite");
  }

  @Test
  void readsTheCredentialsFromTheEnvironmentWithTheDefaultsOfTheRest() {
    ConnectorSettings s = load(credentials()).enabled().get(0);

    assertThat(s.plugin()).isEqualTo(new NetSuiteOrderLookup().id());
    assertThat(s.values()).containsOnlyKeys("account-id", "consumer-key", "consumer-secret", "token-id", "token-secret",
        "api-base", "order-number-field", "order-number-prefix", "payment-id-field", "lookup-timeout-ms",
        "lookups-per-second", "rate-limit-delay-seconds");
    assertThat(s.string("order-number-field", null)).isEqualTo("tranid");
    assertThat(s.has("api-base")).isFalse();
    assertThat(s.has("order-number-prefix")).isFalse();
    assertThat(s.integer("lookup-timeout-ms", 0)).isEqualTo(8000);
    assertThat(new NetSuiteOrderLookup().enabled(s)).isTrue();
  }

  @Test
  void anAccountWithoutItsTokenSecretStopsTheStartNamingTheVariable() {
    Map<String, String> env = credentials();
    env.remove("NETSUITE_TOKEN_SECRET");

    ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> load(env));

    assertThat(e.getMessage()).contains("NETSUITE_TOKEN_SECRET").contains("netsuite.yaml");
  }
}
