package io.helpdeskbridge.ticket;

/** The change could not be written; the event goes to the dead letters with this message. */
public class TicketWriteFailed extends Exception {
  public TicketWriteFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
