package io.helpdeskbridge.plugin.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Stripe's codes (decline codes, dispute reasons, refund failure reasons, Radar's fraud types and
 * review reasons) in words an agent understands. The words are data, in {@code
 * vocabulary/stripe.properties}; a code the file does not know is shown as the code with its
 * underscores turned into spaces, so a code Stripe adds later still reaches the ticket.
 *
 * @see <a href="https://docs.stripe.com/declines/codes">Stripe: decline codes</a>
 * @see <a href="https://docs.stripe.com/disputes/categories">Stripe: dispute categories</a>
 */
final class StripeVocabulary {

  static final String DECLINE = "decline";
  static final String FAILURE = "failure";
  static final String ADVICE = "advice";
  static final String DISPUTE = "dispute";
  static final String DISPUTE_STATUS = "dispute-status";
  static final String REFUND = "refund";
  static final String REFUND_FAILURE = "refund-failure";
  static final String FRAUD_TYPE = "fraud-type";
  static final String REVIEW = "review";
  static final String ACTION = "action";

  private static final Properties WORDS = load("/vocabulary/stripe.properties");

  private StripeVocabulary() {}

  /** The words for {@code code} in {@code group}; null for a null or blank code. */
  static String words(String group, String code) {
    if (code == null || code.isBlank()) return null;
    String known = WORDS.getProperty(group + "." + code.trim().toLowerCase(Locale.ROOT));
    return known != null ? known : spelled(code);
  }

  /** Whether the file has words for the code (an unknown one is only spelled out). */
  static boolean knows(String group, String code) {
    return code != null && WORDS.containsKey(group + "." + code.trim().toLowerCase(Locale.ROOT));
  }

  /** {@code some_new_code} → {@code some new code}. */
  static String spelled(String code) {
    return code.trim().replace('_', ' ');
  }

  static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = StripeVocabulary.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the classpath");
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
