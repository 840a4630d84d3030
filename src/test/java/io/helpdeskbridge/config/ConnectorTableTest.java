package io.helpdeskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectorTableTest {

  @Test
  void theReadmesConnectorTableIsTheOneThePluginsDeclare() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String fresh = ConnectorTable.splice(readme, new ConnectorTable(Plugins.discover()).markdown());
    if (Boolean.getBoolean("connector-table.write") && !fresh.equals(readme)) {
      Files.writeString(Path.of("README.md"), fresh);
      readme = fresh;
    }
    assertThat(readme)
        .as("README.md's connector table is stale: run "
            + "`mvn -B -o test -Dtest=ConnectorTableTest -Dconnector-table.write=true` to regenerate it")
        .isEqualTo(fresh);
  }

  @Test
  void theTableNamesEveryPluginSettingAndMarksSecrets() {
    String table = new ConnectorTable(Plugins.discover()).markdown();
    assertThat(table).contains("| Stripe").contains("`connectors/stripe.yaml`")
        .contains("| `refund-api-key` | no, secret |")
        .contains("`lookups-per-second`");
  }

  @Test
  void splicingNeedsTheMarkers() {
    assertThatThrownBy(() -> ConnectorTable.splice("# no markers here\n", "x"))
        .hasMessageContaining("connector-table:start");
    String spliced = ConnectorTable.splice("a\n" + ConnectorTable.START + "\nold\n" + ConnectorTable.END + "\nb\n", "new\n");
    assertThat(spliced).isEqualTo("a\n" + ConnectorTable.START + "\nnew\n" + ConnectorTable.END + "\nb\n");
  }
}
