package io.helpdeskbridge.config;

import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The process-level settings, all from environment variables with defaults that run a demo on a
 * laptop. A malformed value stops start-up with a message naming the variable.
 */
public record BridgeSettings(
    BridgeHome home,
    int httpPort,
    String storeUrl,
    String helpdesk,
    HelpdeskRetry.Policy retry,
    int shards,
    io.helpdeskbridge.dispatch.Redelivery redelivery,
    long maxBodyBytes,
    boolean requireSecrets,
    Duration coalesceWindow,
    Map<String, String> env) {

  public static BridgeSettings from(Map<String, String> env) {
    String homeVar = env.get("BRIDGE_HOME");
    Path homePath = homeVar == null || homeVar.isBlank() ? Path.of("").toAbsolutePath() : Path.of(homeVar);
    if (!homePath.toFile().isDirectory()) {
      throw new IllegalStateException("BRIDGE_HOME=" + homePath + " is not a folder");
    }
    BridgeHome home = new BridgeHome(homePath);
    String url = env.getOrDefault("BRIDGE_STORE_URL", "");
    return new BridgeSettings(
        home,
        intVar(env, "BRIDGE_HTTP_PORT", 8080, 0, 65535),
        url.isBlank() ? Store.defaultUrl(home.path()) : url,
        blankToNull(env.get("BRIDGE_HELPDESK")),
        new HelpdeskRetry.Policy(
            intVar(env, "BRIDGE_WRITE_ATTEMPTS", 5, 1, 100),
            Duration.ofMillis(intVar(env, "BRIDGE_RETRY_BACKOFF_MS", 1000, 0, 600_000)),
            Duration.ofSeconds(intVar(env, "BRIDGE_RETRY_AFTER_MAX_S", 120, 0, 3600))),
        intVar(env, "BRIDGE_SHARDS", 16, 1, 256),
        new io.helpdeskbridge.dispatch.Redelivery(
            intVar(env, "BRIDGE_DELIVERY_ATTEMPTS", 20, 1, 1000),
            Duration.ofMillis(intVar(env, "BRIDGE_REDELIVERY_BACKOFF_MS", 5000, 10, 3_600_000)),
            Duration.ofSeconds(intVar(env, "BRIDGE_REDELIVERY_MAX_BACKOFF_S", 600, 1, 86_400))),
        intVar(env, "BRIDGE_MAX_BODY_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
        Boolean.parseBoolean(env.getOrDefault("BRIDGE_REQUIRE_SECRETS", "false")),
        Duration.ofMillis(intVar(env, "BRIDGE_COALESCE_MS", 1000, 0, 600_000)),
        Map.copyOf(env));
  }

  /** A whole-number variable within bounds, or the fallback when unset; anything else stops start-up, naming it. */
  public static int intVar(Map<String, String> env, String name, int fallback, int min, int max) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalStateException(name + "=" + v + " is not a whole number between " + min + " and " + max);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
