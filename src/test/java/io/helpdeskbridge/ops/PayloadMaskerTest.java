package io.helpdeskbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Real vendor ids pass the ops views unchanged; card numbers in them never do. */
class PayloadMaskerTest {

  @Test
  void stripeIdsWhoseDigitsPassLuhnAreNotMasked() {
    String body = """
        {"id": "evt_0000000000000000", "object": "event", "type": "charge.refunded",
         "data": {"object": {"id": "ch_3QbSample0Charge000001", "customer": "cus_0000000000000000",
           "payment_intent": "pi_3Q4242424242424242Xy", "refunds": ["re_4242424242424242"],
           "description": "paid with 4242 4242 4242 4242"}}}""";

    String masked = PayloadMasker.body(body);

    assertThat(masked).contains("\"evt_0000000000000000\"").contains("\"cus_0000000000000000\"")
        .contains("\"pi_3Q4242424242424242Xy\"").contains("\"re_4242424242424242\"")
        .contains("paid with [card •••• 4242]").doesNotContain("4242 4242 4242 4242");
  }

  @Test
  void shopifyNumericIdsAndGraphqlIdsAreNotMaskedButACardInANoteIs() {
    // 4111111111111111 and 6011111111111117 pass Luhn: here they are an order id and a line item id
    String body = """
        {"id": 4111111111111111, "admin_graphql_api_id": "gid://shopify/Order/4111111111111111",
         "line_items": [{"id": 6011111111111117, "product_id": "6011111111111117"}],
         "note": "customer wrote 5555-5555-5555-4444", "total": 5555555555554444,
         "tracking_number": "1Z999AA10123456784"}""";

    String masked = PayloadMasker.body(body);

    assertThat(masked).contains("\"id\" : 4111111111111111").contains("gid://shopify/Order/4111111111111111")
        .contains("\"id\" : 6011111111111117").contains("\"product_id\" : \"6011111111111117\"")
        .contains("customer wrote [card •••• 4444]").contains("\"total\" : \"[card •••• 4444]\"")
        .contains("1Z999AA10123456784").doesNotContain("5555-5555").doesNotContain("5555555555554444");
  }

  @Test
  void paypalIdsAreNotMasked() {
    String body = """
        {"id": "WH-2WR32451HC0233532-67976317FL4543714", "resource": {"id": "8MC585209K746392H",
         "invoice_id": "INV-4000056655665556", "custom_id": "4000056655665556", "note_to_payer": "card 4000 0566 5566 5556"}}""";

    String masked = PayloadMasker.body(body);

    assertThat(masked).contains("WH-2WR32451HC0233532-67976317FL4543714").contains("8MC585209K746392H")
        .contains("\"custom_id\" : \"4000056655665556\"").contains("card [card •••• 5556]");
  }

  @Test
  void aCardWithSeparatorsInAnIdFieldIsStillMasked() {
    assertThat(PayloadMasker.body("{\"order_id\": \"4242 4242 4242 4242\"}")).contains("[card •••• 4242]")
        .doesNotContain("4242 4242");
  }

  @Test
  void aCardInAFieldNameOrABodyThatIsNotJsonIsMasked() {
    assertThat(PayloadMasker.body("{\"4242424242424242\": true}")).contains("[card •••• 4242]").doesNotContain("4242424242424242");
    assertThat(PayloadMasker.body("card=4242424242424242&id=cus_4242424242424242"))
        .isEqualTo("card=[card •••• 4242]&id=cus_4242424242424242");
    assertThat(PayloadMasker.body("")).isEmpty();
  }

  @Test
  void credentialFieldsAreStillReplaced() {
    assertThat(PayloadMasker.body("{\"api_key\": \"sk_test_not_a_real_key\", \"nested\": {\"client_secret\": \"pi_1_secret_x\"}}"))
        .doesNotContain("sk_test_not_a_real_key").doesNotContain("pi_1_secret_x").contains("***");
  }
}
