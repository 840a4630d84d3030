package io.helpdeskbridge.plugin.adobecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.VendorJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tolerant reads of the values Commerce writes in both its REST answers and its webhook payloads,
 * where one field may come as a number or as a string depending on whether the model was loaded
 * from the database ({@code "42"}, {@code "25.0000"}) or computed in PHP ({@code 42}, {@code 25}).
 * Anything unreadable is null, never an exception.
 */
final class CommerceValues {
  private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Za-z]{3}");

  private CommerceValues() {}

  /** An entity id: digits as text, or a whole non-negative number; null for anything else. */
  static String id(JsonNode n) {
    if (n == null) return null;
    if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0) return String.valueOf(n.asLong());
    String t = VendorJson.text(n);
    return t != null && DIGITS.matcher(t.trim()).matches() ? t.trim() : null;
  }

  /** A decimal amount or quantity, from a number or a numeric string. */
  static BigDecimal decimal(JsonNode n) {
    if (n == null) return null;
    try {
      if (n.isNumber()) return n.decimalValue();
      String t = VendorJson.text(n);
      return t == null ? null : new BigDecimal(t.trim());
    } catch (NumberFormatException | ArithmeticException notANumber) {
      // a NaN or infinite double, or text that is not a number
      return null;
    }
  }

  /** An ISO 4217 code as Commerce writes it ({@code USD}), upper-cased; null for anything else. */
  static String currency(JsonNode n) {
    String t = VendorJson.text(n);
    return t != null && CURRENCY_CODE.matcher(t.trim()).matches() ? t.trim().toUpperCase(Locale.ROOT) : null;
  }

  /** The currency's own number of decimals (JPY none, USD two), two for codes Java does not know. */
  static int fractionDigits(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 0 : digits;
    } catch (IllegalArgumentException unknown) {
      return 2;
    }
  }

  /**
   * The amount in the currency's decimals, rounded half up: Commerce stores four decimals and a
   * computed total may be a float ({@code 24.999999999999996}); null when it does not fit.
   */
  static BigDecimal inCurrency(BigDecimal amount, String currency) {
    if (amount == null || currency == null) return null;
    try {
      return amount.setScale(fractionDigits(currency), RoundingMode.HALF_UP);
    } catch (ArithmeticException tooLarge) {
      return null;
    }
  }

  /**
   * A Commerce timestamp: {@code 2026-11-24 10:15:02} is UTC (what the database holds and both the
   * REST API and webhook payloads give); ISO-8601 with an offset is read too.
   */
  static Instant instant(String text) {
    if (text == null || text.isBlank()) return null;
    String t = text.trim();
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException notIso) {
        return null;
      }
    }
  }

  /** {@code pending_payment} → {@code pending payment}. */
  static String words(String code) {
    return code == null ? null : code.replace('_', ' ');
  }
}
