package io.helpdeskbridge.spi;

import java.util.List;

/**
 * A ticket the bridge opens when a mapping says {@code when-missing: create}. {@code type} is
 * question, incident, problem or task (null: the helpdesk's default); the description is internal.
 */
public record NewTicket(
    String subject, String description, String requesterEmail, String orderId, String externalId, List<String> tags,
    String type) {

  public NewTicket {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
