package io.helpdeskbridge.plugin.signifyd;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.FraudCleared;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.WebhookRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a Signifyd decision webhook into the bridge's canonical fraud events. Pure and tolerant:
 * the dispatcher runs it again on the stored body and headers, and a delivery it does not
 * understand yields an empty list, never an exception.
 *
 * <p>A v3 delivery is the decision response of the Decisions API: {@code orderId} (the shop's),
 * {@code signifydId}, and {@code decision.checkpointAction} ({@code ACCEPT}, {@code HOLD},
 * {@code REJECT}) with {@code checkpointActionReason}, {@code score} (0 to 1000, lower is riskier)
 * and {@code createdAt}; the checkpoint ({@code CHECKOUT}, {@code SALE}, ...) comes in the
 * {@code signifyd-checkpoint} header. Older deliveries put {@code checkpointAction}, {@code
 * checkpointActionReason} and {@code score} at the top level next to a {@code caseId} and name the
 * topic in {@code X-SIGNIFYD-TOPIC}; both shapes are read, the {@code decision} object first.
 *
 * <p>{@code REJECT} and {@code HOLD} become {@link FraudFlagged}, {@code ACCEPT} becomes {@link
 * FraudCleared} (whether a clear matters is the mapping's business). Deliveries of the test topic
 * {@code cases/test} mean nothing.
 *
 * <p>A v2 case webhook ({@code cases/creation}, {@code cases/rescore}, {@code cases/review},
 * {@code guarantees/completion}) is the case itself: {@code caseId}, {@code orderId}, {@code
 * score}, {@code guaranteeDisposition} and {@code reviewDisposition}, no {@code checkpointAction}.
 * Signifyd defines {@code DECLINED} as "reviewed for fraud and not safe to ship; a fraudulent
 * chargeback is not eligible for reimbursement": the merchant should not ship, so it is a {@link
 * FraudFlagged}, worded as a refused guarantee and not as proven fraud. {@code APPROVED} (safe to
 * ship, guaranteed) is a {@link FraudCleared}. {@code PENDING}, {@code IN_REVIEW}, {@code
 * CANCELED} (the merchant withdrew the request) and {@code UNREQUESTED} decide nothing. On {@code
 * cases/review}, the merchant's own thumbs down ({@code FRAUDULENT}) flags and a thumbs up ({@code
 * GOOD}) clears. Every case webhook carries the current disposition, so a rescore repeats it: the
 * dedupe key leaves the topic out ({@code guarantee:<orderId>:DECLINED}) and the repeat is stored
 * once.
 *
 * <p>Actions and reasons are written in words ({@link SignifydWords}); the vendor type keeps the
 * codes.
 *
 * @see <a href="https://developer.signifyd.com/main/reference/webhookmanagement">Signifyd:
 *     webhooks</a>
 */
final class SignifydNormalizer {

  static final String SOURCE = "signifyd";
  static final String PROVIDER = "signifyd";

  /** v3: the checkpoint whose decision this is ({@code CHECKOUT}, {@code SALE}, ...). */
  static final String CHECKPOINT_HEADER = "signifyd-checkpoint";
  /** The name an earlier revision of the v3 page gives the same header. */
  static final String TOPIC_HEADER = "SIGNIFYD-TOPIC";
  /** v2: the topic ({@code decisions/*}, {@code cases/test}, ...). */
  static final String LEGACY_TOPIC_HEADER = "X-SIGNIFYD-TOPIC";
  /** The v2 topic of the dashboard's test delivery. */
  static final String TEST_TOPIC = "cases/test";
  /** The v2 topic on which a case's review disposition is news. */
  static final String REVIEW_TOPIC = "cases/review";

  static final String GUARANTEE_APPROVED = "APPROVED";
  static final String GUARANTEE_DECLINED = "DECLINED";
  static final String REVIEW_GOOD = "GOOD";
  static final String REVIEW_FRAUDULENT = "FRAUDULENT";

  private SignifydNormalizer() {}

  /** What one delivery says, read tolerantly; any part may be null. */
  record Decision(
      String checkpoint,
      String orderId,
      String signifydId,
      String action,
      String reason,
      String score,
      String createdAt,
      String email,
      String guarantee,
      String review,
      boolean test) {

    /**
     * The v2 disposition this delivery decides ({@code APPROVED}, {@code DECLINED}, or on {@code
     * cases/review} {@code GOOD}, {@code FRAUDULENT}); null when a v3 action is given or nothing is
     * decided.
     */
    String disposition() {
      if (action != null) return null;
      if (GUARANTEE_APPROVED.equals(guarantee) || GUARANTEE_DECLINED.equals(guarantee)) return guarantee;
      boolean onReview = checkpoint != null && checkpoint.equalsIgnoreCase(REVIEW_TOPIC);
      if (onReview && (REVIEW_GOOD.equals(review) || REVIEW_FRAUDULENT.equals(review))) return review;
      return null;
    }

    /**
     * {@code <checkpoint>.<action>} ({@code CHECKOUT.REJECT}), or whichever of the two is known,
     * or {@code cases/test} for a test delivery; null when neither is known.
     */
    String vendorType() {
      if (test) {
        return TEST_TOPIC;
      }
      String decided = action != null ? action : disposition();
      if (checkpoint != null && decided != null) {
        return checkpoint + "." + decided;
      }
      return checkpoint != null ? checkpoint : decided;
    }

    /**
     * The inbox's dedupe key: {@code <checkpoint>:<orderId>:<action>}, followed by {@code
     * :<decision.createdAt>} when the decision carries one. A retry of the same delivery has the
     * same body and therefore the same key; a later decision on the same order (Signifyd decides
     * again after an update or a review) has a new {@code createdAt} and is kept. Missing parts
     * are left empty. Null without an order id.
     */
    String eventId() {
      if (orderId == null) {
        return null;
      }
      String disposition = disposition();
      if (disposition != null) {
        return (disposition.equals(guarantee) ? "guarantee" : "review") + ":" + orderId + ":" + disposition;
      }
      String key = nz(checkpoint) + ":" + orderId + ":" + nz(action);
      return createdAt == null ? key : key + ":" + createdAt;
    }

    OrderRef orderRef() {
      String vendorOrderId = signifydId == null ? null : SOURCE + ":" + signifydId;
      return new OrderRef(orderId, vendorOrderId, email, null, null, null);
    }
  }

  /** Reads the decision out of the body and the headers; never throws. */
  static Decision read(WebhookRequest request, JsonNode payload) {
    JsonNode body = payload != null && payload.isObject() ? payload : null;
    boolean test = isTest(request, body);
    if (body == null) {
      return new Decision(checkpoint(request, null), null, null, null, null, null, null, null, null, null, test);
    }
    JsonNode decision = body.path("decision");
    String action = text(decision.get("checkpointAction"));
    if (action == null) {
      action = text(body.get("checkpointAction"));
    }
    String reason = text(decision.get("checkpointActionReason"));
    if (reason == null) {
      reason = text(body.get("checkpointActionReason"));
    }
    JsonNode score = decision.get("score");
    if (score == null || score.isNull()) {
      score = body.get("score");
    }
    String signifydId = id(body.get("signifydId"));
    if (signifydId == null) {
      signifydId = id(body.get("caseId"));
    }
    return new Decision(
        checkpoint(request, body),
        OrderRef.number(id(body.get("orderId"))),
        signifydId,
        action == null ? null : action.trim().toUpperCase(Locale.ROOT),
        reason,
        score(score),
        text(decision.get("createdAt")),
        email(body),
        upper(text(body.get("guaranteeDisposition"))),
        upper(text(body.get("reviewDisposition"))),
        test);
  }

  static List<OrderEvent> normalize(WebhookRequest request, JsonNode payload) {
    Decision d = read(request, payload);
    if (d.test() || d.orderId() == null) {
      return List.of();
    }
    Instant occurredAt = instant(d.createdAt());
    if (occurredAt == null && request != null) {
      occurredAt = request.receivedAt();
    }
    if (d.action() == null) {
      return disposition(d, occurredAt);
    }
    return switch (d.action()) {
      case "REJECT", "HOLD" ->
          List.of(
              new FraudFlagged(
                  SOURCE,
                  d.eventId(),
                  occurredAt,
                  d.orderRef(),
                  d.vendorType(),
                  PROVIDER,
                  SignifydWords.action(d.action()),
                  d.score(),
                  SignifydWords.reason(d.reason(), null),
                  d.signifydId()));
      case "ACCEPT" ->
          List.of(
              new FraudCleared(
                  SOURCE,
                  d.eventId(),
                  occurredAt,
                  d.orderRef(),
                  d.vendorType(),
                  PROVIDER,
                  SignifydWords.reason(d.reason(), null),
                  d.signifydId()));
      default -> List.of();
    };
  }

  /**
   * A v2 case's disposition as an event. The case's {@code updatedAt} is not when the guarantee was
   * decided (a rescore moves it), so the event is dated by its receipt.
   */
  private static List<OrderEvent> disposition(Decision d, Instant receivedAt) {
    String disposition = d.disposition();
    if (disposition == null) {
      return List.of();
    }
    String reason = SignifydWords.reason(null, disposition);
    if (disposition.equals(GUARANTEE_DECLINED) || disposition.equals(REVIEW_FRAUDULENT)) {
      return List.of(
          new FraudFlagged(
              SOURCE,
              d.eventId(),
              receivedAt,
              d.orderRef(),
              d.vendorType(),
              PROVIDER,
              SignifydWords.action(disposition),
              d.score(),
              reason,
              d.signifydId()));
    }
    return List.of(
        new FraudCleared(
            SOURCE, d.eventId(), receivedAt, d.orderRef(), d.vendorType(), PROVIDER, reason, d.signifydId()));
  }

  private static String upper(String s) {
    return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
  }

  /**
   * The checkpoint: the v3 {@code signifyd-checkpoint} header, else {@code SIGNIFYD-TOPIC}, else a
   * {@code checkpoint} field of the body, else the v2 {@code X-SIGNIFYD-TOPIC} header.
   */
  static String checkpoint(WebhookRequest request, JsonNode body) {
    String value = header(request, CHECKPOINT_HEADER);
    if (value == null) {
      value = header(request, TOPIC_HEADER);
    }
    if (value == null && body != null) {
      value = text(body.get("checkpoint"));
    }
    if (value == null) {
      value = header(request, LEGACY_TOPIC_HEADER);
    }
    return value == null ? null : value.trim();
  }

  /** A delivery of Signifyd's test topic, whichever header or field names it. */
  static boolean isTest(WebhookRequest request, JsonNode body) {
    for (String name : List.of(CHECKPOINT_HEADER, TOPIC_HEADER, LEGACY_TOPIC_HEADER)) {
      String value = header(request, name);
      if (value != null && value.trim().equalsIgnoreCase(TEST_TOPIC)) {
        return true;
      }
    }
    String field = body == null ? null : text(body.get("checkpoint"));
    return field != null && field.trim().equalsIgnoreCase(TEST_TOPIC);
  }

  private static String header(WebhookRequest request, String name) {
    if (request == null) {
      return null;
    }
    String value = request.header(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** The shopper's address when the body carries one (v3 decisions usually do not). */
  private static String email(JsonNode body) {
    String email = text(body.get("email"));
    if (email == null) {
      email = text(body.path("purchase").get("confirmationEmail"));
    }
    if (email == null) {
      email = text(body.path("userAccount").get("email"));
    }
    return email;
  }

  /**
   * The score as whole points, the way Signifyd's own Magento and SFCC plugins show it ({@code
   * 976.853...} → {@code 976}); a non-numeric text is kept as given.
   */
  private static String score(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    BigDecimal value = null;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual() && !node.asText().isBlank()) {
      try {
        value = new BigDecimal(node.asText().trim());
      } catch (NumberFormatException notANumber) {
        return node.asText().trim();
      }
    }
    return value == null ? null : value.setScale(0, RoundingMode.FLOOR).toPlainString();
  }

  /** An ISO-8601 instant ({@code 2026-05-01T10:00:00.123Z} or with an offset), or null. */
  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException notAnOffsetDateTime) {
      return null;
    }
  }

  /** An identifier that may come as text or as a JSON number; null for anything else. */
  private static String id(JsonNode node) {
    if (node != null && node.isIntegralNumber()) {
      return node.asText();
    }
    return text(node);
  }


  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
