package io.helpdeskbridge.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped {@code connectors/salesforce.yaml} and how its settings are read. */
class SalesforceConfigTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("salesforce.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Plugins.discover().ids(), true).load(files);
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("SALESFORCE_LOGIN_URL", "https://acme.my.salesforce.com/");
    env.put("SALESFORCE_CLIENT_ID", "3MVG9consumer");
    env.put("SALESFORCE_CLIENT_SECRET", "shh-client-secret");
    return env;
  }

  @Test
  void isOffUntilTheLoginUrlIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("salesforce");
  }

  @Test
  void theShippedDefaultsGiveClientCredentialsAndTheIssuesFieldNames() {
    ConnectorSettings s = load(env()).enabled().get(0);
    assertThat(s.plugin()).isEqualTo(new SalesforceHelpdesk().id());

    SalesforceConfig c = SalesforceConfig.from(s);

    assertThat(c.loginUrl()).isEqualTo("https://acme.my.salesforce.com");
    assertThat(c.auth()).isEqualTo(SalesforceConfig.Auth.CLIENT_CREDENTIALS);
    assertThat(c.apiVersion()).isEqualTo("62.0");
    assertThat(c.orderField()).isEqualTo("Order_Number__c");
    assertThat(c.trackingField()).isNull();
    assertThat(c.externalIdField()).isEqualTo("Bridge_Key__c");
    assertThat(c.tagsField()).isNull();
    assertThat(c.fields()).containsExactly(Map.entry("order_status", "Order_Status__c"));
    assertThat(c.fieldFor("order_id")).isEqualTo("Order_Number__c");
    assertThat(c.fieldFor("shipment_status")).isNull();
    assertThat(c.priorityFor("urgent")).isEqualTo("High");
    assertThat(c.priorityFor("normal")).isEqualTo("Medium");
    assertThat(c.statusFor("solved")).isEqualTo("Closed");
    assertThat(c.statusFor("pending")).isEqualTo("Working");
    assertThat(c.typeFor("task")).isNull();
    assertThat(c.origin()).isEqualTo("Web");
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.limitBackoff()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.toString()).doesNotContain("shh-client-secret");
  }

  @Test
  void theEnvironmentChoosesFieldsVersionAndFlow() {
    Map<String, String> env = env();
    env.put("SALESFORCE_API_VERSION", "v61.0");
    env.put("SALESFORCE_ORDER_FIELD", "Shop_Order__c");
    env.put("SALESFORCE_TAGS_FIELD", "Bridge_Tags__c");
    env.put("SALESFORCE_USERNAME", "bridge@acme.example");
    env.put("SALESFORCE_PASSWORD", "pw-secret");
    env.put("SALESFORCE_SHIPMENT_STATUS_FIELD", "Shipment_Status__c");

    SalesforceConfig c = SalesforceConfig.from(load(env).enabled().get(0));

    assertThat(c.apiVersion()).isEqualTo("61.0");
    assertThat(c.orderField()).isEqualTo("Shop_Order__c");
    assertThat(c.tagsField()).isEqualTo("Bridge_Tags__c");
    assertThat(c.auth()).isEqualTo(SalesforceConfig.Auth.PASSWORD);
    assertThat(c.fieldFor("shipment_status")).isEqualTo("Shipment_Status__c");
    assertThat(c.toString()).contains("bridge@acme.example").doesNotContain("pw-secret").doesNotContain("shh-client-secret");
  }

  @Test
  void aKeyStoreMeansJwtAndNeedsAUser() {
    Map<String, String> env = env();
    env.put("SALESFORCE_JWT_KEYSTORE", "/etc/bridge/salesforce.p12");
    env.put("SALESFORCE_JWT_KEYSTORE_PASSWORD", "ks");

    IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
        () -> SalesforceConfig.from(load(env).enabled().get(0)));
    assertThat(e.getMessage()).endsWith("connector 'salesforce' needs the setting 'username'");

    env.put("SALESFORCE_USERNAME", "bridge@acme.example");
    assertThat(SalesforceConfig.from(load(env).enabled().get(0)).auth()).isEqualTo(SalesforceConfig.Auth.JWT);
    assertThat(SalesforceApi.resourceUri("/etc/bridge/salesforce.p12")).isEqualTo("file:/etc/bridge/salesforce.p12");
    assertThat(SalesforceApi.resourceUri("classpath:sf.p12")).isEqualTo("classpath:sf.p12");
  }

  @Test
  void badValuesAreNamed() {
    Map<String, Object> s = new HashMap<>(Map.of("login-url", "ftp://x", "client-id", "c", "client-secret", "s"));
    assertThat(catchThrowableOfType(IllegalStateException.class, () -> SalesforceConfig.from(ConnectorSettings.of("salesforce", s))))
        .hasMessageContaining("login-url must start with http:// or https://");

    s.put("login-url", "https://login.salesforce.com");
    s.put("order-field", "Order Number' OR x");
    assertThat(catchThrowableOfType(IllegalStateException.class, () -> SalesforceConfig.from(ConnectorSettings.of("salesforce", s))))
        .hasMessageContaining("order-field must be a Salesforce API name");

    s.remove("order-field");
    s.put("auth", "saml");
    assertThat(catchThrowableOfType(IllegalStateException.class, () -> SalesforceConfig.from(ConnectorSettings.of("salesforce", s))))
        .hasMessageContaining("auth must be one of");
  }
}
