package io.helpdeskbridge.spi;

import java.util.Optional;

/**
 * An open client of one helpdesk account. Calls are blocking; the ticket writer wraps them in
 * retries and budgets, so an implementation throws {@link HelpdeskException} saying whether a call
 * may be retried (and when) instead of retrying itself.
 *
 * <p>{@link #apply} need not be idempotent on its own: the writer puts {@code marker} in the note
 * and, after a crash, asks {@link #hasMarker} before writing again.
 */
public interface HelpdeskConnection extends AutoCloseable {

  /** Finds the ticket for one correlation strategy, or empty. Never creates. */
  Optional<TicketRef> find(Lookup lookup) throws HelpdeskException;

  /** Applies a change (note, tags, fields, priority, status) to an existing ticket. */
  void apply(TicketRef ticket, TicketChange change, String marker) throws HelpdeskException;

  /** Whether a note carrying {@code marker} is already on the ticket (crash recovery). */
  boolean hasMarker(TicketRef ticket, String marker) throws HelpdeskException;

  /** Creates a ticket; {@code idempotencyKey} makes a retried create return the first ticket. */
  TicketRef create(NewTicket ticket, String idempotencyKey) throws HelpdeskException;

  /** A short human description of where this connection writes, without credentials. */
  String describe();

  @Override
  default void close() {}

  /** One way to find a ticket: {@code field:order_id = 1001}, {@code external_id = 1001}. */
  record Lookup(String strategy, String value) {}
}
