package io.helpdeskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void cardNumbersThatPassLuhnAreMaskedToTheirLastFourDigits() {
    assertThat(Redactor.mask("card 4242424242424242 was used")).isEqualTo("card [card •••• 4242] was used");
    assertThat(Redactor.mask("Visa 4111 1111 1111 1111, Amex 3782-822463-10005"))
        .isEqualTo("Visa [card •••• 1111], Amex [card •••• 0005]");
  }

  @Test
  void numbersThatFailLuhnOrHaveTheWrongLengthStay() {
    assertThat(Redactor.mask("order 1001, tracking 9400100000000000000000, ref 4242424242424241"))
        .isEqualTo("order 1001, tracking 9400100000000000000000, ref 4242424242424241");
    assertThat(Redactor.mask("1Z999AA10123456784")).isEqualTo("1Z999AA10123456784");
  }

  @Test
  void aCardGluedToOtherDigitsIsStillMasked() {
    // found by the mapping fuzz test: a card followed by one more digit failed Luhn as a whole
    assertThat(Redactor.mask("Reason: 4242 4242 4242 42420")).isEqualTo("Reason: [card •••• 4242]0");
    assertThat(Redactor.mask("ref 9994111111111111111")).isEqualTo("ref 999[card •••• 1111]");
    assertThat(Redactor.mask("Amex 3782822463100051")).isEqualTo("Amex [card •••• 0005]1");
    assertThat(Redactor.mask("USPS 9400111899223197428490")).isEqualTo("USPS 9400111899223197428490");
  }

  @Test
  void aDigitRunGluedToLettersOrUnderscoresOrEndingAPathIsAnIdentifier() {
    // found in the ops view: "evt_[card •••• 0000]"; all these runs pass Luhn
    assertThat(Redactor.mask("event evt_0000000000000000 for cus_4242424242424242."))
        .isEqualTo("event evt_0000000000000000 for cus_4242424242424242.");
    assertThat(Redactor.mask("pi_3Q378282246310005ab, 4242424242424242abc, gid://shopify/Order/4111111111111111"))
        .isEqualTo("pi_3Q378282246310005ab, 4242424242424242abc, gid://shopify/Order/4111111111111111");
  }

  @Test
  void aCardWithSeparatorsGluedToAWordIsStillACard() {
    assertThat(Redactor.mask("Visa4242 4242 4242 4242")).isEqualTo("Visa[card •••• 4242]");
    assertThat(Redactor.mask("ref-4242-4242-4242-4242")).isEqualTo("ref-[card •••• 4242]");
    assertThat(Redactor.mask("order 1001 3056 9300 0902 0004")).isEqualTo("order 1001 [card •••• 0004]");
  }

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(Redactor.mask(null)).isNull();
    assertThat(Redactor.mask("")).isEmpty();
  }

  @Test
  void aMappingMarksPropertiesSensitiveAndTheyNeverRender() {
    var event = new io.helpdeskbridge.event.ShipmentException("aftership", "e1", java.time.Instant.EPOCH,
        io.helpdeskbridge.event.OrderRef.ofOrder("1001"), "tracking_update", "ups", "1Z9", "Exception", "card 4242424242424242",
        "12 Main Street, Springfield", null);

    String text = new TemplateRenderer().render("t", "{{detail}} at {{lastLocation}}", event, java.util.List.of("lastLocation"));

    assertThat(text).isEqualTo("card [card •••• 4242] at [redacted]");
  }
}
