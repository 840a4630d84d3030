package io.helpdeskbridge.spi;

import java.util.List;

/**
 * A ticket the bridge opens when a mapping says {@code when-missing: create}, carrying the whole
 * change at once: the first comment is the mapping's note (with the event marker), internal unless
 * the mapping says public. {@code type} is question, incident, problem or task (null: the desk's
 * default); {@code fields} use logical names, as in {@link TicketChange}.
 */
public record NewTicket(
    String subject, String description, boolean publicDescription, String requesterEmail, String orderId,
    String externalId, List<String> tags, String type, String priority, java.util.Map<String, String> fields) {

  public NewTicket {
    tags = tags == null ? List.of() : List.copyOf(tags);
    fields = fields == null ? java.util.Map.of() : java.util.Map.copyOf(fields);
  }
}
