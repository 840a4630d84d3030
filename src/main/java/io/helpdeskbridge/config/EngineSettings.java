package io.helpdeskbridge.config;

import io.helpdeskbridge.config.Plugins.Role;
import io.helpdeskbridge.spi.ConnectorSpec.Setting;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Settings the engine reads from any connector of a role, whatever the plugin: the helpdesk budget
 * and breaker, the lookups' timeout, budget and cache. Plugins declare only their own.
 */
public final class EngineSettings {
  private EngineSettings() {}

  public static List<Setting> of(Role role) {
    return switch (role) {
      case HELPDESK -> List.of(
          Setting.optional("requests-per-minute", "0", "the helpdesk API budget shared by every route, spread over the minute; 0 = only the helpdesk's own rate-limit answers slow the bridge"),
          Setting.optional("breaker-open-seconds", "30", "how long the circuit breaker stops calling a helpdesk that keeps failing before a probe"),
          Setting.optional("updates-per-ticket", "0", "at most this many bridge updates per ticket per window (0 = no cap); the rest wait"),
          Setting.optional("updates-per-ticket-minutes", "10", "the window of updates-per-ticket"));
      case LOOKUP -> List.of(
          Setting.optional("lookup-timeout-ms", "3000", "a lookup not answered within this is named on the ticket as \"could not be fetched\""),
          Setting.optional("lookups-per-second", "5", "this connector's lookup budget, shared by enrichment and the stale-shipment sweep"),
          Setting.optional("lookups-per-day", "0", "a daily quota of lookups (0 = none), for APIs that count per day"),
          Setting.optional("lookup-cache-seconds", "60", "how long an answer is reused for the same order or parcel"),
          Setting.optional("rate-limit-delay-seconds", "60", "the pause after the vendor refused for its rate limit without a Retry-After"));
      case SOURCE, REFUND -> List.of();
    };
  }

  public static List<Setting> of(EnumSet<Role> roles) {
    List<Setting> out = new ArrayList<>();
    for (Role r : roles) for (Setting s : of(r)) if (out.stream().noneMatch(o -> o.key().equals(s.key()))) out.add(s);
    return out;
  }
}
