package io.helpdeskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.ops.PayloadMasker;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one rule for what is a card and what is an identifier, over random text: a documented test
 * card with or without separators is always masked, in a note and in any JSON string; a vendor id
 * whose digit run would pass Luhn is never changed.
 */
class CardMaskingPropertiesTest {
  /** The test cards of Stripe's testing page (Visa, Visa debit, Mastercard, Amex, Discover, Diners 16 and 14, JCB, UnionPay). */
  static final List<String> TEST_CARDS = List.of("4242424242424242", "4000056655665556", "5555555555554444", "378282246310005",
      "6011111111111117", "3056930009020004", "36227206271667", "3566002020360505", "6200000000000005");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Provide
  Arbitrary<String> cards() {
    Arbitrary<String> sep = Arbitraries.of("", " ", "-");
    return Combinators.combine(Arbitraries.of(TEST_CARDS), sep, Arbitraries.of(4, 5, 6)).as((card, s, group) -> {
      if (s.isEmpty()) return card;
      // the grouping printed on the card: 4-6-5 for Amex, 4-6-4 for 14-digit Diners, else fours (or a random width)
      int[] widths = card.length() == 15 ? new int[] {4, 6, 5} : card.length() == 14 ? new int[] {4, 6, 4} : null;
      StringBuilder b = new StringBuilder();
      int i = 0;
      for (int w = 0; i < card.length(); w++) {
        int len = widths != null ? widths[w] : group == 5 ? 4 : group;
        if (i > 0) b.append(s);
        b.append(card, i, Math.min(card.length(), i + len));
        i += len;
      }
      return b.toString();
    });
  }

  /** Text around a card: anything, ended by something that is not a letter, digit, underscore or slash. */
  @Provide
  Arbitrary<String> before() {
    return Combinators.combine(Arbitraries.strings().ofMaxLength(40), Arbitraries.of(" ", ": ", "\n", "(", "\"", "card ", "#", "="))
        .as(String::concat);
  }

  @Provide
  Arbitrary<String> after() {
    return Combinators.combine(Arbitraries.of(" ", ".", ",", ")", "\n", "\"", " exp 12/29"), Arbitraries.strings().ofMaxLength(40))
        .as(String::concat);
  }

  @Property(tries = 400)
  void aTestCardInANoteIsAlwaysMasked(@ForAll("before") String before, @ForAll("cards") String card, @ForAll("after") String after) {
    String masked = Redactor.mask(before + card + after);

    assertNoCard(masked, card);
  }

  @Property(tries = 400)
  void aTestCardInAnyJsonStringIsAlwaysMasked(@ForAll("before") String before, @ForAll("cards") String card,
      @ForAll("after") String after, @ForAll("jsonKeys") String key) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("id", "evt_1").put(key, before + card + after);
    body.putArray("lines").addObject().put("note", card);

    String masked = PayloadMasker.body(JSON.writeValueAsString(body));

    assertNoCard(masked, card);
    assertThat(masked).contains("evt_1");
  }

  @Provide
  Arbitrary<String> jsonKeys() {
    return Arbitraries.of("note", "description", "customer_note", "comment", "body", "message", "reason");
  }

  @Provide
  Arbitrary<String> identifiers() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(13).ofMaxLength(22);
    Arbitrary<String> runs = Arbitraries.oneOf(digits, Arbitraries.of(TEST_CARDS), Arbitraries.just("0000000000000000"));
    Arbitrary<String> prefix = Arbitraries.of("evt_", "cus_", "pi_", "ch_", "re_", "trk_", "py_", "acct_", "pm_", "src_", "in_",
        "evt_1Nq", "pi_3Q", "1Z", "1ZV", "shp_", "gid://shopify/Order/", "gid://shopify/Refund/", "WH-", "PAYID-M");
    Arbitrary<String> suffix = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars('_').ofMaxLength(6);
    return Combinators.combine(prefix, runs, suffix).as((p, run, s) -> p.startsWith("WH-") || p.startsWith("PAYID")
        ? p + run + (s.isEmpty() ? "X" : s) // PayPal's ids end in letters
        : p + run + s);
  }

  @Property(tries = 500)
  void anIdentifierIsNeverChanged(@ForAll("identifiers") String id, @ForAll("before") String before, @ForAll("after") String after)
      throws Exception {
    assertThat(Redactor.mask(id)).isEqualTo(id);
    assertThat(Redactor.mask(before + id + after)).contains(id);
    String body = JSON.writeValueAsString(JSON.createObjectNode().put("id", id).put("customer", id).put("note", "for " + id));
    assertThat(PayloadMasker.body(body)).doesNotContain("[card").contains("\"id\" : \"" + id + "\"");
  }

  @Property(tries = 300)
  void aNumericIdInAnIdFieldIsNeverChanged(@ForAll("numericIds") long id, @ForAll("idKeys") String key) throws Exception {
    String body = "{\"" + key + "\": " + id + ", \"admin_graphql_api_id\": \"gid://shopify/Order/" + id + "\"}";

    assertThat(PayloadMasker.body(body)).doesNotContain("[card").contains(Long.toString(id));
  }

  @Provide
  Arbitrary<Long> numericIds() {
    // Shopify's ids: 13 to 18 digits; a tenth of them pass Luhn
    return Arbitraries.longs().between(1_000_000_000_000L, 999_999_999_999_999_999L);
  }

  @Provide
  Arbitrary<String> idKeys() {
    return Arbitraries.of("id", "order_id", "line_item_id", "parent_id", "location_id", "user_id", "vendorOrderId", "orderId");
  }

  private static void assertNoCard(String masked, String card) {
    String digits = card.replaceAll("[ -]", "");
    assertThat(masked).doesNotContain(card).doesNotContain(digits)
        .contains("[card •••• " + digits.substring(digits.length() - 4) + "]");
  }
}
