package io.helpdeskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.TicketChange;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped mapping, rendered for its event with each optional fact missing in turn (and with
 * all of them missing, and with only a payment id, a tracking number or an email to name the
 * order), must still read like a careful agent wrote it: no empty slot ("for order ."), no label
 * left without its value ("Reason: "), no empty brackets, no doubled punctuation.
 */
class MappingWordingTest {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Map<String, Mapping> SHIPPED = new MappingLoader().load(new BridgeHome(Path.of("")).files("mappings"));
  /** The facts every event has, whatever the vendor: never missing. */
  private static final Set<String> ALWAYS = Set.of("source", "sourceEventId", "occurredAt", "vendorType", "order");
  private static final Map<String, String> ORDER_FACTS = Map.of("orderId", "1001", "paymentId", "pi_3QbX",
      "trackingNumber", "1Z999AA10123456784", "email", "jane@example.com", "carrier", "UPS", "vendorOrderId", "shopify:450789469");

  /** Text an agent would not write, each with what it means. */
  private static final Map<Pattern, String> SLIPS = Map.of(
      Pattern.compile("\\s[.,;:!?]"), "space before punctuation (an empty slot)",
      Pattern.compile("[:·]\\s*(\\n|$)|,\\s*$"), "a label or list that ends without its value",
      Pattern.compile("\\(\\s*\\)|\\[\\s*]|\"\\s*\""), "empty brackets or quotes",
      Pattern.compile("\\.\\.(?!\\.)|,,|::|· ·|·\\s*·"), "doubled punctuation",
      Pattern.compile("(?m)^\\s*[.,:·]"), "a line that starts with punctuation",
      Pattern.compile("\\b(null|undefined|NaN)\\b"), "a missing value printed as code",
      Pattern.compile(" {2,}\\S"), "a gap where a word is missing");

  static Stream<Arguments> cases() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Mapping m : SHIPPED.values()) {
      Class<?> type = eventClass(m.on());
      // an enrichment mapping reads what the lookups found, not its event: EnrichmentNoteTest covers it
      if (type == null || m.on().equals("TicketOpened")) continue;
      List<String> optional = new ArrayList<>();
      for (RecordComponent c : type.getRecordComponents()) if (!ALWAYS.contains(c.getName())) optional.add(c.getName());
      out.add(Arguments.of(m.id(), "every fact present", event(type, Set.of(), ORDER_FACTS)));
      for (String missing : optional) out.add(Arguments.of(m.id(), "no " + missing, event(type, Set.of(missing), ORDER_FACTS)));
      out.add(Arguments.of(m.id(), "no optional fact", event(type, Set.copyOf(optional), Map.of("orderId", "1001"))));
      for (String only : List.of("paymentId", "trackingNumber", "email")) {
        out.add(Arguments.of(m.id(), "the order named only by " + only + ", no optional fact",
            event(type, Set.copyOf(optional), Map.of(only, ORDER_FACTS.get(only)))));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("cases")
  void readsLikeACarefulAgentWroteIt(String mappingId, String variant, OrderEvent event) {
    Mapping m = SHIPPED.get(mappingId);
    TicketChange change = new ChangeRenderer().render(m, event);
    List<String> texts = new ArrayList<>();
    if (change.note() != null) texts.add(change.note());
    if (m.subjectTemplate() != null) texts.add(new ChangeRenderer().newTicket(m, event, change, "[marker]").subject());
    change.fields().values().forEach(texts::add);
    for (String text : texts) {
      for (Map.Entry<Pattern, String> slip : SLIPS.entrySet()) {
        Matcher found = slip.getKey().matcher(text);
        assertThat(found.find()).as("%s (%s): %s at \"%s\" in:%n%s", mappingId, variant, slip.getValue(),
            found.hitEnd() ? "" : around(text, found), text).isFalse();
      }
    }
  }

  private static String around(String text, Matcher m) {
    return text.substring(Math.max(0, m.start() - 25), Math.min(text.length(), m.end() + 25)).replace("\n", "\\n");
  }

  private static Class<?> eventClass(String type) {
    try {
      return Class.forName("io.helpdeskbridge.event." + type);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** An event of {@code type} with plausible values, less {@code missing}; the order named by {@code order}. */
  private static OrderEvent event(Class<?> type, Set<String> missing, Map<String, String> order) throws Exception {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", type.getSimpleName()).put("source", "stripe").put("sourceEventId", "evt_1QbXyZ")
        .put("occurredAt", "2026-11-24T10:00:00Z").put("vendorType", "charge.refunded");
    ObjectNode ref = node.putObject("order");
    order.forEach(ref::put);
    for (RecordComponent c : type.getRecordComponents()) {
      if (ALWAYS.contains(c.getName()) || missing.contains(c.getName())) continue;
      Class<?> t = c.getType();
      if (t == String.class) node.put(c.getName(), sample(c.getName()));
      else if (t == Money.class) node.putObject(c.getName()).put("minor", 2500).put("currency", "USD");
      else if (t == Instant.class) node.put(c.getName(), "2026-12-01T00:00:00Z");
      else if (t == boolean.class || t == Boolean.class) node.put(c.getName(), true);
      else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) node.put(c.getName(), 3);
      else if (t == Double.class || t == double.class) node.put(c.getName(), 0.92);
      else if (List.class.isAssignableFrom(t)) node.putArray(c.getName()).add("vip");
    }
    return JSON.treeToValue(node, OrderEvent.class);
  }

  /** Words of the kind a vendor's fact reads as once the plugin has put it in words. */
  private static String sample(String field) {
    return switch (field) {
      case "refundId" -> "re_3QbXyZ";
      case "chargeId" -> "ch_3QbXyZ";
      case "disputeId" -> "du_1QbXyZ";
      case "trackingNumber" -> "1Z999AA10123456784";
      case "trackingUrl" -> "https://track.example.com/1Z999AA10123456784";
      case "carrier" -> "UPS";
      case "provider" -> "Signifyd";
      case "ticketId" -> "4242";
      default -> "words from the vendor";
    };
  }
}
