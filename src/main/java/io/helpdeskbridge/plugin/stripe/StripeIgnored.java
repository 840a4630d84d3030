package io.helpdeskbridge.plugin.stripe;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Why a Stripe delivery gives no canonical event, in words precise enough to act on: which type
 * or field decided it, and what would have made it count. Only asked about deliveries the
 * normalizer (and the {@code refunds-from} choice) turned into nothing; the engine stores the
 * answer as the row's outcome.
 */
final class StripeIgnored {

  /** The types the bridge reads; anything else is ignored by type. */
  static final Set<String> READ = Set.of("charge.refunded", "refund.created", "refund.updated",
      "charge.refund.updated", "refund.failed", "payment_intent.payment_failed", "charge.dispute.created",
      "charge.dispute.closed", "radar.early_fraud_warning.created", "review.opened", "review.closed");

  private StripeIgnored() {}

  static String reason(JsonNode payload, String refundsFrom) {
    if (payload == null || !payload.isObject()) return "the body is not a Stripe event object";
    if ("v2.core.event".equals(text(payload.get("object")))) {
      return "a thin event (v2.core.event) carries no object; point a snapshot-payload endpoint at the bridge";
    }
    String type = text(payload.get("type"));
    if (type == null) return "the event has no type";
    if (!READ.contains(type)) {
      return "Stripe " + type + " is not a type the bridge reads (it reads " + String.join(", ", READ.stream().sorted().toList())
          + ")";
    }
    JsonNode object = payload.path("data").path("object");
    if (!object.isObject()) return type + " has no data.object";
    if (text(payload.get("id")) == null || !payload.path("created").canConvertToLong()) {
      return type + " has no event id or no created time";
    }
    String id = text(object.get("id"));
    String what = id == null ? type : type + " " + id;
    String status = text(object.get("status"));
    JsonNode previous = payload.path("data").path("previous_attributes");
    boolean refundFamily = (type.startsWith("refund.") && !type.equals("refund.failed")) || type.equals("charge.refund.updated");
    boolean failed = "failed".equals(status);
    if (refundFamily && !failed && "charge".equals(refundsFrom)) {
      return what + ": refunds are read from charge.refunded (refunds-from: charge), so this refund is reported there;"
          + " set STRIPE_REFUNDS_FROM=refund to read refund events instead";
    }
    if (type.equals("charge.refunded") && "refund".equals(refundsFrom)) {
      return what + ": refunds are read from refund.created/refund.updated (refunds-from: refund), so this refund is"
          + " reported there; set STRIPE_REFUNDS_FROM=charge to read charge.refunded instead";
    }
    return switch (type) {
      case "charge.refunded" -> what + ": amount_refunded (" + object.path("amount_refunded").asText() + ") is not more"
          + " than previous_attributes.amount_refunded (" + previous.path("amount_refunded").asText()
          + "), so it refunds nothing new";
      case "refund.updated", "charge.refund.updated" -> previous.has("status")
          ? what + ": status changed to " + status + "; only succeeded (a refund) or failed (a failed refund) counts"
          : what + ": previous_attributes names no status change (" + String.join(", ", fieldNames(previous))
              + "), so this is an edit of a refund already reported, not a new refund";
      case "refund.created" -> what + ": status is " + status + ", not succeeded; the refund counts once refund.updated"
          + " says it succeeded";
      case "refund.failed" -> what + ": status is " + status + ", not failed";
      case "review.closed" -> what + ": closed as " + closedReason(object) + "; only a review closed as approved clears"
          + " the fraud flag";
      default -> what + ": the event could not be read";
    };
  }

  private static String closedReason(JsonNode review) {
    String r = text(review.get("closed_reason"));
    if (r == null) r = text(review.get("reason"));
    return r == null ? "(no reason given)" : r;
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? java.util.List.of("none") : names;
  }
}
