package io.helpdeskbridge.plugin.paypal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * PayPal's codes (dispute reasons, statuses, life cycle stages and outcomes, capture and refund
 * status reasons) in words an agent understands. The words are data, in {@code
 * vocabulary/paypal.properties}; an unknown code is shown in lower case with its underscores
 * turned into spaces, never dropped.
 *
 * @see <a href="https://developer.paypal.com/docs/api/customer-disputes/v1/">PayPal: Disputes v1</a>
 */
final class PayPalVocabulary {

  static final String REASON = "reason";
  static final String STATUS = "status";
  static final String STAGE = "stage";
  static final String OUTCOME = "outcome";
  static final String STATUS_REASON = "status-reason";
  static final String CAPTURE = "capture";
  static final String REFUND = "refund";

  private static final Properties WORDS = load();

  private PayPalVocabulary() {}

  static String words(String group, String code) {
    if (code == null || code.isBlank()) return null;
    String known = WORDS.getProperty(group + "." + code.trim().toUpperCase(Locale.ROOT));
    return known != null ? known : code.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = PayPalVocabulary.class.getResourceAsStream("/vocabulary/paypal.properties")) {
      if (in == null) throw new IllegalStateException("vocabulary/paypal.properties is missing from the classpath");
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
