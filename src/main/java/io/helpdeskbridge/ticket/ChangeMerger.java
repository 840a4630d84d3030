package io.helpdeskbridge.ticket;

import io.helpdeskbridge.spi.TicketChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the changes that several events want on one ticket into as few writes as possible, as if
 * they had been applied one after another: notes joined in order (each keeping its own marker, so
 * crash recovery still finds every event), tags as the net of adds and removes, the last value of
 * each field, priority, status, type and problem id. A public note never shares a comment with an internal one, so
 * a change of visibility starts a new write.
 */
final class ChangeMerger {
  static final String NOTE_SEPARATOR = "\n\n---\n\n";

  private ChangeMerger() {}

  /** One change with the marker of the event it came from. */
  record Marked<T>(TicketChange change, String marker, T origin) {}

  /** One helpdesk write: the merged change, the marker to end its note with, and what it carries. */
  record Write<T>(TicketChange change, String marker, List<T> origins) {}

  static <T> List<Write<T>> merge(List<Marked<T>> changes) {
    List<Write<T>> writes = new ArrayList<>();
    List<Marked<T>> run = new ArrayList<>();
    Boolean visibility = null;
    for (Marked<T> m : changes) {
      boolean hasNote = m.change().note() != null;
      if (hasNote && visibility != null && visibility != m.change().publicNote()) {
        writes.add(fold(run));
        run = new ArrayList<>();
        visibility = null;
      }
      if (hasNote) visibility = m.change().publicNote();
      run.add(m);
    }
    if (!run.isEmpty()) writes.add(fold(run));
    return writes;
  }

  private static <T> Write<T> fold(List<Marked<T>> run) {
    List<String> notes = new ArrayList<>();
    String lastNoteMarker = null;
    String lastNoteBody = null;
    boolean publicNote = false;
    Set<String> add = new LinkedHashSet<>();
    Set<String> remove = new LinkedHashSet<>();
    Map<String, String> fields = new LinkedHashMap<>();
    String priority = null;
    String status = null;
    String type = null;
    String problemId = null;
    List<T> origins = new ArrayList<>();
    for (Marked<T> m : run) {
      TicketChange c = m.change();
      origins.add(m.origin());
      if (c.note() != null) {
        if (lastNoteBody != null) notes.add(noteWithMarker(lastNoteBody, lastNoteMarker));
        lastNoteBody = c.note();
        lastNoteMarker = m.marker();
        publicNote = c.publicNote();
      }
      for (String t : c.addTags()) {
        remove.remove(t);
        add.add(t);
      }
      for (String t : c.removeTags()) {
        add.remove(t);
        remove.add(t);
      }
      fields.putAll(c.fields());
      if (c.priority() != null) priority = c.priority();
      if (c.status() != null) status = c.status();
      // an incident link rides along with whatever else the ticket gets: the latest link wins
      if (c.type() != null) type = c.type();
      if (c.problemId() != null) problemId = c.problemId();
    }
    String note = null;
    if (lastNoteBody != null) {
      // the last note's marker is appended by the helpdesk plugin, as for a single change
      notes.add(lastNoteBody.stripTrailing());
      note = String.join(NOTE_SEPARATOR, notes);
    }
    String marker = lastNoteMarker != null ? lastNoteMarker : run.get(run.size() - 1).marker();
    TicketChange merged = new TicketChange(note, publicNote, List.copyOf(add), List.copyOf(remove), fields, priority, status,
        type, problemId);
    return new Write<>(merged, marker, origins);
  }

  private static String noteWithMarker(String body, String marker) {
    return new TicketChange(body, false, null, null, null, null, null).noteWithMarker(marker);
  }
}
