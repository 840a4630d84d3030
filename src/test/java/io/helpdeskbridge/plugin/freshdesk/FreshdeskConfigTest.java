package io.helpdeskbridge.plugin.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.spi.ConnectorSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshdeskConfigTest {

  private static FreshdeskConfig config(Map<String, Object> values) {
    return FreshdeskConfig.from(ConnectorSettings.of("freshdesk", values));
  }

  @Test
  void theUrlMayComeWithOrWithoutApiV2() {
    assertThat(config(Map.of("url", "https://acme.freshdesk.com", "api-key", "k")).apiBase())
        .isEqualTo("https://acme.freshdesk.com/api/v2");
    assertThat(config(Map.of("url", "https://acme.freshdesk.com/api/v2/", "api-key", "k")).apiBase())
        .isEqualTo("https://acme.freshdesk.com/api/v2");
    assertThat(config(Map.of("url", "http://127.0.0.1:8089/", "api-key", "k")).url()).isEqualTo("http://127.0.0.1:8089");
  }

  @Test
  void urlAndKeyAreRequiredAndTheUrlMustBeHttp() {
    assertThatThrownBy(() -> config(Map.of("api-key", "k"))).hasMessageContaining("'url'");
    assertThatThrownBy(() -> config(Map.of("url", "https://acme.freshdesk.com"))).hasMessageContaining("'api-key'");
    assertThatThrownBy(() -> config(Map.of("url", "acme.freshdesk.com", "api-key", "k"))).hasMessageContaining("http://");
  }

  @Test
  void statusesDefaultToFreshdesksCodesAndCanBeOverridden() {
    FreshdeskConfig plain = config(Map.of("url", "https://a.freshdesk.com", "api-key", "k"));
    assertThat(plain.status("new")).isEqualTo(2);
    assertThat(plain.status("open")).isEqualTo(2);
    assertThat(plain.status("pending")).isEqualTo(3);
    assertThat(plain.status("hold")).isEqualTo(3);
    assertThat(plain.status("solved")).isEqualTo(4);
    assertThat(plain.status("archived")).isNull();
    assertThat(FreshdeskConfig.priority("low")).isEqualTo(1);
    assertThat(FreshdeskConfig.priority("normal")).isEqualTo(2);
    assertThat(FreshdeskConfig.priority("high")).isEqualTo(3);
    assertThat(FreshdeskConfig.priority("urgent")).isEqualTo(4);

    FreshdeskConfig custom = config(Map.of("url", "https://a.freshdesk.com", "api-key", "k", "statuses", Map.of("hold", "7", "new", "")));
    assertThat(custom.status("hold")).isEqualTo(7);
    assertThat(custom.status("new")).isEqualTo(2);

    assertThatThrownBy(() -> config(Map.of("url", "https://a.freshdesk.com", "api-key", "k", "statuses", Map.of("hold", "later"))))
        .hasMessageContaining("statuses.hold");
  }

  @Test
  void fieldsTypesAndTimeouts() {
    FreshdeskConfig c = config(Map.of("url", "https://a.freshdesk.com", "api-key", "k",
        "fields", Map.of("order_id", " cf_order_number ", "tracking_number", ""),
        "types", Map.of("incident", "Incident", "task", ""), "request-timeout-ms", "1500"));

    assertThat(c.field("order_id")).isEqualTo("cf_order_number");
    assertThat(c.field("tracking_number")).isNull();
    assertThat(c.field("order_status")).isNull();
    assertThat(FreshdeskConfig.searchName("cf_order_number")).isEqualTo("order_number");
    assertThat(FreshdeskConfig.searchName("order_number")).isEqualTo("order_number");
    assertThat(c.type("incident")).isEqualTo("Incident");
    assertThat(c.type("task")).isNull();
    assertThat(c.type(null)).isNull();
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void toStringLeavesTheKeyOut() {
    FreshdeskConfig c = config(Map.of("url", "https://a.freshdesk.com", "api-key", "sEcReT-key-123"));

    assertThat(c.toString()).doesNotContain("sEcReT-key-123").contains("https://a.freshdesk.com");
  }
}
