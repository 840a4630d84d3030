package io.helpdeskbridge.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps card numbers out of tickets and ops views, and vendor identifiers in them. Any run of 13 to
 * 19 digits (spaces or dashes between them allowed) that passes the Luhn check is replaced by
 * {@code [card •••• 4242]}. So is the card part of a longer or failing run that begins or ends with
 * a card number (a card glued to other digits: {@code 4242 4242 4242 42420}, or written after an
 * order number: {@code order 1001 4242 4242 4242 4242}), when that part has a card's usual length and
 * start (16 digits from 4, 51–55, 22–27, 30, 35, 36, 38, 39 or 6; 15 from 34 or 37) and passes Luhn;
 * the other digits stay.
 *
 * <p>An unbroken run glued to a letter or an underscore ({@code evt_1Nq…}, {@code cus_0000…},
 * {@code 1Z…}, {@code …4242abc}) or ending a path ({@code gid://shopify/Order/8209…}) is part of an
 * identifier and stays: a tenth of all digit runs pass Luhn by chance, and a masked id can no longer
 * be looked up. People do not glue a card to a word without a space, and vendors do not put spaces or
 * dashes into the digits of an id, so a run that has a separator is read as a card even when glued.
 * The ops views also keep digit-only values of JSON id fields ({@code "id": 820982911946154508}); that
 * rule is {@link #identifierKey}.
 */
public final class Redactor {
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\d])(?:\\d[ -]?){12,}\\d(?![\\d])");
  private static final Pattern CARD_START = Pattern.compile("^(?:4|5[1-5]|2[2-7]|3[05689]|6)");
  private static final Pattern AMEX_START = Pattern.compile("^3[47]");
  private static final Pattern ID_KEY = Pattern.compile("(?i:ids?|.*_ids?)|.*[a-z0-9](?:Id|ID)s?");
  private static final Pattern ALL_DIGITS = Pattern.compile("\\d+");

  private Redactor() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    Matcher m = DIGIT_RUN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      if (!partOfIdentifier(text, m.start(), m.end())) run = maskRun(run);
      m.appendReplacement(out, Matcher.quoteReplacement(run));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Whether a JSON field of this name holds an identifier ({@code id}, {@code order_id}, {@code
   * line_item_ids}, {@code vendorOrderId}), whose all-digit value (Shopify's numeric ids) is never a
   * card number.
   */
  public static boolean identifierKey(String key) {
    return key != null && ID_KEY.matcher(key).matches();
  }

  /** A value of an {@link #identifierKey} field, masked unless it is digits only. */
  public static String maskIdentifier(String value) {
    return value != null && ALL_DIGITS.matcher(value).matches() ? value : mask(value);
  }

  private static boolean partOfIdentifier(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isDigit(text.charAt(i))) return false;
    }
    return (start > 0 && wordOrPath(text.charAt(start - 1))) || (end < text.length() && word(text.charAt(end)));
  }

  private static boolean word(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean wordOrPath(char c) {
    return word(c) || c == '/';
  }

  /**
   * The run with its card masked. When the card is only its head or tail, the other digits stay (an
   * order number written just before a card is still the order number).
   */
  private static String maskRun(String run) {
    String digits = run.replaceAll("[ -]", "");
    int[] card = card(digits);
    if (card == null) return run;
    int from = charIndex(run, card[0]);
    int to = charIndex(run, card[1] - 1) + 1;
    String last4 = digits.substring(card[1] - 4, card[1]);
    return run.substring(0, from) + "[card •••• " + last4 + "]" + run.substring(to);
  }

  /** Where the n-th digit of the run is. */
  private static int charIndex(String run, int nthDigit) {
    int seen = -1;
    for (int i = 0; i < run.length(); i++) {
      if (Character.isDigit(run.charAt(i)) && ++seen == nthDigit) return i;
    }
    throw new IllegalArgumentException("no digit " + nthDigit);
  }

  /** The digits [from, to) of the run that are a card: all of them, its head or its tail; or null. */
  private static int[] card(String digits) {
    int n = digits.length();
    if (n <= 19 && luhn(digits)) return new int[] {0, n};
    // the usual lengths only (16, and 15 for Amex), so a tracking number is rarely taken for a card
    for (int len : new int[] {16, 15}) {
      if (n <= len) continue;
      Pattern start = len == 16 ? CARD_START : AMEX_START;
      String head = digits.substring(0, len);
      if (start.matcher(head).find() && luhn(head)) return new int[] {0, len};
      String tail = digits.substring(n - len);
      if (start.matcher(tail).find() && luhn(tail)) return new int[] {n - len, n};
    }
    return null;
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }
}
