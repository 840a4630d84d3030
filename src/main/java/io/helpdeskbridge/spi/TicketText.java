package io.helpdeskbridge.spi;

import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people type on a ticket, read the same way for every helpdesk that announces tickets
 * (Zendesk webhooks, Salesforce Case events): the order number a customer wrote in the subject or
 * description, and the refund amount an agent typed in a text field. Pure and tolerant: anything
 * it cannot read with certainty gives null, never an exception.
 *
 * <p><b>Order number.</b> The order field when set ({@code #1001} and {@code 1001} are the same
 * order); else the first order number written in the subject, then in the description: a {@code #}
 * directly followed by three or more digits ({@code #1001}), or the word {@code order} followed by
 * the number, optionally with {@code no}, {@code no.}, {@code nr}, {@code number}, a colon or a
 * {@code #} between ({@code order 1001}, {@code Order No. 1001}, {@code order: #1001}),
 * case-insensitive, the digits not followed by a letter or digit.
 *
 * <p><b>Amount.</b> Digits with an optional decimal part: {@code 25}, {@code 25.00} and {@code
 * 25,00} all mean 25. When both {@code .} and {@code ,} appear, the last one is the decimal
 * separator and the other groups thousands ({@code 1,234.50}, {@code 1.234,50}); a separator
 * repeated groups thousands ({@code 1,000,000}). A lone {@code ,} or {@code .} before exactly three
 * digits ({@code 1,000}, {@code 25.001}) could be either, so it is not read, unless the currency has
 * three decimals ({@code 12.345} KWD): a refund must never be read a thousand times too large. The
 * amount is turned into minor units with the currency's decimals (JPY none, USD two). Anything else
 * (letters, more decimals than the currency has, zero or less, a currency that is not a three-letter
 * code) is null.
 */
public final class TicketText {

  /** {@code #1001}, or {@code order [no.|nr|number] [:|#] 1001}; see the class comment. */
  public static final Pattern ORDER_IN_TEXT =
      Pattern.compile(
          "#(\\d{3,})\\b|\\border\\s*(?:no\\.?|nr\\.?|number)?\\s*[:#]?\\s*(\\d{3,})\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern AMOUNT = Pattern.compile("\\d[\\d.,]*");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Za-z]{3}");

  private TicketText() {}

  /** The order field when set, else the first order number in the subject, then the description. */
  public static String orderNumber(String field, String subject, String description) {
    String fromField = OrderRef.number(field);
    if (fromField != null) {
      return fromField;
    }
    for (String text : new String[] {subject, description}) {
      if (text == null) {
        continue;
      }
      Matcher m = ORDER_IN_TEXT.matcher(text);
      if (m.find()) {
        return m.group(1) != null ? m.group(1) : m.group(2);
      }
    }
    return null;
  }

  /** The amount in minor units of the currency, or null when either cannot be read; see the class comment. */
  public static Money amount(String raw, String currency) {
    if (raw == null || currency == null) {
      return null;
    }
    String code = currency.trim();
    if (!CURRENCY_CODE.matcher(code).matches()) {
      return null;
    }
    int digits = fractionDigits(code);
    BigDecimal value = decimal(raw.trim(), digits);
    if (value == null || value.signum() <= 0) {
      return null;
    }
    try {
      long minor = value.movePointRight(digits).stripTrailingZeros().longValueExact();
      return Money.of(minor, code);
    } catch (ArithmeticException moreDecimalsThanTheCurrencyHas) {
      return null;
    }
  }

  /**
   * {@code 25}, {@code 25.00}, {@code 25,00}, {@code 1,234.50}, {@code 1.234,50}; null otherwise.
   * A lone separator before exactly three digits is ambiguous (a thousand, or a fraction?) and
   * gives null, unless the currency itself has three decimals ({@code 12.345} KWD).
   */
  static BigDecimal decimal(String s, int currencyDigits) {
    if (!AMOUNT.matcher(s).matches()) {
      return null;
    }
    int lastDot = s.lastIndexOf('.');
    int lastComma = s.lastIndexOf(',');
    String normal;
    if (lastDot >= 0 && lastComma >= 0) {
      char decimalSeparator = lastDot > lastComma ? '.' : ',';
      char grouping = decimalSeparator == '.' ? ',' : '.';
      int decimalAt = Math.max(lastDot, lastComma);
      String whole = s.substring(0, decimalAt);
      if (whole.indexOf(decimalSeparator) >= 0 || !groupedByThousands(whole, grouping)) {
        return null; // 1.234.50,00 or 12,34.50: not a number we can be sure of
      }
      normal = whole.replace(String.valueOf(grouping), "") + "." + s.substring(decimalAt + 1);
    } else if (lastDot >= 0 || lastComma >= 0) {
      char separator = lastDot >= 0 ? '.' : ',';
      int first = s.indexOf(separator);
      int last = Math.max(lastDot, lastComma);
      boolean grouping = first != last;
      if (grouping && !groupedByThousands(s, separator)) {
        return null;
      }
      if (!grouping && s.length() - last - 1 == 3 && currencyDigits != 3) {
        return null; // 1,000 or 25.001: a thousand or a fraction? Not guessed.
      }
      normal = grouping ? s.replace(String.valueOf(separator), "") : s.replace(separator, '.');
    } else {
      normal = s;
    }
    if (normal.endsWith(".")) {
      return null;
    }
    try {
      return new BigDecimal(normal);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code 1,234,567}: every group after the first has exactly three digits. */
  private static boolean groupedByThousands(String s, char separator) {
    String[] groups = s.split(Pattern.quote(String.valueOf(separator)), -1);
    if (groups[0].isEmpty() || groups[0].length() > 3) {
      return false;
    }
    for (int i = 1; i < groups.length; i++) {
      if (groups[i].length() != 3) {
        return false;
      }
    }
    return true;
  }

  /** The currency's decimals, 2 for a code the JDK does not know (as {@link Money} prints it). */
  static int fractionDigits(String code) {
    try {
      int digits = Currency.getInstance(code.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
      return digits < 0 ? 0 : digits;
    } catch (IllegalArgumentException unknownCode) {
      return 2;
    }
  }
}
