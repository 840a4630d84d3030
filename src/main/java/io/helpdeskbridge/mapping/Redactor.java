package io.helpdeskbridge.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps card numbers out of tickets: any run of 13 to 19 digits (spaces or dashes between them
 * allowed) that passes the Luhn check is replaced by {@code [card •••• 4242]}. So is a longer or
 * failing run that begins or ends with a card number (a card glued to other digits: {@code
 * 4242 4242 4242 42420}), when that part has a card's usual length and start (16 digits from 4,
 * 51–55, 22–27 or 6; 15 from 34 or 37) and passes Luhn. Other runs (tracking numbers, order ids)
 * are left alone.
 */
public final class Redactor {
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\d])(?:\\d[ -]?){12,}\\d(?![\\d])");
  private static final Pattern CARD_START = Pattern.compile("^(?:4|5[1-5]|2[2-7]|6)");
  private static final Pattern AMEX_START = Pattern.compile("^3[47]");

  private Redactor() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    Matcher m = DIGIT_RUN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      String card = card(digits);
      String replacement = card != null ? "[card •••• " + card.substring(card.length() - 4) + "]" : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The card number the run is or begins or ends with, or null. */
  private static String card(String digits) {
    if (digits.length() <= 19 && luhn(digits)) return digits;
    // the usual lengths only (16, and 15 for Amex), so a tracking number is rarely taken for a card
    for (String part : new String[] {head(digits, 16), tail(digits, 16)}) {
      if (part != null && CARD_START.matcher(part).find() && luhn(part)) return part;
    }
    for (String part : new String[] {head(digits, 15), tail(digits, 15)}) {
      if (part != null && AMEX_START.matcher(part).find() && luhn(part)) return part;
    }
    return null;
  }

  private static String head(String digits, int len) {
    return digits.length() > len ? digits.substring(0, len) : null;
  }

  private static String tail(String digits, int len) {
    return digits.length() > len ? digits.substring(digits.length() - len) : null;
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
