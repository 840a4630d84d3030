package io.helpdeskbridge.plugin.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Shopify's fulfillment codes in an agent's words, read from {@code words.properties} beside this
 * class so the vocabulary is data: a parcel's {@code shipment_status} (or a fulfillment event's
 * {@code status}) and a fulfillment's own {@code status}. A code the file does not know is never
 * dropped: it is shown with its underscores and dashes as spaces.
 */
final class ShopifyWords {
  private static final Properties WORDS = load("words.properties");

  private ShopifyWords() {}

  /** {@code attempted_delivery} → {@code delivery attempted, not delivered}. */
  static String shipment(String status) {
    return word("shipment.", status);
  }

  /** A fulfillment's {@code status}: {@code failure} → {@code fulfillment request failed}. */
  static String fulfillment(String status) {
    return word("fulfillment.", status);
  }

  private static String word(String prefix, String code) {
    if (code == null || code.isBlank()) return null;
    // GraphQL spells these in capitals (ATTEMPTED_DELIVERY), REST in lower case
    String key = code.strip().toLowerCase(Locale.ROOT);
    return WORDS.getProperty(prefix + key, key.replaceAll("[_-]+", " "));
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = ShopifyWords.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing beside " + ShopifyWords.class.getName());
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
