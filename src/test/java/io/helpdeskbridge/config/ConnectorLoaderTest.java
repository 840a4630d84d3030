package io.helpdeskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.yaml.Problem;
import io.helpdeskbridge.yaml.ProblemsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorLoaderTest {

  private static final Set<String> PLUGINS = Plugins.discover().ids();

  private static List<BridgeHome.ConfigFile> shipped() {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors");
    assertThat(files).extracting(BridgeHome.ConfigFile::name).contains("sandbox.yaml", "stripe.yaml", "zendesk.yaml");
    return files;
  }

  private static BridgeHome.ConfigFile shipped(String name) {
    return shipped().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  /** 1-based line of the first line of {@code text} that starts with {@code prefix}. */
  private static int lineOf(String text, String prefix) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(prefix)) return i + 1;
    throw new AssertionError("no line starting with '" + prefix + "' in:\n" + text);
  }

  private static BridgeHome.ConfigFile file(String name, String text) {
    return new BridgeHome.ConfigFile(name, "connectors/" + name, text);
  }

  private static ConnectorLoader.Connectors load(Map<String, String> env, boolean reportMissingEnv,
      List<BridgeHome.ConfigFile> files) {
    return new ConnectorLoader(env, PLUGINS, reportMissingEnv).load(files);
  }

  private static List<Problem> problems(Map<String, String> env, boolean reportMissingEnv,
      List<BridgeHome.ConfigFile> files) {
    ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> load(env, reportMissingEnv, files));
    assertThat(e).as("loading should have failed").isNotNull();
    return e.problems();
  }

  private static ConnectorSettings enabled(ConnectorLoader.Connectors c, String id) {
    return c.enabled().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("not enabled: " + id + " in " + c));
  }

  @Test
  void shippedConnectorsLoadWithZendeskSwitchedOff() {
    ConnectorLoader.Connectors c = load(Map.of("STRIPE_WEBHOOK_SECRET", "x"), true, shipped());

    assertThat(c.disabled()).contains("zendesk").doesNotContain("stripe", "sandbox");
    assertThat(c.enabled()).extracting(ConnectorSettings::id).containsExactlyInAnyOrder("stripe", "sandbox");
    assertThat(c.enabled()).extracting(ConnectorSettings::plugin).containsExactlyInAnyOrder("stripe", "sandbox");

    ConnectorSettings stripe = enabled(c, "stripe");
    assertThat(stripe.file()).endsWith("connectors/stripe.yaml");
    assertThat(stripe.string("webhook-secret", null)).isEqualTo("x");
    assertThat(stripe.integer("tolerance-seconds", -1)).isEqualTo(300);
    assertThat(stripe.string("order-metadata-key", null)).isEqualTo("order_id");
    assertThat(stripe.string("refunds-from", null)).isEqualTo("charge");

    assertThat(enabled(c, "sandbox").string("auto-create-tickets", null)).isEqualTo("true");
  }

  @Test
  void shippedStripeConnectorTakesOverridesFromTheEnvironment() {
    ConnectorLoader.Connectors c = load(
        Map.of("STRIPE_WEBHOOK_SECRET", "whsec_old,whsec_new", "STRIPE_TOLERANCE_SECONDS", "0",
            "STRIPE_REFUNDS_FROM", "refund"),
        true, List.of(shipped("stripe.yaml")));

    ConnectorSettings stripe = enabled(c, "stripe");
    assertThat(stripe.list("webhook-secret")).containsExactly("whsec_old", "whsec_new");
    assertThat(stripe.integer("tolerance-seconds", -1)).isZero();
    assertThat(stripe.string("refunds-from", null)).isEqualTo("refund");
  }

  @Test
  void shippedZendeskIsEnabledWhenItsVariablesAreSet() {
    Map<String, String> env = Map.of("ZENDESK_URL", "https://acme.zendesk.com", "ZENDESK_EMAIL", "ops@acme.com",
        "ZENDESK_API_TOKEN", "tok_123", "ZENDESK_ORDER_FIELD_ID", "360001");

    ConnectorLoader.Connectors c = load(env, true, List.of(shipped("zendesk.yaml")));

    assertThat(c.disabled()).isEmpty();
    ConnectorSettings z = enabled(c, "zendesk");
    assertThat(z.require("url")).isEqualTo("https://acme.zendesk.com");
    assertThat(z.require("email")).isEqualTo("ops@acme.com");
    assertThat(z.require("api-token")).isEqualTo("tok_123");
    assertThat(z.map("fields")).containsEntry("order_id", "360001");
    assertThat(z.integer("connect-timeout-ms", -1)).isEqualTo(5000);
    assertThat(z.integer("request-timeout-ms", -1)).isEqualTo(30000);
  }

  @Test
  void missingRequiredVariablesAreReportedWithFileAndLine() {
    BridgeHome.ConfigFile zendesk = shipped("zendesk.yaml");

    List<Problem> problems = problems(Map.of("ZENDESK_URL", "https://acme.zendesk.com"), true, shipped());

    assertThat(problems)
        .extracting(Problem::file, Problem::line)
        .containsExactlyInAnyOrder(
            tuple(zendesk.location(), lineOf(zendesk.text(), "  email:")),
            tuple(zendesk.location(), lineOf(zendesk.text(), "  api-token:")));
    assertThat(problems).allSatisfy(p -> assertThat(p.file()).endsWith("connectors/zendesk.yaml"));
    assertThat(problems).extracting(Problem::message).containsExactlyInAnyOrder(
        "environment variable ZENDESK_EMAIL is not set (needed by settings.email)",
        "environment variable ZENDESK_API_TOKEN is not set (needed by settings.api-token)");
  }

  @Test
  void missingVariablesInClasspathDefaultsCarryTheClasspathLabel() {
    BridgeHome.ConfigFile onClasspath = new BridgeHome.ConfigFile("zendesk.yaml", "classpath:connectors/zendesk.yaml",
        shipped("zendesk.yaml").text());

    List<Problem> problems = problems(Map.of("ZENDESK_URL", "u", "ZENDESK_EMAIL", "e"), true, List.of(onClasspath));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("classpath:connectors/zendesk.yaml");
      assertThat(p.line()).isEqualTo(lineOf(onClasspath.text(), "  api-token:"));
      assertThat(p.message()).contains("ZENDESK_API_TOKEN");
    });
  }

  @Test
  void missingVariablesAreNotAProblemWhenNotReported() {
    ConnectorLoader.Connectors c = load(Map.of("ZENDESK_URL", "https://acme.zendesk.com"), false, shipped());

    ConnectorSettings z = enabled(c, "zendesk");
    assertThat(z.has("email")).isFalse();
    assertThat(z.has("api-token")).isFalse();
    assertThat(c.disabled()).doesNotContain("zendesk");
  }

  @Test
  void missingVariableInsideNestedSettingsNamesItsPath() {
    String text = """
        id: hd
        plugin: zendesk
        settings:
          fields:
            order_id: ${env:ORDER_FIELD}
          ids:
            - ${env:FIRST}
        """;

    List<Problem> problems = problems(Map.of(), true, List.of(file("hd.yaml", text)));

    assertThat(problems).extracting(Problem::line, Problem::message).containsExactlyInAnyOrder(
        tuple(5, "environment variable ORDER_FIELD is not set (needed by settings.fields.order_id)"),
        tuple(7, "environment variable FIRST is not set (needed by settings.ids[0])"));
  }

  @Test
  void defaultsApplyWhenVariablesAreUnset() {
    String text = """
        id: hd
        plugin: zendesk
        settings:
          url: ${env:HD_URL:-http://localhost:8080}
          token: ${env:HD_TOKEN:-}
          both: ${env:A:-a}-${env:B}
          nested:
            list: ["${env:L:-one}", two]
        """;

    ConnectorSettings s = enabled(load(Map.of("B", "b"), true, List.of(file("hd.yaml", text))), "hd");

    assertThat(s.string("url", null)).isEqualTo("http://localhost:8080");
    assertThat(s.values().get("token")).isEqualTo("");
    assertThat(s.has("token")).isFalse();
    assertThat(s.string("both", null)).isEqualTo("a-b");
    assertThat(s.values().get("nested")).isEqualTo(Map.of("list", List.of("one", "two")));
  }

  @Test
  void gateVariableSetToEmptyKeepsTheConnectorOff() {
    ConnectorLoader.Connectors c = load(Map.of("ZENDESK_URL", ""), true, List.of(shipped("zendesk.yaml")));

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("zendesk");
  }

  @Test
  void idMustEqualTheFileName() {
    String text = "id: stripe-live\nplugin: stripe\n";

    List<Problem> problems = problems(Map.of(), true, List.of(file("stripe.yaml", text)));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("connectors/stripe.yaml");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).isEqualTo("id 'stripe-live' must equal the file name 'stripe'");
    });
  }

  @Test
  void unknownPluginListsTheKnownOnes() {
    String text = "# helpdesk\nid: helpscout\nplugin: helpscout\n";

    List<Problem> problems = problems(Map.of(), true, List.of(file("helpscout.yaml", text)));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).startsWith("unknown plugin 'helpscout' (known: ").contains("sandbox, ").contains("stripe, ").contains("zendesk)");
    });
  }

  @Test
  void missingIdAndPluginAndUnknownKeysAreAllReported() {
    String text = "description: nothing\nsetings:\n  a: b\n";

    List<Problem> problems = problems(Map.of(), true, List.of(file("x.yaml", text)));

    assertThat(problems).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).startsWith("unknown key 'setings'"))
        .anySatisfy(m -> assertThat(m).contains("missing key 'id'").contains(": x)"))
        .anySatisfy(m -> assertThat(m).contains("missing key 'plugin'").contains("sandbox, ").contains("stripe, ").contains("zendesk)"));
    assertThat(problems).filteredOn(p -> p.message().startsWith("unknown key")).extracting(Problem::line)
        .containsExactly(2);
  }

  @Test
  void problemsOfSeveralFilesAreAllReported() {
    List<Problem> problems = problems(Map.of(), true, List.of(
        file("a.yaml", "id: b\nplugin: stripe\n"),
        file("c.yaml", "id: c\nplugin: nope\n"),
        file("d.yaml", "id: d\n  plugin: stripe\n")));

    assertThat(problems).extracting(Problem::file, Problem::line).containsExactly(
        tuple("connectors/a.yaml", 1), tuple("connectors/c.yaml", 2), tuple("connectors/d.yaml", 2));
  }

  @Test
  void scalarSettingsAreReported() {
    List<Problem> problems = problems(Map.of(), true, List.of(file("s.yaml", "id: s\nplugin: stripe\nsettings: abc\n")));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).contains("'settings' must be a mapping");
    });
  }

  @Test
  void connectorWithoutSettingsLoadsWithNoValues() {
    ConnectorSettings s = enabled(load(Map.of(), true, List.of(file("s.yaml", "id: s\nplugin: sandbox\n"))), "s");

    assertThat(s.values()).isEmpty();
    assertThat(s.plugin()).isEqualTo("sandbox");
    assertThat(s.file()).isEqualTo("connectors/s.yaml");
  }

  @Test
  void toStringNeverContainsSecretValues() {
    Map<String, String> env = new HashMap<>();
    env.put("STRIPE_WEBHOOK_SECRET", "whsec_TOPSECRET1");
    env.put("ZENDESK_URL", "https://acme.zendesk.com");
    env.put("ZENDESK_EMAIL", "ops@acme.com");
    env.put("ZENDESK_API_TOKEN", "tok_TOPSECRET2");

    ConnectorLoader.Connectors c = load(env, true, shipped());

    assertThat(enabled(c, "stripe").require("webhook-secret")).isEqualTo("whsec_TOPSECRET1");
    assertThat(enabled(c, "zendesk").require("api-token")).isEqualTo("tok_TOPSECRET2");
    for (ConnectorSettings s : c.enabled()) {
      assertThat(s.toString()).doesNotContain("TOPSECRET").contains(s.id());
    }
    assertThat(c.toString()).doesNotContain("TOPSECRET");
  }

  @Test
  void aMalformedEnvReferenceIsAProblemNotALiteralValue() {
    List<Problem> p = problems(Map.of(), true, List.of(file("x.yaml", "id: x\nplugin: sandbox\nsettings:\n  url: ${env:ZENDESK-URL}\n")));

    assertThat(p).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(4);
      assertThat(problem.message()).contains("malformed reference in settings.url");
    });
  }

  @Test
  void enabledWhenSetMustNameOneVariableAndSettingsMustBeAMapping() {
    List<Problem> p = problems(Map.of(), true,
        List.of(file("x.yaml", "id: x\nplugin: sandbox\nenabled-when-set: [A]\nsettings: [a, b]\n")));

    assertThat(p).extracting(Problem::line).containsExactlyInAnyOrder(3, 4);
  }

  @Test
  void anEmptySettingsBlockIsFine() {
    ConnectorLoader.Connectors c = load(Map.of(), true, List.of(file("x.yaml", "id: x\nplugin: sandbox\nsettings:\n  # none yet\n")));

    assertThat(c.enabled()).extracting(ConnectorSettings::id).containsExactly("x");
  }

  @Test
  void aSettingThePluginDoesNotDeclareIsRefusedWithFileLineAndTheLikelyMeaning() {
    String text = "id: stripe-eu\nplugin: stripe\nsettings:\n  webhook-secrt: whsec_x\n  lookups-per-second: 2\n";
    ProblemsException e = catchThrowableOfType(ProblemsException.class, () ->
        new ConnectorLoader(Map.of(), PLUGINS, true).checkingSettingsOf(Plugins.discover())
            .load(List.of(file("stripe-eu.yaml", text))));

    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("connectors/stripe-eu.yaml");
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.message()).startsWith("unknown setting 'webhook-secrt' for plugin 'stripe' (did you mean 'webhook-secret'?)");
    });
  }

  @Test
  void everyShippedConnectorUsesOnlyDeclaredSettings() {
    ConnectorLoader.Connectors c = new ConnectorLoader(Map.of(), PLUGINS, false).checkingSettingsOf(Plugins.discover()).load(shipped());
    assertThat(c.enabled().size() + c.disabled().size()).isEqualTo(shipped().size());
  }
}
