package io.helpdeskbridge.mapping;

import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a mapping plus an event into the helpdesk-neutral {@link TicketChange}. Pure: sends nothing. */
public final class ChangeRenderer {
  private final TemplateRenderer templates = new TemplateRenderer();

  public TicketChange render(Mapping m, OrderEvent event) {
    return render(m, event, event);
  }

  /**
   * The change with templates read from {@code context} rather than the event (an enrichment
   * mapping reads what the lookups found for its {@code TicketOpened}).
   */
  public TicketChange render(Mapping m, OrderEvent event, Object context) {
    if (!m.on().equals(event.type())) {
      throw new IllegalArgumentException(
          "mapping '" + m.id() + "' handles " + m.on() + ", but the route sent it a " + event.type());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    m.fieldTemplates().forEach((k, t) -> {
      String value = templates.render(m.file() + "#" + k, t, context, m.sensitive());
      // a field whose template renders empty is left as it is ({{#flag}}value{{/flag}} sets it conditionally)
      if (value != null && !value.isBlank()) fields.put(k, value.strip());
    });
    String note = templates.render(m.file() + "#note", m.noteTemplate(), context, m.sensitive());
    return new TicketChange(
        note == null || note.isBlank() ? null : note.strip(),
        m.publicNote(),
        m.addTags(),
        m.removeTags(),
        fields,
        "unchanged".equals(m.priority()) ? null : m.priority(),
        "unchanged".equals(m.status()) ? null : m.status());
  }

  /** The ticket to open when none exists: the change in one go, the note with its marker first. */
  public NewTicket newTicket(Mapping m, OrderEvent event, TicketChange change, String marker) {
    String subject = m.subjectTemplate() == null
        ? event.type() + " for order " + (event.order().orderId() == null ? event.order().key() : event.order().orderId())
        : templates.render(m.file() + "#subject", m.subjectTemplate(), event, m.sensitive()).strip();
    String description = change.note() == null ? subject + "\n\n" + marker : change.noteWithMarker(marker);
    return new NewTicket(subject, description, change.publicNote(), event.order().email(), event.order().orderId(),
        event.order().orderId(), change.addTags(), m.ticketType(), change.priority(), change.fields());
  }
}
