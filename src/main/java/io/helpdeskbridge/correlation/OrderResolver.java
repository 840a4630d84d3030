package io.helpdeskbridge.correlation;

import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.store.OrderAliases;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in the order number of events that arrive without one, from what earlier events taught
 * the store, and teaches the store from events that carry it: an event with order 1001 and tracking
 * number 1Z999 makes {@code tracking:1Z999} stand for {@code order:1001} from then on.
 */
public final class OrderResolver {
  private final OrderAliases aliases;

  public OrderResolver(OrderAliases aliases) {
    this.aliases = aliases;
  }

  /** Records the facts a source stated outside any event ({@code alias key → target key}). */
  public void learn(Map<String, String> facts, String learnedFrom) {
    facts.forEach((alias, target) -> aliases.remember(alias, target, learnedFrom));
  }

  /** The order key the event resolves to today, reading only (intake uses it to pick the shard). */
  public String peekKey(OrderEvent event) {
    OrderRef ref = event.order();
    if (ref.orderId() != null) return ref.key();
    for (String alias : aliasKeys(ref)) {
      Optional<String> order = aliases.orderKeyFor(alias);
      if (order.isPresent()) return order.get();
    }
    return ref.key();
  }

  /** The event with its order number filled in when an alias knows it; remembers new aliases. */
  public OrderEvent resolve(OrderEvent event, String learnedFrom) {
    OrderRef ref = event.order();
    if (ref.orderId() != null) {
      for (String alias : aliasKeys(ref)) aliases.remember(alias, "order:" + ref.orderId(), learnedFrom);
      return event;
    }
    for (String alias : aliasKeys(ref)) {
      Optional<String> order = aliases.orderKeyFor(alias);
      if (order.isPresent()) {
        OrderRef resolved = ref.withOrderId(order.get().substring("order:".length()));
        // what this event adds (a vendor id next to a tracking number) is worth remembering too
        for (String other : aliasKeys(resolved)) aliases.remember(other, order.get(), learnedFrom);
        return withOrder(event, resolved);
      }
    }
    return event;
  }

  /**
   * The event with the order number the vendor's API gave for it; what the API said is
   * remembered as aliases, so the same reference is never looked up twice.
   */
  public OrderEvent lookUp(OrderEvent event, String learnedFrom, java.util.function.Function<OrderRef, Optional<String>> api) {
    Optional<String> number = api.apply(event.order()).map(OrderRef::number);
    if (number.isEmpty()) return event;
    OrderRef resolved = event.order().withOrderId(number.get());
    for (String alias : aliasKeys(resolved)) aliases.remember(alias, "order:" + resolved.orderId(), learnedFrom + " (API)");
    return withOrder(event, resolved);
  }

  static List<String> aliasKeys(OrderRef ref) {
    List<String> keys = new ArrayList<>();
    if (present(ref.vendorOrderId())) keys.add("vendor-order:" + ref.vendorOrderId());
    if (present(ref.trackingNumber())) keys.add("tracking:" + ref.trackingNumber());
    if (present(ref.paymentId())) keys.add("payment:" + ref.paymentId());
    return keys;
  }

  /** A copy of the event record with another order reference. */
  static OrderEvent withOrder(OrderEvent event, OrderRef order) {
    try {
      RecordComponent[] parts = event.getClass().getRecordComponents();
      Object[] values = new Object[parts.length];
      Class<?>[] types = new Class<?>[parts.length];
      for (int i = 0; i < parts.length; i++) {
        types[i] = parts[i].getType();
        values[i] = parts[i].getName().equals("order") ? order : parts[i].getAccessor().invoke(event);
      }
      Constructor<?> canonical = event.getClass().getDeclaredConstructor(types);
      return (OrderEvent) canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + event.getClass().getSimpleName(), e);
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
