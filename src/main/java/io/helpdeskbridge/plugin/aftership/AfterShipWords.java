package io.helpdeskbridge.plugin.aftership;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * AfterShip's codes in an agent's words, read from {@code words.properties} beside this class so
 * the vocabulary is data: delivery statuses ({@code Exception}), sub-statuses ({@code
 * Exception_013}) and courier slugs ({@code fedex}). A code the file does not know is never dropped:
 * it is shown with its underscores and dashes as spaces.
 */
final class AfterShipWords {
  private static final Properties WORDS = load("words.properties");

  private AfterShipWords() {}

  /**
   * Where the parcel stands, in words: the sub-status when known ({@code lost}), else AfterShip's
   * own {@code subtag_message} (it names sub-statuses newer than the file), else the status with
   * the unknown sub-status code beside it.
   */
  static String status(String tag, String subtag, String subtagMessage) {
    String known = subtag == null ? null : word("subtag." + subtag);
    if (known != null) {
      return known;
    }
    if (subtag != null && subtagMessage != null) {
      return subtagMessage;
    }
    String tagWords = tag == null ? null : or(word("tag." + tag), spaced(tag));
    if (subtag == null) {
      return tagWords;
    }
    return tagWords == null ? spaced(subtag) : tagWords + " (" + spaced(subtag) + ")";
  }

  /** {@code fedex} → {@code FedEx}; an unknown slug with spaces for its dashes. */
  static String carrier(String slug) {
    return slug == null ? null : or(word("slug." + slug), spaced(slug));
  }

  /** Codes are matched without case: AfterShip's own spelling varies between API versions. */
  private static String word(String key) {
    return WORDS.getProperty(key.strip().toLowerCase(Locale.ROOT));
  }

  private static String or(String value, String fallback) {
    return value != null ? value : fallback;
  }

  static String spaced(String code) {
    return code == null ? null : code.strip().replaceAll("[_-]+", " ");
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = AfterShipWords.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing beside " + AfterShipWords.class.getName());
      Properties raw = new Properties();
      raw.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      raw.forEach((k, v) -> p.setProperty(k.toString().toLowerCase(Locale.ROOT), v.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
