package io.helpdeskbridge.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} (required) and {@code ${env:NAME:-default}} (optional, default may be
 * empty) inside connector values. A required variable that is not set is reported, naming it.
 */
public final class EnvReferences {
  private static final Pattern REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private final Map<String, String> env;

  public EnvReferences(Map<String, String> env) {
    this.env = env;
  }

  /** The value with references replaced; {@code missing} hears each required variable not set. */
  public String resolve(String value, Consumer<String> missing) {
    if (value == null || !value.contains("${env:")) return value;
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String v = env.get(name);
      if (v == null || v.isEmpty()) {
        if (m.group(2) != null) {
          v = m.group(3);
        } else {
          missing.accept(name);
          v = "";
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** True when every {@code ${env:} in the value is a complete, valid reference. */
  public static boolean wellFormed(String value) {
    return !REF.matcher(value).replaceAll("").contains("${env:");
  }

  public boolean isSet(String name) {
    String v = env.get(name);
    return v != null && !v.isEmpty();
  }
}
