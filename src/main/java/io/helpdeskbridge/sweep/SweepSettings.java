package io.helpdeskbridge.sweep;

import io.helpdeskbridge.config.BridgeSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The stale-shipment sweep's settings, from the environment. A malformed value stops start-up with
 * a message naming the variable.
 *
 * @param interval how often each instance tries to sweep ({@code BRIDGE_STALE_SWEEP_SECONDS},
 *     default 900; 0 switches the sweep off); the cluster sweeps one at a time under a lock
 * @param quiet how long a parcel may go without a carrier event before it counts as delayed ({@code
 *     BRIDGE_STALE_QUIET_HOURS}, default 72)
 * @param pollEvery the least time between two polls of one tracker ({@code
 *     BRIDGE_STALE_POLL_MINUTES}, default 60)
 */
public record SweepSettings(Duration interval, Duration quiet, Duration pollEvery) {

  public static SweepSettings from(Map<String, String> env) {
    return new SweepSettings(
        Duration.ofSeconds(BridgeSettings.intVar(env, "BRIDGE_STALE_SWEEP_SECONDS", 900, 0, 86_400)),
        Duration.ofHours(BridgeSettings.intVar(env, "BRIDGE_STALE_QUIET_HOURS", 72, 1, 24 * 28)),
        Duration.ofMinutes(BridgeSettings.intVar(env, "BRIDGE_STALE_POLL_MINUTES", 60, 0, 7 * 24 * 60)));
  }

  /** Whether the sweep runs at all. */
  public boolean enabled() {
    return !interval.isZero();
  }
}
