package io.helpdeskbridge.mapping;

import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The canonical event types by name, and the property names a template may use for each. */
public final class EventTypes {
  private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

  static {
    for (Class<?> c : OrderEvent.class.getPermittedSubclasses()) TYPES.put(c.getSimpleName(), c);
  }

  private EventTypes() {}

  public static Set<String> names() {
    return TYPES.keySet();
  }

  public static Optional<Class<?>> byName(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  /**
   * What a mapping's templates for this event type read: the event itself, except for {@link
   * io.helpdeskbridge.event.TicketOpened}, whose templates read what the lookups found.
   */
  public static Class<?> templateContext(Class<?> eventType) {
    return eventType == io.helpdeskbridge.event.TicketOpened.class ? io.helpdeskbridge.event.EnrichedTicket.class : eventType;
  }

  /** Dotted property paths of a type: {@code amount}, {@code amount.currency}, {@code order.orderId}... */
  public static Set<String> paths(Class<?> type) {
    Set<String> out = new TreeSet<>(Set.of("type"));
    collect(type, "", out);
    out.addAll(TemplateFacts.names(out));
    return out;
  }

  private static void collect(Class<?> type, String prefix, Set<String> out) {
    if (type == Money.class) {
      out.addAll(Arrays.asList(prefix + "minor", prefix + "currency", prefix + "decimal"));
      return;
    }
    if (!type.isRecord()) return;
    for (RecordComponent rc : type.getRecordComponents()) {
      out.add(prefix + rc.getName());
      collect(rc.getType(), prefix + rc.getName() + ".", out);
    }
  }
}
