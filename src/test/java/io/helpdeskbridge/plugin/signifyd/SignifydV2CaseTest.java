package io.helpdeskbridge.plugin.signifyd;

import static io.helpdeskbridge.plugin.signifyd.SignifydNormalizerTest.RECEIVED;
import static io.helpdeskbridge.plugin.signifyd.SignifydNormalizerTest.fixture;
import static io.helpdeskbridge.plugin.signifyd.SignifydNormalizerTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.event.FraudCleared;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Signifyd v2 case webhooks: what each guarantee and review disposition means for the ticket. */
class SignifydV2CaseTest {

  private static List<OrderEvent> normalize(String topic, String file) throws IOException {
    return SignifydNormalizer.normalize(request("X-SIGNIFYD-TOPIC", topic), fixture(file));
  }

  @Test
  void aDeclinedGuaranteeIsAFraudFlagWordedAsARefusedGuaranteeNotAsFraud() throws IOException {
    List<OrderEvent> events = normalize("guarantees/completion", "guarantees-completion.declined.json");

    assertThat(events)
        .containsExactly(
            new FraudFlagged(
                "signifyd",
                "guarantee:1007:DECLINED",
                RECEIVED,
                new OrderRef("1007", "signifyd:1840022", null, null, null, null),
                "guarantees/completion.DECLINED",
                "signifyd",
                "guarantee declined, do not ship",
                "188",
                "Signifyd judged the order not safe to ship and will not reimburse a fraud chargeback on it;"
                    + " this is a refusal to guarantee, not a finding of fraud",
                "1840022"));
  }

  @Test
  void aRescoreThatRepeatsTheDeclineHasTheSameKeySoItIsStoredOnce() throws IOException {
    FraudFlagged completion =
        (FraudFlagged) normalize("guarantees/completion", "guarantees-completion.declined.json").get(0);
    FraudFlagged rescore = (FraudFlagged) normalize("cases/rescore", "cases-rescore.declined-again.json").get(0);

    assertThat(rescore.sourceEventId()).isEqualTo(completion.sourceEventId());
    assertThat(rescore.vendorType()).isEqualTo("cases/rescore.DECLINED");
  }

  @Test
  void anApprovedGuaranteeClearsTheFlag() throws IOException {
    assertThat(normalize("guarantees/completion", "guarantees-completion.approved.json"))
        .containsExactly(
            new FraudCleared(
                "signifyd",
                "guarantee:000000043:APPROVED",
                RECEIVED,
                new OrderRef("000000043", "signifyd:1840025", null, null, null, null),
                "guarantees/completion.APPROVED",
                "signifyd",
                "Signifyd judged the order safe to ship and will reimburse a fraud chargeback on it",
                "1840025"));
  }

  @ParameterizedTest
  @CsvSource({
    "cases/review, cases-review.fraudulent.json, review:1008:FRAUDULENT, your reviewer marked the order fraudulent",
  })
  void theMerchantsOwnThumbsDownOnCasesReviewFlags(String topic, String file, String key, String action)
      throws IOException {
    FraudFlagged flagged = (FraudFlagged) normalize(topic, file).get(0);

    assertThat(flagged.sourceEventId()).isEqualTo(key);
    assertThat(flagged.action()).isEqualTo(action);
    assertThat(flagged.reason()).contains("thumbs down");
    assertThat(flagged.score()).isEqualTo("271");
  }

  @Test
  void aThumbsUpClearsAndAMissingScoreStaysMissing() throws IOException {
    FraudCleared cleared = (FraudCleared) normalize("cases/review", "cases-review.good.no-score.json").get(0);

    assertThat(cleared.sourceEventId()).isEqualTo("review:1009:GOOD");
    assertThat(cleared.reason()).contains("thumbs up");
  }

  @Test
  void aReviewDispositionIsNewsOnlyOnTheReviewTopic() throws IOException {
    assertThat(normalize("cases/rescore", "cases-review.fraudulent.json")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "cases/creation, cases-creation.pending.json",
    "cases/rescore, cases-rescore.json",
    "guarantees/completion, guarantees-completion.canceled.json",
    "cases/test, cases-test.json",
  })
  void pendingInReviewCanceledAndTestCasesDecideNothing(String topic, String file) throws IOException {
    assertThat(normalize(topic, file)).isEmpty();
  }

  @Test
  void aV3ActionWinsOverAGuaranteeDispositionInTheSameBody() throws IOException {
    FraudFlagged flagged = (FraudFlagged) normalize("decisions/guarantee", "v2-flat-reject.json").get(0);

    assertThat(flagged.action()).isEqualTo("reject the order");
    assertThat(flagged.sourceEventId()).isEqualTo("decisions/guarantee:A-17:REJECT");
  }
}
