package io.helpdeskbridge.plugin.stripe;

import io.helpdeskbridge.event.Money;
import java.util.Locale;

/**
 * Stripe's amounts as the bridge's {@link Money}. Stripe sends every amount in the currency's
 * minor unit, with the number of decimals ISO 4217 gives (none for JPY or KRW, three for KWD or
 * BHD, whose last digit Stripe requires to be 0), which is what {@link Money} prints, with one
 * exception: ISK, zero-decimal in ISO 4217, is still two-decimal in Stripe's API ({@code 100} is
 * 1 króna, and since 2023 amounts must be whole krónur). Its amount is brought to whole krónur
 * here; a historic fractional ISK amount is rounded down to the króna, not shown a hundred times
 * too large.
 *
 * @see <a href="https://docs.stripe.com/currencies#special-cases">Stripe: special cases</a>
 */
final class StripeMoney {
  private StripeMoney() {}

  static Money of(long amount, String currency) {
    if ("isk".equals(currency.toLowerCase(Locale.ROOT))) return Money.of(amount / 100, currency);
    return Money.of(amount, currency);
  }
}
