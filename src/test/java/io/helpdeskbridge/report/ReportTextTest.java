package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTextTest {

  @Test
  void anErrorLosesItsClassNameAndAttemptCountersSoAlikeErrorsCountTogether() {
    assertThat(ReportText.error("TicketWriteFailed: zendesk: Zendesk 503 (after 5 attempts) (delivery 4 of 20)"))
        .isEqualTo("zendesk: Zendesk 503");
    assertThat(ReportText.error("IllegalStateException: source 'x' is no longer enabled"))
        .isEqualTo("source 'x' is no longer enabled");
  }

  @Test
  void cardNumbersAndCredentialsAreMasked() {
    assertThat(ReportText.error("refused 4111 1111 1111 1111 with key sk_live_51Habc and Bearer abc.def, whsec_xyz"))
        .doesNotContain("1111 1111").doesNotContain("sk_live_51Habc").doesNotContain("abc.def").doesNotContain("whsec_xyz")
        .contains("[card •••• 1111]").contains("[masked]");
  }

  @Test
  void onlyTheFirstLineOfALongErrorIsKeptAndItIsCutShort() {
    assertThat(ReportText.error("first\nsecond")).isEqualTo("first");
    assertThat(ReportText.error("x".repeat(500))).hasSize(ReportText.MAX_ERROR).endsWith("…");
    assertThat(ReportText.error(null)).isEqualTo("(no error recorded)");
  }
}
