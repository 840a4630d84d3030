package io.helpdeskbridge.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepSettingsTest {

  @Test
  void defaultsSweepEveryFifteenMinutesQuietAfterThreeDaysPollHourly() {
    SweepSettings s = SweepSettings.from(Map.of());

    assertThat(s).isEqualTo(new SweepSettings(Duration.ofSeconds(900), Duration.ofHours(72), Duration.ofMinutes(60)));
    assertThat(s.enabled()).isTrue();
  }

  @Test
  void everyVariableIsRead() {
    SweepSettings s = SweepSettings.from(Map.of("BRIDGE_STALE_SWEEP_SECONDS", "300", "BRIDGE_STALE_QUIET_HOURS", "48",
        "BRIDGE_STALE_POLL_MINUTES", "0"));

    assertThat(s).isEqualTo(new SweepSettings(Duration.ofSeconds(300), Duration.ofHours(48), Duration.ZERO));
    assertThat(SweepSettings.from(Map.of("BRIDGE_STALE_SWEEP_SECONDS", "0")).enabled()).isFalse();
  }

  @Test
  void aMalformedValueNamesItsVariable() {
    assertThatThrownBy(() -> SweepSettings.from(Map.of("BRIDGE_STALE_QUIET_HOURS", "0")))
        .hasMessageContaining("BRIDGE_STALE_QUIET_HOURS=0");
    assertThatThrownBy(() -> SweepSettings.from(Map.of("BRIDGE_STALE_SWEEP_SECONDS", "soon")))
        .hasMessageContaining("BRIDGE_STALE_SWEEP_SECONDS");
  }
}
