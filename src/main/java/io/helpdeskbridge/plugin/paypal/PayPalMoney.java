package io.helpdeskbridge.plugin.paypal;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * PayPal's money object, {@code {"currency_code": "USD", "value": "25.00"}}: a decimal string in
 * the currency's own precision (none for JPY). Turned into the bridge's minor units; anything odd
 * (no currency, a value with more decimals than the currency has, not a plain number) is null.
 *
 * @see <a href="https://developer.paypal.com/api/rest/reference/currency-codes/">PayPal: currency codes</a>
 */
final class PayPalMoney {

  /** What PayPal writes: digits, an optional fraction; bounded so no value can make BigDecimal work hard. */
  private static final Pattern VALUE = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");
  private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");

  private PayPalMoney() {}

  /**
   * The amount, as a positive sum: PayPal's older APIs wrote refunds and reversals as negative
   * totals, and what a refund event reports is how much went back, not its direction.
   */
  static Money of(JsonNode money) {
    if (money == null || !money.isObject()) return null;
    // v2: {"currency_code","value"}; v1 (Payments v1, older webhooks): {"currency","total"}
    String value = text(money.has("value") ? money.get("value") : money.get("total"));
    String currency = text(money.has("currency_code") ? money.get("currency_code") : money.get("currency"));
    if (value == null || currency == null || !VALUE.matcher(value.trim()).matches() || !CODE.matcher(currency).matches()) {
      return null;
    }
    try {
      long minor = new BigDecimal(value.trim()).abs().movePointRight(digits(currency))
          .setScale(0, RoundingMode.UNNECESSARY).longValueExact();
      return Money.of(minor, currency);
    } catch (ArithmeticException finerThanTheCurrency) {
      return null;
    }
  }

  private static int digits(String currency) {
    try {
      return Math.max(0, Currency.getInstance(currency.toUpperCase(java.util.Locale.ROOT)).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknownCode) {
      return 2; // as Money prints unknown codes
    }
  }
}
