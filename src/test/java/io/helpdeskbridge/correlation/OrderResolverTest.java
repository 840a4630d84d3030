package io.helpdeskbridge.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.store.Store;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderResolverTest {
  private final Store store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  private final OrderResolver resolver = new OrderResolver(store.aliases());

  @AfterEach
  void close() {
    store.close();
  }

  private static ShipmentException exception(OrderRef ref) {
    return new ShipmentException("aftership", "e1", Instant.EPOCH, ref, "tracking_update", "ups", ref.trackingNumber(),
        "Exception", null, null, null);
  }

  @Test
  void aTrackingNumberFindsItsOrderThroughAChainOfLearnedFacts() {
    resolver.learn(Map.of("vendor-order:shopify:450789469", "order:1001"), "shopify/orders-updated");
    resolver.learn(Map.of("tracking:1Z999", "vendor-order:shopify:450789469"), "shopify/fulfillment");

    var resolved = resolver.resolve(exception(new OrderRef(null, null, null, null, "1Z999", "ups")), "aftership/e1");

    assertThat(resolved.order().orderId()).isEqualTo("1001");
    assertThat(resolved.order().key()).isEqualTo("order:1001");
    assertThat(resolved.order().trackingNumber()).isEqualTo("1Z999");
  }

  @Test
  void anEventWithAnOrderNumberTeachesItsOtherIdentifiers() {
    resolver.resolve(exception(new OrderRef("1002", "shopify:77", null, "pi_1", "1ZABC", "ups")), "shopify/f1");

    assertThat(store.aliases().orderKeyFor("tracking:1ZABC")).hasValue("order:1002");
    assertThat(store.aliases().orderKeyFor("payment:pi_1")).hasValue("order:1002");
    assertThat(store.aliases().orderKeyFor("vendor-order:shopify:77")).hasValue("order:1002");
  }

  @Test
  void unknownIdentifiersLeaveTheEventAsItWasAndCyclesEnd() {
    resolver.learn(Map.of("tracking:A", "tracking:B", "tracking:B", "tracking:A"), "test");
    var event = exception(new OrderRef(null, null, null, null, "A", "ups"));

    assertThat(resolver.resolve(event, "x")).isSameAs(event);
    assertThat(resolver.resolve(exception(new OrderRef(null, null, null, null, "ZZZ", "ups")), "x").order().orderId()).isNull();
  }
}
