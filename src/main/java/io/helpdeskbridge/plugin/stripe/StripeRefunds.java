package io.helpdeskbridge.plugin.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.RefundAction;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refunds through Stripe ({@code POST /v1/refunds}) when an agent approved it on a ticket. Uses its
 * own setting, {@code refund-api-key} (a restricted key with write access to Refunds and read access
 * to PaymentIntents), so the read-only {@code api-key} of the lookups can never move money.
 *
 * <p>The request's idempotency key goes out as {@code Idempotency-Key}: Stripe replays the first
 * answer to a repeated request, so a retry after a timeout or a 5xx cannot refund twice. Stripe
 * saying no (already refunded, amount too large, key reused with other parameters) is a refusal;
 * 409 (the same key still in flight), 429, 5xx and network failures throw so the engine retries.
 *
 * @see <a href="https://docs.stripe.com/api/refunds/create">Create a refund</a>
 * @see <a href="https://docs.stripe.com/api/idempotent_requests">Idempotent requests</a>
 */
public final class StripeRefunds implements RefundAction {
  static final String REFUND_API_KEY = "refund-api-key";
  /** The reasons Stripe accepts on a refund; any other is left off rather than failing the request. */
  static final Set<String> STRIPE_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");

  public StripeRefunds() {}

  @Override
  public String id() {
    return StripeNormalizer.SOURCE;
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(REFUND_API_KEY);
  }

  @Override
  public Result refund(Request request, ConnectorSettings settings) throws IOException {
    if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
      throw new IllegalArgumentException("a Stripe refund needs an idempotency key");
    }
    StripeApi api = StripeApi.of(settings, REFUND_API_KEY);
    String paymentId = request.paymentId();
    if (paymentId == null || paymentId.isBlank()) {
      if (request.orderId() == null || request.orderId().isBlank()) return Result.refused("no Stripe payment and no order number given");
      Optional<JsonNode> intent = api.paymentIntentOfOrder(request.orderId(), StripeLookup.metadataKey(settings));
      if (intent.isEmpty()) return Result.refused("no Stripe payment found for order " + request.orderId());
      String currency = intent.get().path("currency").asText("");
      // amounts are minor units of the payment's currency: another currency would refund a different sum
      if (request.currency() != null && !currency.isEmpty() && !currency.equalsIgnoreCase(request.currency())) {
        return Result.refused("the Stripe payment of order " + request.orderId() + " is in "
            + currency.toUpperCase(Locale.ROOT) + ", not " + request.currency().toUpperCase(Locale.ROOT));
      }
      paymentId = intent.get().path("id").asText();
    }
    StripeApi.Answer a = api.post("/v1/refunds", form(request, paymentId), request.idempotencyKey());
    if (a.ok()) {
      String status = a.body().path("status").asText("");
      return new Result(status.equals("succeeded") || status.equals("pending"), a.body().path("id").asText(null),
          status, status.equals("failed") ? a.body().path("failure_reason").asText(null) : null);
    }
    if (a.status() == 409 || a.status() == 429 || a.status() >= 500) throw api.failure(a, "/v1/refunds");
    return Result.refused(api.reason(a));
  }

  static Map<String, String> form(Request request, String paymentId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(paymentId.startsWith("pi_") ? "payment_intent" : "charge", paymentId);
    form.put("amount", Long.toString(request.amountMinor()));
    if (request.reason() != null && STRIPE_REASONS.contains(request.reason())) form.put("reason", request.reason());
    if (request.metadata() != null) request.metadata().forEach((k, v) -> form.put("metadata[" + k + "]", v == null ? "" : v));
    return form;
  }
}
