package io.helpdeskbridge.plugin.signifyd;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.BundledSamples;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signifyd decision webhooks (API v3, with the v2-era header names still read), turned into
 * {@code FraudFlagged} and {@code FraudCleared}. Stateless: every call reads its connector's
 * settings, so one instance serves every Signifyd team the bridge listens to.
 *
 * <p>Signifyd sends no delivery id, so the dedupe key is built from what identifies a decision:
 * checkpoint, order and action, plus the decision's {@code createdAt} when it has one (see {@link
 * SignifydNormalizer.Decision#eventId()}). The vendor type reads {@code CHECKOUT.REJECT}.
 *
 * <p>Settings: {@code webhook-secret} (required: the team API key Signifyd signs with; a list or
 * {@code old,new} while it is being replaced) and {@code accept-test-deliveries} (default {@code
 * true}: accept Signifyd's {@code cases/test} deliveries signed with the public test key, which are
 * recorded as ignored; {@code false} requires the team key for them too).
 *
 * @see <a href="https://developer.signifyd.com/main/reference/webhookmanagement">Signifyd:
 *     webhook management</a>
 */
public final class SignifydEventSource implements EventSource {

  static final String WEBHOOK_SECRET = "webhook-secret";
  static final String ACCEPT_TEST_DELIVERIES = "accept-test-deliveries";

  private static final String DEFAULT_CHECKPOINT = "CHECKOUT";
  private static final Set<String> ACTIONS = Set.of("ACCEPT", "HOLD", "REJECT");


  public SignifydEventSource() {}

  @Override
  public String id() {
    return SignifydNormalizer.SOURCE;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock)
      throws WebhookRejected {
    List<String> values = new ArrayList<>();
    values.add(request.header(SignifydSignature.HEADER));
    values.add(request.header(SignifydSignature.LEGACY_HEADER));
    boolean allowTestKey =
        !settings.string(ACCEPT_TEST_DELIVERIES, "true").trim().equalsIgnoreCase("false")
            && SignifydNormalizer.isTest(request, null);
    SignifydSignature.verify(values, request.body(), secrets(settings), allowTestKey);
  }

  /**
   * {@code <checkpoint>:<orderId>:<action>[:<decision.createdAt>]}, e.g. {@code
   * CHECKOUT:1001:REJECT:2026-05-01T10:00:00Z}. A test delivery gets {@code cases/test:} and its
   * order or case id, else a digest of its body.
   */
  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    SignifydNormalizer.Decision decision = SignifydNormalizer.read(request, payload);
    if (decision.test()) {
      String id = decision.orderId() != null ? decision.orderId() : decision.signifydId();
      return SignifydNormalizer.TEST_TOPIC + ":" + (id != null ? id : digest(request.body()));
    }
    String eventId = decision.eventId();
    if (eventId == null) {
      throw WebhookRejected.badRequest("the decision has no orderId");
    }
    return eventId;
  }

  /** {@code <checkpoint>.<action>}, e.g. {@code CHECKOUT.REJECT}; null when neither is known. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return SignifydNormalizer.read(request, payload).vendorType();
  }

  @Override
  public List<OrderEvent> normalize(
      WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return SignifydNormalizer.normalize(request, payload);
  }

  /** Signifyd's case id stands for the shop's order number, even on deliveries we ignore. */
  @Override
  public Map<String, String> orderFacts(WebhookRequest request, JsonNode payload) {
    SignifydNormalizer.Decision decision = SignifydNormalizer.read(request, payload);
    if (decision.test() || decision.orderId() == null || decision.signifydId() == null) {
      return Map.of();
    }
    return Map.of(
        "vendor-order:" + SignifydNormalizer.SOURCE + ":" + decision.signifydId(),
        "order:" + decision.orderId());
  }

  /**
   * {@code samples/signifyd/<file>.json} from the classpath, the file being the vendor type with
   * {@code /} written as {@code -} ({@code CHECKOUT.REJECT}).
   */
  @Override
  public Optional<byte[]> sample(String vendorType) {
    return BundledSamples.load("signifyd", vendorType);
  }

  /**
   * The signature made with the first configured key, and the checkpoint header taken from the
   * vendor type ({@code CHECKOUT.REJECT} → {@code signifyd-checkpoint: CHECKOUT}, {@code
   * CHECKOUT} when the type names none). A v2 topic ({@code cases/test}, {@code
   * guarantees/completion.DECLINED} → {@code guarantees/completion}) goes in {@code
   * X-SIGNIFYD-TOPIC} instead.
   */
  @Override
  public Map<String, String> signForSample(
      String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SignifydSignature.HEADER, SignifydSignature.sign(body, secrets(settings).get(0)));
    if (vendorType != null && vendorType.contains("/")) {
      // a v2 type is the topic and what the case decided: guarantees/completion.DECLINED
      int dot = vendorType.indexOf('.');
      headers.put(SignifydNormalizer.LEGACY_TOPIC_HEADER, dot < 0 ? vendorType : vendorType.substring(0, dot));
    } else {
      headers.put(SignifydNormalizer.CHECKPOINT_HEADER, checkpointOf(vendorType));
    }
    return headers;
  }

  private static String checkpointOf(String vendorType) {
    if (vendorType == null || vendorType.isBlank()) {
      return DEFAULT_CHECKPOINT;
    }
    String first = vendorType.split("\\.", -1)[0].trim();
    if (first.isEmpty() || ACTIONS.contains(first.toUpperCase(Locale.ROOT))) {
      return DEFAULT_CHECKPOINT;
    }
    return first;
  }

  /** A short, stable stand-in id for a test delivery that names no order. */
  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return Hmac.hex(Arrays.copyOf(hash, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static List<String> secrets(ConnectorSettings settings) {
    return settings.requireList(WEBHOOK_SECRET);
  }
}
