package io.helpdeskbridge.spi;

import java.util.List;
import java.util.Map;

/**
 * What a mapping wants done to a ticket, in helpdesk-neutral words. Field names are logical
 * ({@code order_status}); each helpdesk resolves them through its connector file. Null or empty
 * parts mean "leave as is".
 *
 * <p>{@code type} ({@code problem}, {@code incident}, {@code question}, {@code task}) and {@code
 * problemId} link a ticket to a problem ticket: Zendesk sets {@code type} and {@code problem_id};
 * Salesforce sets the Case's {@code ParentId}; a helpdesk without the notion ignores them.
 */
public record TicketChange(
    String note,
    boolean publicNote,
    List<String> addTags,
    List<String> removeTags,
    Map<String, String> fields,
    String priority,
    String status,
    String type,
    String problemId) {

  public TicketChange(String note, boolean publicNote, List<String> addTags, List<String> removeTags,
      Map<String, String> fields, String priority, String status) {
    this(note, publicNote, addTags, removeTags, fields, priority, status, null, null);
  }

  /** Only the link to a problem ticket: {@code type: incident, problem_id: <problem>}. */
  public static TicketChange incidentOf(String problemId) {
    return new TicketChange(null, false, List.of(), List.of(), Map.of(), null, null, "incident", problemId);
  }

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
