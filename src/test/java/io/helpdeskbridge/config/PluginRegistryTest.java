package io.helpdeskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.ConnectorSpec;
import io.helpdeskbridge.yaml.YNode;
import io.helpdeskbridge.yaml.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plugin on the classpath, with its roles, its declared settings and its {@code connectors/}
 * example: a new vendor is one package, one registration, one example file, and this test says
 * which of the three is missing.
 */
class PluginRegistryTest {
  static final Plugins PLUGINS = Plugins.discover();

  /** The plugins this build ships; adding one means adding it here, its spec and its example. */
  static final Set<String> EXPECTED = new TreeSet<>(List.of(
      "adobe-commerce", "aftership", "dhl", "easypost", "fedex", "freshdesk", "hubspot", "netsuite", "paypal", "salesforce", "sandbox", "servicenow", "shopify", "signifyd",
      "stripe", "ups", "usps", "zendesk"));

  static Stream<String> ids() {
    return PLUGINS.ids().stream();
  }

  @Test
  void theRegistryListsEveryPluginOfEveryRole() {
    assertThat(PLUGINS.ids()).containsExactlyElementsOf(EXPECTED);
    assertThat(PLUGINS.specs().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void eachPluginHasASpecAndAnExampleThatUsesOnlyDeclaredSettings(String id) throws IOException {
    ConnectorSpec spec = PLUGINS.spec(id).orElseThrow(() -> new AssertionError(id + " has no ConnectorSpec registered"));
    assertThat(PLUGINS.roles(id)).as(id + " plays some role").isNotEmpty();
    assertThat(spec.title()).isNotBlank();
    assertThat(spec.summary()).isNotBlank();

    Path file = Path.of("connectors", id + ".yaml");
    assertThat(file).as("connectors/" + id + ".yaml").exists();
    String text = Files.readString(file);
    YNode root = YamlFiles.parse(file.toString(), text);
    assertThat(root.get("id").map(YNode::scalar)).contains(id);
    assertThat(root.get("plugin").map(YNode::scalar)).contains(id);

    Set<String> allowed = new TreeSet<>();
    spec.settings().forEach(s -> allowed.add(s.key()));
    EngineSettings.of(PLUGINS.roles(id)).forEach(s -> allowed.add(s.key()));
    Set<String> used = root.get("settings").map(n -> n.keys().keySet()).map(TreeSet::new).orElseGet(TreeSet::new);
    assertThat(allowed).as(file + ": settings the plugin does not declare").containsAll(used);

    List<String> problems = new ArrayList<>();
    for (ConnectorSpec.Setting s : spec.settings()) {
      // the example documents every setting, at least as a commented-out line
      if (!used.contains(s.key()) && !text.contains(s.key() + ":")) problems.add(s.key() + " is not in the example");
      if (s.required() && !used.contains(s.key())) problems.add(s.key() + " is required but not set in the example");
      if (s.secret() && used.contains(s.key())) {
        String v = root.get("settings").get().get(s.key()).get().scalar();
        if (v != null && !v.isBlank() && !v.startsWith("${env:")) problems.add(s.key() + " is a secret written into the file");
      }
    }
    assertThat(problems).as(file.toString()).isEmpty();
  }
}
