package io.helpdeskbridge.plugin.paypal;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.ConnectorLoader;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the shipped {@code connectors/paypal.yaml}: off by default, and what its defaults mean. */
class PayPalConnectorFileTest {

  private static ConnectorLoader.Connectors load(Map<String, String> env) {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("connectors").stream()
        .filter(f -> f.name().equals("paypal.yaml")).toList();
    assertThat(files).hasSize(1);
    return new ConnectorLoader(env, Set.of("paypal"), true).load(files);
  }

  @Test
  void isSwitchedOffUntilTheWebhookIdIsSet() {
    ConnectorLoader.Connectors c = load(Map.of());

    assertThat(c.enabled()).isEmpty();
    assertThat(c.disabled()).containsExactly("paypal");
  }

  @Test
  void theDefaultsVerifyWithPayPalsCertificateOverHttpsOnPayPalsHostsOnly() {
    ConnectorSettings s = load(Map.of("PAYPAL_WEBHOOK_ID", "8PT597110X687430LKGECATA")).enabled().get(0);
    PayPalConfig c = PayPalConfig.of(s);

    assertThat(s.plugin()).isEqualTo(new PayPalEventSource().id());
    assertThat(c.webhookIds()).containsExactly("8PT597110X687430LKGECATA");
    assertThat(c.verification()).isEqualTo(PayPalConfig.Verification.CERTIFICATE);
    assertThat(c.tolerance()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.orderFrom()).containsExactly("invoice_id", "custom_id");
    assertThat(c.apiBase()).isEqualTo("https://api-m.paypal.com");
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.clientSecret()).isNull();
    assertThat(c.certHosts().allows(URI.create("https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1a5f47cb")))
        .isTrue();
    assertThat(c.certHosts().allows(URI.create("https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1"))).isTrue();
    assertThat(c.certHosts().allows(URI.create("http://api.paypal.com/v1/notifications/certs/CERT-1"))).isFalse();
    assertThat(c.certHosts().allows(URI.create("https://paypal.com.example/cert"))).isFalse();
  }

  @Test
  void apiModeReadsItsCredentialsAndNeverPrintsTheSecret() {
    ConnectorSettings s = load(Map.of("PAYPAL_WEBHOOK_ID", "8PT597110X687430LKGECATA,5GP028458E2496506",
        "PAYPAL_VERIFICATION", "api", "PAYPAL_CLIENT_ID", "client-id-1", "PAYPAL_CLIENT_SECRET", "pp-secret-do-not-print",
        "PAYPAL_API_BASE", "https://api-m.sandbox.paypal.com/")).enabled().get(0);
    PayPalConfig c = PayPalConfig.of(s);

    assertThat(c.webhookIds()).containsExactly("8PT597110X687430LKGECATA", "5GP028458E2496506");
    assertThat(c.verification()).isEqualTo(PayPalConfig.Verification.API);
    assertThat(c.clientSecret()).isEqualTo("pp-secret-do-not-print");
    assertThat(c.apiBase()).isEqualTo("https://api-m.sandbox.paypal.com");
    assertThat(c.toString()).doesNotContain("pp-secret-do-not-print");
    assertThat(s.toString()).doesNotContain("pp-secret-do-not-print");
  }
}
