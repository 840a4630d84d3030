package io.helpdeskbridge.plugin.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The payment of an order as Stripe knows it, for the ticket an agent is about to read: its status,
 * amount and latest refund. The payment is the one an earlier stage named ({@code pi_...}, or a
 * charge {@code ch_...}/{@code py_...} and then its PaymentIntent), else the PaymentIntent whose
 * order metadata ({@code order-metadata-key}, default {@code order_id}) is the order number.
 *
 * <p>Settings: {@code api-key} (a restricted key with read access to PaymentIntents, Charges and
 * Refunds; unset = no lookups), {@code api-base}, {@code lookup-timeout-ms} (default 3000).
 *
 * @see <a href="https://docs.stripe.com/api/payment_intents/search">Search PaymentIntents</a>
 * @see <a href="https://docs.stripe.com/api/refunds/list">List all refunds</a>
 */
public final class StripeLookup implements Lookup {

  public StripeLookup() {}

  @Override
  public String id() {
    return StripeNormalizer.SOURCE;
  }

  @Override
  public Stage stage() {
    return Stage.PAYMENT;
  }

  @Override
  public String describes() {
    return "payment (Stripe)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(StripeApi.API_KEY);
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    StripeApi api = StripeApi.of(settings, StripeApi.API_KEY);
    Optional<JsonNode> payment = payment(api, known, metadataKey(settings));
    if (payment.isEmpty()) return Found.nothing();
    JsonNode p = payment.get();
    String id = p.path("id").asText();
    boolean isIntent = id.startsWith("pi_");
    Found.Builder found = Found.builder()
        .paymentId(id)
        .orderId(text(p.path("metadata").path(metadataKey(settings))))
        .value("payment_status", words(p.path("status").asText(null)))
        .value("payment_amount", money(p.path("amount"), p.path("currency")));
    Map<String, String> query = new LinkedHashMap<>();
    query.put(isIntent ? "payment_intent" : "charge", id);
    query.put("limit", "1");
    JsonNode refunds = api.read("/v1/refunds", query).path("data");
    found.value("last_refund", refunds.isEmpty() ? "none" : refund(refunds.get(0)));
    return found.build();
  }

  /** The named PaymentIntent, a named charge's PaymentIntent (or the charge when it has none), else the order's. */
  private static Optional<JsonNode> payment(StripeApi api, Known known, String metadataKey) throws IOException {
    for (String id : known.paymentIds()) {
      if (id.startsWith("pi_")) return api.find("/v1/payment_intents/" + StripeApi.enc(id), Map.of());
    }
    for (String id : known.paymentIds()) {
      if (id.startsWith("ch_") || id.startsWith("py_")) {
        Optional<JsonNode> charge = api.find("/v1/charges/" + StripeApi.enc(id), Map.of());
        String intent = charge.map(c -> text(c.path("payment_intent"))).orElse(null);
        return intent == null ? charge : api.find("/v1/payment_intents/" + StripeApi.enc(intent), Map.of());
      }
    }
    if (known.orderId() == null || known.orderId().isBlank()) return Optional.empty();
    return api.paymentIntentOfOrder(known.orderId(), metadataKey);
  }

  /** {@code 20.00 USD, succeeded, 2026-11-20 (re_123)}: the date is Stripe's {@code created}, in UTC. */
  static String refund(JsonNode r) {
    StringBuilder s = new StringBuilder(money(r.path("amount"), r.path("currency")));
    String status = words(r.path("status").asText(null));
    if (status != null) s.append(", ").append(status);
    if (r.path("created").canConvertToLong() && r.path("created").asLong() > 0) {
      s.append(", ").append(Instant.ofEpochSecond(r.path("created").asLong()).atOffset(ZoneOffset.UTC).toLocalDate());
    }
    return s.append(" (").append(r.path("id").asText("?")).append(')').toString();
  }

  private static String money(JsonNode amount, JsonNode currency) {
    return amount.canConvertToLong() && currency.isTextual() ? Money.of(amount.asLong(), currency.asText()).format() : "?";
  }

  /** Stripe's status codes as words: {@code requires_payment_method} → {@code requires payment method}. */
  private static String words(String status) {
    return status == null || status.isBlank() ? null : status.replace('_', ' ');
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  static String metadataKey(ConnectorSettings settings) {
    return settings.string(StripeEventSource.ORDER_METADATA_KEY, StripeNormalizer.DEFAULT_ORDER_METADATA_KEY);
  }
}
