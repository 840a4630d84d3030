package io.helpdeskbridge.intake;

/** Names of the Camel headers and properties the bridge sets on the exchanges it feeds routes. */
public final class BridgeHeaders {
  private BridgeHeaders() {}

  /** Canonical event type, e.g. {@code RefundIssued}: what routes choose on. */
  public static final String EVENT_TYPE = "eventType";
  /** Source connector id, e.g. {@code stripe}. */
  public static final String SOURCE = "source";
  /** The vendor's own type, e.g. {@code charge.refunded}. */
  public static final String VENDOR_TYPE = "vendorType";
  /** The order key the dispatcher sharded on, e.g. {@code order:1001}. */
  public static final String ORDER_KEY = "orderKey";
  /** Id of the inbox row the event came from. */
  public static final String INBOX_ID = "HelpdeskBridgeInboxId";
  /** Ticket id written by the last {@code ticket:} step. */
  public static final String TICKET_ID = "HelpdeskBridgeTicketId";
  /** Exchange property: the list of ticket outcomes of this exchange. */
  public static final String OUTCOMES = "HelpdeskBridgeOutcomes";

  /** Exchange property: the dispatch batch's {@code PendingWrites}, so ticket steps can merge their writes. */
  public static final String PENDING_WRITES = "HelpdeskBridgePendingWrites";
}
