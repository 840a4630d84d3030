package io.helpdeskbridge.spi;

import java.util.List;
import java.util.Optional;

/**
 * What a vendor's plugin is and which settings its connector file takes: the one place the README's
 * connector table, {@code validate}'s unknown-setting check and the plugin registry test read. One
 * per plugin id, found by {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.helpdeskbridge.spi.ConnectorSpec}); the roles (webhook source, helpdesk,
 * lookup, refund action) come from the other SPIs registered under the same id.
 */
public interface ConnectorSpec {

  /** The plugin id, as in {@code plugin:} of a connector file. */
  String id();

  /** The vendor and product as people say it: {@code PayPal}, {@code UPS Tracking API}. */
  String title();

  /** One sentence: what the bridge does with this vendor. */
  String summary();

  /** Every key the connector's {@code settings:} may hold, in the order the example file gives them. */
  List<Setting> settings();

  default Optional<Setting> setting(String key) {
    return settings().stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /**
   * One setting. {@code required}: the plugin cannot work without it once the connector is
   * enabled. {@code secret}: a credential, never printed, only ever read from the environment.
   * {@code defaultValue}: what applies when the key is blank or absent (null: nothing).
   */
  record Setting(String key, String description, boolean required, boolean secret, String defaultValue) {
    public Setting {
      if (key == null || key.isBlank()) throw new IllegalArgumentException("a setting needs a key");
      if (description == null || description.isBlank()) throw new IllegalArgumentException("setting '" + key + "' needs a description");
    }

    public static Setting required(String key, String description) {
      return new Setting(key, description, true, false, null);
    }

    public static Setting requiredSecret(String key, String description) {
      return new Setting(key, description, true, true, null);
    }

    public static Setting secret(String key, String description) {
      return new Setting(key, description, false, true, null);
    }

    public static Setting optional(String key, String defaultValue, String description) {
      return new Setting(key, description, false, false, defaultValue);
    }
  }
}
