package io.helpdeskbridge.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void twoDecimalCurrency() {
    Money m = Money.of(2500, "usd");

    assertThat(m.format()).isEqualTo("25.00 USD");
    assertThat(m.decimal()).isEqualTo("25.00");
    assertThat(m.currency()).isEqualTo("USD");
    assertThat(m).hasToString("25.00 USD");
  }

  @Test
  void smallAmountsKeepLeadingZeroes() {
    assertThat(Money.of(5, "eur").format()).isEqualTo("0.05 EUR");
    assertThat(Money.of(0, "eur").format()).isEqualTo("0.00 EUR");
  }

  @Test
  void zeroDecimalCurrency() {
    assertThat(Money.of(500, "jpy").format()).isEqualTo("500 JPY");
  }

  @Test
  void threeDecimalCurrency() {
    assertThat(Money.of(1234, "kwd").format()).isEqualTo("1.234 KWD");
  }

  @Test
  void negativeAmounts() {
    assertThat(Money.of(-2500, "usd").format()).isEqualTo("-25.00 USD");
    assertThat(Money.of(-5, "usd").format()).isEqualTo("-0.05 USD");
    assertThat(Money.of(-500, "jpy").format()).isEqualTo("-500 JPY");
  }

  @Test
  void unknownCurrencyCodeFallsBackToTwoDecimals() {
    assertThat(Money.of(1234, "zzz").format()).isEqualTo("12.34 ZZZ");
    assertThat(Money.of(1234, "notacode").format()).isEqualTo("12.34 NOTACODE");
  }

  @Test
  void currencyIsUpperCasedIndependentOfTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      Money m = Money.of(100, "ils");
      assertThat(m.currency()).isEqualTo("ILS");
      assertThat(m.format()).isEqualTo("1.00 ILS");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void formattingIgnoresTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertThat(Money.of(123456, "eur").format()).isEqualTo("1234.56 EUR");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void sameAmountInDifferentCaseIsEqual() {
    assertThat(Money.of(2500, "usd")).isEqualTo(Money.of(2500, "USD"));
  }

  @Test
  void minusSubtractsInTheSameCurrency() {
    assertThat(Money.of(2500, "usd").minus(Money.of(1000, "USD"))).isEqualTo(Money.of(1500, "usd"));
    assertThat(Money.of(1000, "usd").minus(Money.of(2500, "usd"))).isEqualTo(Money.of(-1500, "usd"));
  }

  @Test
  void minusWithDifferentCurrenciesThrows() {
    assertThatThrownBy(() -> Money.of(2500, "usd").minus(Money.of(100, "eur")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EUR")
        .hasMessageContaining("USD");
  }

  @Test
  void currencyIsRequired() {
    assertThatThrownBy(() -> Money.of(1, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("currency");
  }
}
