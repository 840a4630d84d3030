package io.helpdeskbridge.plugin.dhl;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.Lookup.Parcel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which parcels the DHL lookup answers: by the shop's carrier name, else by DHL's own number forms. */
class DhlParcelsTest {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      // the carrier name decides alone
      "DHL Express,            9400111899223344556677, true",
      "DHL eCommerce,          GM605112270084510000,   true",
      "DHLExpress,             1234567890,             true",
      "DhlEcs,                 420941109261290000000000000000, true",
      "Deutsche Post,          RR123456785DE,          true",
      "USPS,                   1234567890,             false",
      "UPS,                    1234567890,             false",
      "FedEx,                  JJD000390007993478810,  false",
      // no name: only DHL's own forms
      "null,                   1234567890,             true",
      "null,                   '1234 5678 90',         true",
      "null,                   JJD000390007993478810,  true",
      "null,                   JD014600006281230704,   true",
      "null,                   gm605112270084510000,   true",
      "null,                   123456789,              false",
      "null,                   794600000000,           false",
      "null,                   123456789012345,        false",
      "null,                   1Z999AA10123456784,     false",
      "null,                   9400111899223344556677, false",
      "null,                   00340434292135100124,   false",
      "null,                   EA123456785US,          false"})
  void recognises(String carrier, String number, boolean dhl) {
    assertThat(DhlParcels.isDhl(new Parcel(number, carrier))).isEqualTo(dhl);
  }

  @Test
  void theFirstDhlParcelOfTheOrderIsTheOneAsked() {
    List<Parcel> parcels = List.of(new Parcel("1Z999AA10123456784", "UPS"), new Parcel("   ", "DHL Express"),
        new Parcel("1234567890", null), new Parcel("9876543210", "DHL Express"));

    assertThat(DhlParcels.first(parcels)).contains(new Parcel("1234567890", null));
    assertThat(DhlParcels.first(List.of(new Parcel("1Z999AA10123456784", "UPS")))).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", value = {
      "DHL Express,       express",
      "DHLExpress,        express",
      "DHL eCommerce,     ecommerce",
      "DHL eCommerce Asia, ecommerce",
      "DhlEcs,            ecommerce",
      "DHL Global Mail,   ecommerce",
      "DHL,               null",
      "DHL Paket,         null",
      "null,              null"})
  void theShopsNamePicksDhlsDivision(String carrier, String service) {
    assertThat(DhlParcels.service(carrier)).isEqualTo(service);
  }
}
