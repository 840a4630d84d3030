package io.helpdeskbridge.plugin.signifyd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignifydWordsTest {

  @Test
  void actionsReadAsAdviceToTheMerchant() {
    assertThat(SignifydWords.action("REJECT")).isEqualTo("reject the order");
    assertThat(SignifydWords.action("hold")).isEqualTo("hold the order for review");
    assertThat(SignifydWords.action("DECLINED")).isEqualTo("guarantee declined, do not ship");
    assertThat(SignifydWords.action("STEP_UP")).isEqualTo("step up");
  }

  @Test
  void knownReasonCodesAreSentencesAndUnknownOnesWordsButFreeTextStays() {
    assertThat(SignifydWords.reason("SIGNIFYD_DECLINED", null)).isEqualTo("Signifyd's review found the order too risky to guarantee");
    assertThat(SignifydWords.reason("HIGH_VELOCITY_SHIPPING_ADDRESS", null)).isEqualTo("high velocity shipping address");
    assertThat(SignifydWords.reason("Reviewed by Sam: mismatched names", null)).isEqualTo("Reviewed by Sam: mismatched names");
    assertThat(SignifydWords.reason(null, null)).isNull();
  }

  @Test
  void noWordsEndInAFullStopOrCarryACode() {
    for (String code : new String[] {"ACCEPT", "HOLD", "REJECT", "DECLINED", "APPROVED", "GOOD", "FRAUDULENT"}) {
      assertThat(SignifydWords.action(code)).doesNotEndWith(".").doesNotContain("_").isNotEqualTo(code);
      String reason = SignifydWords.reason(null, code);
      if (reason != null) assertThat(reason).doesNotEndWith(".").doesNotContain("_");
    }
  }
}
