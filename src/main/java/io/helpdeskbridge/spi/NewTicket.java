package io.helpdeskbridge.spi;

import java.util.List;

/** A ticket the bridge opens when a mapping says {@code when-missing: create}. */
public record NewTicket(
    String subject, String description, String requesterEmail, String orderId, String externalId, List<String> tags) {

  public NewTicket {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
