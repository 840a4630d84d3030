package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;

/**
 * The tag the bridge leaves at the end of every note it writes: {@code [helpdesk-bridge
 * stripe/evt_123 refund-issued]} (or {@code stripe/refund:re_1} for facts that several deliveries
 * announce). After a crash the writer looks for it on the ticket instead of writing the same note
 * twice; agents can trace a note to its event with it.
 */
public final class Marker {
  private Marker() {}

  public static String of(OrderEvent event, String mappingId) {
    return "[helpdesk-bridge " + event.source() + "/" + event.factId() + " " + mappingId + "]";
  }
}
