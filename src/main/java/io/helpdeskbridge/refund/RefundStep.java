package io.helpdeskbridge.refund;

import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.spi.RefundAction;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.ticket.Marker;
import io.helpdeskbridge.ticket.PendingWrites;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code refund:<connector>}: an agent's approved refund, checked against the guardrails, issued
 * once through the connector's {@link RefundAction}, and reported on the ticket (a note, and the
 * approval tag swapped for the issued or failed tag).
 *
 * <p>Once: the vendor gets an idempotency key made of helpdesk, ticket, order and amount, and the
 * ledger keeps the outcome under that key, so a webhook delivered twice (or a trigger that fires
 * again) finds the first refund instead of making a second. A vendor that cannot be reached fails
 * the delivery; the retry sends the same key.
 */
public final class RefundStep {
  private static final Logger LOG = LoggerFactory.getLogger(RefundStep.class);

  /** The step's options from its URI; tags swap on the ticket after the outcome. */
  public record Options(String connector, String helpdesk, RefundGuardrails guardrails, String approvalTag, String issuedTag,
      String failedTag) {}

  private final RefundActions.Bound action;
  private final Options options;
  private final RefundLedger ledger;
  private final TicketWriter writer;
  private final Clock clock;

  public RefundStep(RefundActions.Bound action, Options options, RefundLedger ledger, TicketWriter writer, Clock clock) {
    this.action = action;
    this.options = options;
    this.ledger = ledger;
    this.writer = writer;
    this.clock = clock;
  }

  public TicketOutcome run(RefundRequested request, long inboxId, PendingWrites pending) throws Exception {
    String helpdesk = options.helpdesk() != null ? options.helpdesk()
        : writer.hasHelpdesk(request.source()) ? request.source() : "default";
    String doneMarker = Marker.of(request, "refund");
    if (writer.written(helpdesk, doneMarker)) {
      return new TicketOutcome(TicketOutcome.Action.ALREADY_APPLIED, helpdesk, request.ticketId(), "refund outcome already on the ticket");
    }
    String orderKey = request.order().key();
    Money amount = request.amount();
    String key = amount == null ? null : idempotencyKey(helpdesk, request.ticketId(), orderKey, amount);
    Optional<RefundLedger.Entry> prior = key == null ? Optional.empty() : ledger.get(key);
    if (prior.isPresent() && prior.get().status() != RefundLedger.Status.PENDING) {
      // the same request again: report the first outcome, refund nothing
      return report(request, inboxId, pending, helpdesk, doneMarker, prior.get().status() == RefundLedger.Status.ISSUED,
          prior.get().refundId(), prior.get().detail());
    }
    if (prior.isEmpty()) {
      Money before = amount == null ? null : Money.of(ledger.committed(orderKey, amount.currency()), amount.currency());
      Optional<String> refusal = action == null
          ? Optional.of("refunds from tickets are not set up for '" + options.connector() + "' (its connector needs a key"
              + " that may refund, e.g. refund-api-key in connectors/stripe.yaml)")
          : options.guardrails().refusal(request, before);
      if (refusal.isPresent()) {
        LOG.info("refund from {} ticket {} refused: {}", helpdesk, request.ticketId(), refusal.get());
        // a refusal is not final: once the agent fixes what it names, the next approval is judged afresh
        String marker = Marker.of(request, "refund-refused-" + shortHash(refusal.get()));
        TicketChange change = new TicketChange("Refund not issued: " + refusal.get() + ".\nNothing was sent to "
            + options.connector() + ".", false, List.of(options.failedTag()), List.of(options.approvalTag()), Map.of(),
            null, null);
        writer.writeTo(inboxId, request, helpdesk, request.ticketId(), change, marker, pending);
        return new TicketOutcome(TicketOutcome.Action.SKIPPED, helpdesk, request.ticketId(), "refund refused: " + refusal.get());
      }
      if (!ledger.begin(key, helpdesk, request.ticketId(), orderKey, options.connector(), amount.minor(), amount.currency(),
          clock.instant())) {
        LOG.info("refund {} for ticket {} is already under way", key, request.ticketId());
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("order_id", request.order().orderId());
    metadata.put("helpdesk", helpdesk);
    metadata.put("ticket_id", request.ticketId());
    if (request.requestedBy() != null) metadata.put("approved_by", request.requestedBy());
    RefundAction.Result result;
    try {
      result = action.action().refund(new RefundAction.Request(request.order().orderId(), request.order().paymentId(),
          amount.minor(), amount.currency(), request.reason(), key, metadata), action.settings());
    } catch (IOException e) {
      // stays pending: the redelivery sends the same key, and the vendor answers with the first refund
      throw new IOException(options.connector() + " refund for ticket " + request.ticketId() + " not confirmed: " + e.getMessage(), e);
    }
    ledger.finish(key, result.succeeded() ? RefundLedger.Status.ISSUED : RefundLedger.Status.FAILED, result.refundId(),
        result.succeeded() ? result.status() : result.failureReason(), clock.instant());
    return report(request, inboxId, pending, helpdesk, doneMarker, result.succeeded(), result.refundId(),
        result.succeeded() ? result.status() : result.failureReason());
  }

  private TicketOutcome report(RefundRequested request, long inboxId, PendingWrites pending, String helpdesk, String marker,
      boolean issued, String refundId, String detail) throws Exception {
    String amount = request.amount().format();
    String note;
    List<String> add = new ArrayList<>();
    List<String> remove = new ArrayList<>(List.of(options.approvalTag()));
    if (issued) {
      note = "Refund of " + amount + " issued through " + options.connector() + " for order " + request.order().orderId()
          + (refundId == null ? "" : " (" + refundId + ")") + (detail == null ? "" : ", status " + detail) + "."
          + (request.requestedBy() == null ? "" : "\nApproved by " + request.requestedBy() + ".");
      add.add(options.issuedTag());
      remove.add(options.failedTag());
    } else {
      note = "Refund of " + amount + " for order " + request.order().orderId() + " failed in " + options.connector() + ": "
          + (detail == null ? "no reason given" : detail) + ".";
      add.add(options.failedTag());
    }
    TicketChange change = new TicketChange(note, false, add, remove, Map.of(), null, null);
    writer.writeTo(inboxId, request, helpdesk, request.ticketId(), change, marker, pending);
    return new TicketOutcome(TicketOutcome.Action.APPLIED, helpdesk, request.ticketId(),
        (issued ? "refund issued" : "refund failed") + (refundId == null ? "" : " " + refundId));
  }

  /** Stable for one ticket's request of one amount; Stripe allows 255 characters. */
  static String idempotencyKey(String helpdesk, String ticketId, String orderKey, Money amount) {
    return "hdb-refund-" + sha256(helpdesk + "\n" + ticketId + "\n" + orderKey + "\n" + amount.minor() + "\n" + amount.currency())
        .substring(0, 48);
  }

  private static String shortHash(String s) {
    return sha256(s).substring(0, 10);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
