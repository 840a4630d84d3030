package io.helpdeskbridge.event;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount of money as vendors send it: integer minor units plus an ISO 4217 code. Printing uses
 * the currency's own number of decimals and no locale, so {@code 2500 usd} reads {@code 25.00 USD}
 * on every machine, and {@code 500 jpy} reads {@code 500 JPY}.
 */
public record Money(long minor, String currency) {

  public Money {
    Objects.requireNonNull(currency, "currency");
    currency = currency.toUpperCase(Locale.ROOT);
  }

  public static Money of(long minor, String currency) {
    return new Money(minor, currency);
  }

  public Money minus(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot subtract " + other.currency + " from " + currency);
    }
    return new Money(minor - other.minor, currency);
  }

  /** The amount with the currency's decimals, without the code: {@code 25.00}. */
  public String decimal() {
    return BigDecimal.valueOf(minor, fractionDigits()).toPlainString();
  }

  /** The locale-free rule: decimal amount, a space, the upper-case ISO code. */
  public String format() {
    return decimal() + " " + currency;
  }

  private int fractionDigits() {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 0 : digits;
    } catch (IllegalArgumentException unknownCode) {
      return 2;
    }
  }

  @Override
  public String toString() {
    return format();
  }
}
