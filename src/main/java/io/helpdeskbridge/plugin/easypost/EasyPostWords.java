package io.helpdeskbridge.plugin.easypost;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * EasyPost's tracker codes in an agent's words, read from {@code words.properties} beside this
 * class so the vocabulary is data: {@code status}, {@code status_detail} and carrier names ({@code
 * DHLExpress}). A code the file does not know is never dropped: it is shown with its underscores
 * and dashes as spaces.
 */
final class EasyPostWords {
  private static final Properties WORDS = load("words.properties");
  /** Details that only restate the status or say nothing: not worth a second phrase on the ticket. */
  private static final Set<String> PLAIN_DETAILS =
      Set.of("unknown", "status_update", "in_transit", "out_for_delivery", "return", "failure", "cancelled");

  private EasyPostWords() {}

  /**
   * {@code in transit (arrived at a carrier facility)}: the status in words, and the detail when it
   * adds something. An exception detail on an ordinary status ({@code in_transit} + {@code lost})
   * stands alone: {@code lost}.
   */
  static String status(String status, String detail) {
    String words = status == null ? null : word("status." + status);
    String detailWords = detail == null || PLAIN_DETAILS.contains(detail) || detail.equals(status)
        ? null : word("detail." + detail);
    if (words == null) return detailWords;
    return detailWords == null ? words : words + " (" + detailWords + ")";
  }

  /** An exception's status: the detail alone when the status itself is ordinary, else {@link #status}. */
  static String exception(String status, String detail, Set<String> exceptionStatuses) {
    if ((status == null || !exceptionStatuses.contains(status)) && detail != null) {
      return word("detail." + detail);
    }
    return status(status, detail);
  }

  /** {@code DHLExpress} → {@code DHL Express}; names EasyPost already spells plainly stay as they are. */
  static String carrier(String carrier) {
    if (carrier == null) return null;
    String name = WORDS.getProperty("carrier." + carrier.strip());
    return name != null ? name : spaced(carrier);
  }

  private static String word(String key) {
    String code = key.substring(key.indexOf('.') + 1);
    return WORDS.getProperty(key, spaced(code));
  }

  static String spaced(String code) {
    return code.strip().replaceAll("[_-]+", " ");
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = EasyPostWords.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing beside " + EasyPostWords.class.getName());
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
