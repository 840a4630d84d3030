package io.helpdeskbridge.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentRegionTest {
  @Test
  void theRegionIsWhatFollowsTheCity() {
    assertThat(IncidentStep.region("Memphis, TN, US")).isEqualTo("TN, US");
    assertThat(IncidentStep.region("memphis, tn")).isEqualTo("TN");
    assertThat(IncidentStep.region("Memphis,  , us")).isEqualTo("US");
    assertThat(IncidentStep.region("Memphis")).isNull();
    assertThat(IncidentStep.region(null)).isNull();
  }
}
