package io.helpdeskbridge.spi;

import java.util.List;
import java.util.Map;

/**
 * What a mapping wants done to a ticket, in helpdesk-neutral words. Field names are logical
 * ({@code order_status}); each helpdesk resolves them through its connector file. Null or empty
 * parts mean "leave as is".
 */
public record TicketChange(
    String note,
    boolean publicNote,
    List<String> addTags,
    List<String> removeTags,
    Map<String, String> fields,
    String priority,
    String status) {

  public TicketChange {
    addTags = addTags == null ? List.of() : List.copyOf(addTags);
    removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
    fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /** The note with the event marker appended, so a re-applied change can be recognised. */
  public String noteWithMarker(String marker) {
    String body = note == null ? "" : note.stripTrailing();
    return body + (body.isEmpty() ? "" : "\n\n") + marker;
  }
}
