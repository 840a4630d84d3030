package io.helpdeskbridge.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps card numbers out of tickets: any run of 13 to 19 digits (spaces or dashes between them
 * allowed) that passes the Luhn check is replaced by {@code [card •••• 4242]}. Runs that fail Luhn
 * (tracking numbers, order ids) are left alone.
 */
public final class Redactor {
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\d])(?:\\d[ -]?){12,18}\\d(?![\\d])");

  private Redactor() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    Matcher m = DIGIT_RUN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      String replacement = luhn(digits) ? "[card •••• " + digits.substring(digits.length() - 4) + "]" : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
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
