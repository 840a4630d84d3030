package io.helpdeskbridge.plugin.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.BundledSamples;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Zendesk ticket webhooks ({@code POST /webhooks/zendesk}): a trigger or automation tells the
 * bridge a ticket was created or updated, and the bridge answers with the order's context (a
 * {@link io.helpdeskbridge.event.TicketOpened}) or, for a ticket tagged for a refund, a {@link
 * io.helpdeskbridge.event.RefundRequested}. The plugin id {@code zendesk} is also the Zendesk
 * helpdesk's, so one {@code connectors/zendesk.yaml} serves both roles. Stateless: every call
 * reads its connector's settings. The accepted bodies are described in {@link
 * ZendeskTicketNormalizer}.
 *
 * <p>Settings: {@code webhook-secret} (required; the webhook's signing secret, a list or {@code
 * old,new} while it is being reset), {@code tolerance-seconds} (default 300, {@code 0} disables
 * the age check), {@code refund-tag} (default {@code refund_approved}) and {@code
 * default-currency} (default {@code USD}, for a refund amount whose body names no currency).
 *
 * <p>The dedupe id is, in order: the {@code X-Zendesk-Webhook-Invocation-Id} header (one per
 * invocation, kept by its retry attempts); an event subscription's top-level {@code id}; else
 * {@code ticket:<ticket id>:} and the first 16 hex digits of the body's SHA-256, so a retried body
 * is a duplicate and a later update (another {@code updated_at}) is not. A ticket delivery without
 * a ticket id is refused with {@code 400}; an event subscription about something other than a
 * ticket (a user, an organization) is accepted and ignored.
 *
 * @see <a href="https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request/">Zendesk:
 *     anatomy of a webhook request</a>
 * @see <a href="https://developer.zendesk.com/documentation/webhooks/verifying/">Zendesk: verifying
 *     webhook authenticity</a>
 */
public final class ZendeskTicketSource implements EventSource {

  static final String WEBHOOK_SECRET = "webhook-secret";
  static final String TOLERANCE_SECONDS = "tolerance-seconds";
  static final String REFUND_TAG = "refund-tag";
  static final String DEFAULT_CURRENCY = "default-currency";

  static final String INVOCATION_ID_HEADER = "X-Zendesk-Webhook-Invocation-Id";
  static final String WEBHOOK_ID_HEADER = "X-Zendesk-Webhook-Id";

  private static final HexFormat HEX = HexFormat.of();

  public ZendeskTicketSource() {}

  @Override
  public String id() {
    return ZendeskTicketNormalizer.SOURCE;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock)
      throws WebhookRejected {
    long defaultSeconds = ZendeskWebhookSignature.DEFAULT_TOLERANCE.getSeconds();
    Duration tolerance =
        Duration.ofSeconds(settings.integer(TOLERANCE_SECONDS, (int) defaultSeconds));
    ZendeskWebhookSignature.verify(
        request.header(ZendeskWebhookSignature.HEADER),
        request.header(ZendeskWebhookSignature.TIMESTAMP_HEADER),
        request.body(),
        secrets(settings),
        tolerance,
        clock.instant());
  }

  /** See the class comment for the order of the candidates. */
  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    boolean ticketDelivery =
        !ZendeskTicketNormalizer.isEventSubscription(payload)
            || ZendeskTicketNormalizer.isTicketEvent(payload);
    if (ticketDelivery && ZendeskTicketNormalizer.ticketId(payload) == null) {
      throw WebhookRejected.badRequest(
          ZendeskTicketNormalizer.isEventSubscription(payload)
              ? "ticket event has no detail.id"
              : "the body has no ticket_id (the trigger's JSON body must send \"ticket_id\": \"{{ticket.id}}\")");
    }
    String id = deliveryId(request, payload);
    if (id == null) {
      throw WebhookRejected.badRequest("event has no id");
    }
    return id;
  }

  /** {@code ticket_created}/{@code ticket_updated}, or the {@code zen:event-type:...}; null when absent. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return ZendeskTicketNormalizer.vendorType(payload);
  }

  @Override
  public List<OrderEvent> normalize(
      WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return ZendeskTicketNormalizer.normalize(
        payload,
        deliveryId(request, payload),
        request == null ? null : request.receivedAt(),
        settings.string(REFUND_TAG, ZendeskTicketNormalizer.DEFAULT_REFUND_TAG),
        settings.string(DEFAULT_CURRENCY, ZendeskTicketNormalizer.DEFAULT_CURRENCY));
  }

  /**
   * {@code samples/zendesk/<vendorType>.json} from the classpath: {@code ticket_created} (a new
   * ticket naming order #1001) or {@code ticket_refund_approved} (an update tagged {@code
   * refund_approved} for 25.00 USD).
   */
  @Override
  public Optional<byte[]> sample(String vendorType) {
    return BundledSamples.load("zendesk", vendorType);
  }

  /**
   * The headers Zendesk sends, signed with the first configured secret at {@code now} (whole
   * seconds, as Zendesk writes it), and a fresh invocation id so each sample is a new delivery.
   */
  @Override
  public Map<String, String> signForSample(
      String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    String secret = secrets(settings).get(0);
    String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ZendeskWebhookSignature.HEADER, ZendeskWebhookSignature.sign(timestamp, body, secret));
    headers.put(ZendeskWebhookSignature.TIMESTAMP_HEADER, timestamp);
    headers.put(INVOCATION_ID_HEADER, "sample-" + UUID.randomUUID());
    headers.put(WEBHOOK_ID_HEADER, "sample");
    return headers;
  }

  /** The delivery's id without judging the body; null only when no rule gives one. */
  static String deliveryId(WebhookRequest request, JsonNode payload) {
    String header = request == null ? null : request.header(INVOCATION_ID_HEADER);
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    if (ZendeskTicketNormalizer.isEventSubscription(payload)) {
      String id = ZendeskTicketNormalizer.scalar(payload.get("id"));
      if (id != null) {
        return id;
      }
    }
    String ticketId = ZendeskTicketNormalizer.ticketId(payload);
    if (ticketId == null || request == null) {
      return null;
    }
    return "ticket:" + ticketId + ":" + sha256Prefix(request.body());
  }

  /** The first 16 hex digits of the SHA-256 of {@code body}. */
  static String sha256Prefix(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return HEX.formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      // SHA-256 is required of every JRE
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static List<String> secrets(ConnectorSettings settings) {
    return settings.requireList(WEBHOOK_SECRET);
  }
}
