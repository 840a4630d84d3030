package io.helpdeskbridge.plugin.usps;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.Lookup.Parcel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which parcels the USPS lookup answers: by the shop's carrier name, else by USPS's number forms. */
class UspsParcelsTest {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "USPS,                          1234567890,                 true",
      "usps,                          9400111899223344556677,     true",
      "United States Postal Service,  EA123456785US,              true",
      "USPSReturns,                   9202090164917312751089,     true",
      "DHL eCommerce,                 9261290000000000000000,     false",
      "FedEx,                         9400111899223344556677,     false",
      "UPS,                           9400111899223344556677,     false",
      // no name: USPS's own forms
      "null,                          9400111899223344556677,     true",
      "null,                          '9400 1118 9922 3344 5566 77', true",
      "null,                          92055901755477000000000000, false",
      "null,                          92055901755477000000,       true",
      "null,                          9505512345678901234567,     true",
      "null,                          420112019400111899223344556677, true",
      "null,                          4201120112349400111899223344556677, true",
      "null,                          EA123456785US,              true",
      "null,                          ea123456785us,              true",
      "null,                          RR123456785DE,              false",
      "null,                          961234567890123456789012,   false",
      "null,                          9612345678901234567890,     false",
      "null,                          1Z999AA10123456784,         false",
      "null,                          1234567890,                 false",
      "null,                          794600000000,               false"})
  void recognises(String carrier, String number, boolean usps) {
    assertThat(UspsParcels.isUsps(new Parcel(number, carrier))).isEqualTo(usps);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "9400111899223344556677,             9400111899223344556677",
      "'9400 1118 9922 3344 5566 77',      9400111899223344556677",
      "420112019400111899223344556677,     9400111899223344556677",
      "4201120112349400111899223344556677, 9400111899223344556677",
      "ea123456785us,                      EA123456785US"})
  void theApiIsAskedForTheBareNumber(String given, String asked) {
    assertThat(UspsParcels.number(given)).isEqualTo(asked);
  }

  @Test
  void theFirstUspsParcelOfTheOrderIsTheOneAsked() {
    List<Parcel> parcels = List.of(new Parcel("1234567890", "DHL Express"), new Parcel("", "USPS"),
        new Parcel("9400111899223344556677", null), new Parcel("9205590164917312751089", "USPS"));

    assertThat(UspsParcels.first(parcels)).contains(new Parcel("9400111899223344556677", null));
  }
}
