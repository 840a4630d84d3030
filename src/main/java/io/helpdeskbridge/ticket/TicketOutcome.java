package io.helpdeskbridge.ticket;

/** What one ticket step did with one event; {@code ticketId} is null when nothing was written. */
public record TicketOutcome(Action action, String helpdesk, String ticketId, String detail) {

  /** Kinds of outcome, as they appear in the audit trail. */
  public enum Action {
    APPLIED,
    /** Held for the batch's one write to the ticket; the flush records the real outcome. */
    QUEUED,
    CREATED,
    ALREADY_APPLIED,
    SKIPPED,
    DRY_RUN;

    public String db() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  @Override
  public String toString() {
    return action.db() + (ticketId == null ? "" : " " + helpdesk + "#" + ticketId) + (detail == null ? "" : ": " + detail);
  }
}
