package io.helpdeskbridge.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one connector instance, read from {@code connectors/<id>.yaml} with every
 * {@code ${env:NAME}} already resolved. Values are strings, lists or maps as YAML gave them.
 */
public record ConnectorSettings(String id, String plugin, String file, Map<String, Object> values) {

  public ConnectorSettings {
    values = values == null ? Map.of() : new LinkedHashMap<>(values);
  }

  public static ConnectorSettings of(String plugin, Map<String, Object> values) {
    return new ConnectorSettings(plugin, plugin, "(built in)", values);
  }

  public boolean has(String key) {
    Object v = values.get(key);
    return v != null && !v.toString().isBlank();
  }

  public String string(String key, String fallback) {
    Object v = values.get(key);
    return v == null || v.toString().isBlank() ? fallback : v.toString();
  }

  /** A value the plugin cannot work without; a missing one names the key and the file. */
  public String require(String key) {
    if (!has(key)) {
      throw new IllegalStateException(file + ": connector '" + id + "' needs the setting '" + key + "'");
    }
    return values.get(key).toString();
  }

  public int integer(String key, int fallback) {
    return has(key) ? Integer.parseInt(values.get(key).toString().trim()) : fallback;
  }

  /** A list value, also accepting one comma-separated string (secrets being rolled: old,new). */
  public List<String> list(String key) {
    Object v = values.get(key);
    if (v == null) return List.of();
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      l.forEach(o -> out.add(String.valueOf(o)));
      return out;
    }
    return Arrays.stream(v.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A non-empty list (secrets, mostly); an empty one names the key and the file. */
  public List<String> requireList(String key) {
    List<String> values = list(key).stream().filter(v -> !v.isBlank()).toList();
    if (values.isEmpty()) {
      throw new IllegalStateException(file + ": connector '" + id + "' needs the setting '" + key + "'");
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> map(String key) {
    Object v = values.get(key);
    if (!(v instanceof Map<?, ?> m)) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<Object, Object>) m).forEach((k, val) -> out.put(String.valueOf(k), val == null ? null : String.valueOf(val)));
    return out;
  }

  public Path path() {
    return Path.of(file);
  }

  @Override
  public String toString() {
    // values may hold secrets: never print them
    return "ConnectorSettings[" + id + " (" + plugin + ") from " + file + "]";
  }
}
