package io.helpdeskbridge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.mapping.ChangeRenderer;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.mapping.MappingLoader;
import io.helpdeskbridge.spi.TicketChange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * The mapping engine renders whatever a vendor put in an event: any text in any property renders
 * without an exception, and a card number hidden in it never reaches the ticket.
 */
class MappingFuzzTest {
  private static final Map<String, Mapping> SHIPPED = new MappingLoader().load(new BridgeHome(Path.of("")).files("mappings"));
  private static final ChangeRenderer RENDERER = new ChangeRenderer();
  private static final String CARD = "4242 4242 4242 4242";

  @Property(tries = 300)
  void anyTextRendersAndCardNumbersNeverSurvive(@ForAll @StringLength(max = 60) String a, @ForAll @StringLength(max = 60) String b,
      @ForAll long minor) {
    RefundIssued refund = new RefundIssued("stripe", a, Instant.EPOCH, new OrderRef(b, a, b, a), a, Money.of(minor, "usd"),
        a + " " + CARD, b, a + CARD + b, minor % 2 == 0);
    ShipmentException exception = new ShipmentException("aftership", b, Instant.EPOCH, new OrderRef(a, null, null, null, b, a),
        b, a, b, a, CARD + " " + b, a, b);

    for (var event : java.util.List.of(refund, exception)) {
      Mapping m = SHIPPED.values().stream().filter(x -> x.on().equals(event.type())).findFirst().orElseThrow();
      TicketChange change = RENDERER.render(m, event);
      assertThat(change.note()).doesNotContain(CARD).doesNotContain(CARD.replace(" ", ""));
      change.fields().values().forEach(v -> assertThat(v).doesNotContain(CARD.replace(" ", "")));
    }
  }
}
