package io.helpdeskbridge.plugin.signifyd;

import java.util.Locale;
import java.util.Map;

/**
 * Signifyd's codes as an agent reads them: the action as what Signifyd advises the merchant to do
 * ({@code REJECT} → "reject the order"), and a reason code as a sentence part ({@code
 * SIGNIFYD_DECLINED} → "Signifyd's review found the order too risky to guarantee"). Mapping
 * templates put them after "says" and "Reason:", so neither starts with a capital that a template
 * would not expect nor ends with a full stop.
 *
 * <p>A reason code this class does not know is written as words ({@code CARD_TESTING} → "card
 * testing"); free text that is not a code is kept as given.
 *
 * @see <a href="https://developer.signifyd.com/main/docs/configuring-webhooks">Signifyd: guarantee
 *     statuses and definitions</a>
 */
final class SignifydWords {

  private static final Map<String, String> ACTIONS =
      Map.of(
          "ACCEPT", "accept the order",
          "HOLD", "hold the order for review",
          "REJECT", "reject the order",
          SignifydNormalizer.GUARANTEE_DECLINED, "guarantee declined, do not ship",
          SignifydNormalizer.GUARANTEE_APPROVED, "guarantee approved, safe to ship",
          SignifydNormalizer.REVIEW_FRAUDULENT, "your reviewer marked the order fraudulent",
          SignifydNormalizer.REVIEW_GOOD, "your reviewer marked the order good");

  private static final Map<String, String> REASONS =
      Map.ofEntries(
          Map.entry("SIGNIFYD_DECLINED", "Signifyd's review found the order too risky to guarantee"),
          Map.entry("SIGNIFYD_APPROVED", "Signifyd approved the order and guarantees it"),
          Map.entry("MERCHANT_DECLINED", "declined by your own reviewer in Signifyd"),
          Map.entry("MERCHANT_APPROVED", "approved by your own reviewer in Signifyd"),
          Map.entry("MANUAL_REVIEW_REQUIRED", "a person has to review the order before it ships"),
          Map.entry("SIGNIFYD_REVIEW", "Signifyd's analysts are reviewing the order"),
          Map.entry("MERCHANT_POLICY", "one of your own Signifyd policies matched the order"));

  /** Why a v2 guarantee or review disposition says what it says (Signifyd's own definitions). */
  private static final Map<String, String> DISPOSITION_REASONS =
      Map.of(
          SignifydNormalizer.GUARANTEE_DECLINED,
          "Signifyd judged the order not safe to ship and will not reimburse a fraud chargeback on it;"
              + " this is a refusal to guarantee, not a finding of fraud",
          SignifydNormalizer.GUARANTEE_APPROVED,
          "Signifyd judged the order safe to ship and will reimburse a fraud chargeback on it",
          SignifydNormalizer.REVIEW_FRAUDULENT,
          "a reviewer of your team gave the case a thumbs down in the Signifyd console",
          SignifydNormalizer.REVIEW_GOOD,
          "a reviewer of your team gave the case a thumbs up in the Signifyd console");

  private SignifydWords() {}

  /** The advice in words; an action this class does not know is written as words too. */
  static String action(String code) {
    if (code == null) return null;
    String words = ACTIONS.get(code.toUpperCase(Locale.ROOT));
    return words != null ? words : codeInWords(code);
  }

  /**
   * The reason in words: the decision's own reason code when it gives one, else what the v2
   * disposition means.
   */
  static String reason(String code, String disposition) {
    if (code != null) {
      String words = REASONS.get(code.trim().toUpperCase(Locale.ROOT));
      return words != null ? words : codeInWords(code);
    }
    return disposition == null ? null : DISPOSITION_REASONS.get(disposition);
  }

  /** {@code CARD_TESTING} → "card testing"; text that is not an upper-case code stays as given. */
  static String codeInWords(String code) {
    String t = code.trim();
    if (!t.matches("[A-Z0-9]+(?:[_-][A-Z0-9]+)*")) return t;
    return t.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
  }
}
