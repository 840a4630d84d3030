package io.helpdeskbridge.plugin.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.RefundAction;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refunds a Shopify order through the Admin REST API when an agent approved it on a ticket, as an
 * amount that is not tied to line items (nothing is restocked):
 *
 * <ol>
 *   <li>the order by its number: {@code GET orders.json?name=%231001&status=any&limit=1}, taken
 *       only when its {@code name} is the one asked for (see {@link ShopifyLookup});
 *   <li>the order's refunds: {@code GET orders/<id>/refunds.json}; one whose {@code note} carries
 *       the request's idempotency key is the answer, and nothing is posted (below);
 *   <li>what may go back: {@code POST orders/<id>/refunds/calculate.json} with no line items and
 *       no shipping; each {@code suggested_refund} transaction names its {@code parent_id},
 *       {@code gateway} and {@code maximum_refundable}. More than their sum is refused here;
 *   <li>the refund: {@code POST orders/<id>/refunds.json} with those transactions as {@code kind:
 *       refund}, the amount spread over them in Shopify's order, {@code notify: false}, and the
 *       note {@code Refund approved on ticket 4242 (zendesk) [hdb-refund-...]}.
 * </ol>
 *
 * <p>Amounts are decimal strings in the order's presentment currency (the customer's, which a
 * refund must use); a request in another currency is refused.
 *
 * <p>Idempotency: the REST Refund resource takes no idempotency key (REST's {@code unique_token}
 * is documented for card payments, subscription billing attempts and revenue records, not refunds;
 * and no {@code Idempotency-Key} header is documented; GraphQL {@code refundCreate} takes {@code @idempotent}
 * from 2026-01). So the key goes into the refund's note, and step 2 looks for it before anything is
 * posted: a retry after a timeout or a 5xx whose refund Shopify did create reports that refund
 * instead of refunding twice. Two attempts of one key at the same moment could both miss it; the
 * engine runs one order's events one after another, which keeps that from happening. The list
 * asks for up to 250 refunds of the order ({@code limit=250}), far more than an order gets.
 *
 * <p>Shopify saying no (422, nothing left to refund, the token refused) is a refusal in
 * Shopify's words; 429, 5xx and network failures throw so the engine retries with the same key.
 * A refund whose transaction failed is {@code succeeded=false} with the gateway's message.
 *
 * <p>Settings: {@code refund-admin-token} (Admin API token with {@code write_orders}, kept apart
 * from the read-only {@code admin-token} of the lookups; unset = no refunds), {@code api-base}
 * (default {@code https://<shop-domain>}), {@code api-version}, {@code lookup-timeout-ms} (per
 * request; default {@value #DEFAULT_TIMEOUT_MS} for refunds).
 *
 * @see <a href="https://shopify.dev/docs/api/admin-rest/2024-10/resources/refund">Refund (REST)</a>
 * @see <a href="https://shopify.dev/docs/api/admin-rest/usage/idempotent-requests">Idempotent requests in the REST Admin API</a>
 * @see <a href="https://shopify.dev/changelog/adding-idempotency-for-inventory-adjustments-and-refund-mutations">
 *     GraphQL refundCreate @idempotent (2026-01)</a>
 */
public final class ShopifyRefunds implements RefundAction {
  static final String REFUND_ADMIN_TOKEN = "refund-admin-token";
  static final int DEFAULT_TIMEOUT_MS = 10_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A {@code suggested_refund} transaction of the calculation: where money can go back, and how much. */
  record Suggested(JsonNode parentId, String gateway, BigDecimal maximum) {}

  public ShopifyRefunds() {}

  @Override
  public String id() {
    return ShopifyNormalizer.SOURCE;
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(REFUND_ADMIN_TOKEN);
  }

  @Override
  public Result refund(Request request, ConnectorSettings settings) throws IOException {
    if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
      throw new IllegalArgumentException("a Shopify refund needs an idempotency key");
    }
    String number = OrderRef.number(request.orderId());
    if (number == null) return Result.refused("no Shopify order number given");
    if (request.amountMinor() <= 0) return Result.refused("nothing to refund: the amount is not above zero");
    ShopifyAdminApi api = ShopifyAdminApi.of(settings, REFUND_ADMIN_TOKEN, DEFAULT_TIMEOUT_MS);

    ShopifyAdminApi.Answer search = api.get("/orders.json?name=" + enc("#" + number)
        + "&status=any&limit=1&fields=id,name,currency,presentment_currency");
    if (!search.ok()) return refusedOrThrow(api, search, "the search for order #" + number);
    JsonNode order = null;
    for (JsonNode o : search.body().path("orders")) {
      // a filter Shopify ignored would hand back the newest order: only the one asked for counts
      if (number.equals(ShopifyNormalizer.orderNumber(o)) && o.path("id").canConvertToLong()) order = o;
    }
    if (order == null) return Result.refused("no Shopify order #" + number);
    String currency = currency(order);
    if (currency == null) return Result.refused("Shopify gave no currency for order #" + number);
    // amounts are minor units of the request's currency: another currency would refund a different sum
    if (request.currency() != null && !currency.equalsIgnoreCase(request.currency())) {
      return Result.refused("Shopify order #" + number + " is in " + currency + ", not "
          + request.currency().toUpperCase(Locale.ROOT));
    }
    Money amount = Money.of(request.amountMinor(), currency);
    String refunds = "/orders/" + order.path("id").asLong() + "/refunds";

    ShopifyAdminApi.Answer listed = api.get(refunds + ".json?limit=250");
    if (!listed.ok()) return refusedOrThrow(api, listed, "the refunds of order #" + number);
    String tag = "[" + request.idempotencyKey() + "]";
    for (JsonNode earlier : listed.body().path("refunds")) {
      if (earlier.path("note").asText("").contains(tag)) return outcome(earlier);
    }

    ShopifyAdminApi.Answer calculated = api.post(refunds + "/calculate.json", calculation(currency));
    if (!calculated.ok()) return refusedOrThrow(api, calculated, "the refund calculation of order #" + number);
    List<Suggested> suggested = suggested(calculated.body().path("refund").path("transactions"));
    BigDecimal wanted = new BigDecimal(amount.decimal());
    BigDecimal most = suggested.stream().map(Suggested::maximum).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (most.signum() <= 0) return Result.refused("Shopify has nothing left to refund on order #" + number);
    if (wanted.compareTo(most) > 0) {
      return Result.refused("Shopify allows at most " + most.setScale(wanted.scale(), RoundingMode.DOWN).toPlainString()
          + " " + currency + " back on order #" + number + ", less than the " + amount.format() + " asked");
    }

    ShopifyAdminApi.Answer created = api.post(refunds + ".json",
        refundBody(currency, note(request), transactions(wanted, suggested)));
    if (created.passing()) throw api.failure(created, "the refund of order #" + number);
    if (!created.ok()) return Result.refused(api.reason(created, "the refund of order #" + number));
    JsonNode refund = created.body().path("refund");
    // a 2xx without the refund: retrying is safe, the note check above finds it if it exists
    if (!refund.isObject()) throw api.failure(created, "the refund of order #" + number + " (no refund in the answer)");
    return outcome(refund);
  }

  /** 429/5xx throw so the engine retries; any other non-2xx is Shopify's final word. */
  private static Result refusedOrThrow(ShopifyAdminApi api, ShopifyAdminApi.Answer a, String what) throws IOException {
    if (a.passing()) throw api.failure(a, what);
    return Result.refused(api.reason(a, what));
  }

  /** The customer's currency, which refunds must use: {@code presentment_currency}, else {@code currency}. */
  static String currency(JsonNode order) {
    for (String field : List.of("presentment_currency", "currency")) {
      String code = order.path(field).asText("").trim();
      if (!code.isEmpty()) return code.toUpperCase(Locale.ROOT);
    }
    return null;
  }

  /** Nothing restocked, no shipping: the calculation only says which payments can take money back. */
  static ObjectNode calculation(String currency) {
    ObjectNode refund = NODES.objectNode();
    refund.put("currency", currency);
    refund.putObject("shipping").put("amount", Money.of(0, currency).decimal());
    refund.putArray("refund_line_items");
    ObjectNode body = NODES.objectNode();
    body.set("refund", refund);
    return body;
  }

  static ObjectNode refundBody(String currency, String note, ArrayNode transactions) {
    ObjectNode refund = NODES.objectNode();
    refund.put("currency", currency);
    refund.put("notify", false);
    refund.put("note", note);
    refund.set("transactions", transactions);
    ObjectNode body = NODES.objectNode();
    body.set("refund", refund);
    return body;
  }

  /** {@code Refund approved on ticket 4242 (zendesk) [hdb-refund-...]}: the key in brackets is what a retry looks for. */
  static String note(Request request) {
    Map<String, String> m = request.metadata() == null ? Map.of() : request.metadata();
    String ticket = m.get("ticket_id");
    String helpdesk = m.get("helpdesk");
    return "Refund approved on " + (ticket == null || ticket.isBlank() ? "a ticket" : "ticket " + ticket)
        + (helpdesk == null || helpdesk.isBlank() ? "" : " (" + helpdesk + ")") + " [" + request.idempotencyKey() + "]";
  }

  static List<Suggested> suggested(JsonNode transactions) {
    List<Suggested> out = new ArrayList<>();
    for (JsonNode t : transactions) {
      if (!t.path("parent_id").canConvertToLong()) continue;
      BigDecimal maximum = decimal(t.get("maximum_refundable"));
      if (maximum == null) maximum = decimal(t.get("amount"));
      if (maximum == null || maximum.signum() <= 0) continue;
      out.add(new Suggested(t.get("parent_id"), t.path("gateway").asText(""), maximum));
    }
    return out;
  }

  /** The wanted amount over the suggested transactions in Shopify's order, each up to its maximum. */
  static ArrayNode transactions(BigDecimal wanted, List<Suggested> suggested) {
    ArrayNode out = NODES.arrayNode();
    BigDecimal left = wanted;
    for (Suggested s : suggested) {
      if (left.signum() <= 0) break;
      BigDecimal part = left.min(s.maximum()).setScale(wanted.scale(), RoundingMode.DOWN);
      if (part.signum() <= 0) continue;
      ObjectNode t = out.addObject();
      t.set("parent_id", s.parentId());
      t.put("amount", part.toPlainString());
      t.put("kind", "refund");
      t.put("gateway", s.gateway());
      left = left.subtract(part);
    }
    return out;
  }

  /**
   * What a refund's transactions say: a failed or erred one fails it (with the gateway's message),
   * else the least settled status wins ({@code pending} over {@code success}).
   */
  static Result outcome(JsonNode refund) {
    String id = refund.path("id").isNull() ? null : refund.path("id").asText(null);
    String status = null;
    for (JsonNode t : refund.path("transactions")) {
      String s = t.path("status").asText("").toLowerCase(Locale.ROOT);
      if (s.equals("failure") || s.equals("error")) return new Result(false, id, s, why(t));
      if (status == null || status.equals("success")) status = s.isEmpty() ? "unknown" : s;
    }
    if (status == null) return new Result(false, id, "unknown", "Shopify recorded refund " + id + " without a transaction");
    return new Result(true, id, status, null);
  }

  /** The gateway's message and Shopify's error code ({@code card_declined}), whichever are given. */
  private static String why(JsonNode transaction) {
    String message = transaction.path("message").asText("").trim();
    String code = transaction.path("error_code").asText("").trim();
    if (message.isEmpty()) return code.isEmpty() ? "the refund transaction failed" : code;
    return code.isEmpty() ? message : message + " (" + code + ")";
  }

  /** A decimal written as text ({@code "41.94"}) or a JSON number; null when unreadable. */
  private static BigDecimal decimal(JsonNode n) {
    if (n == null || n.isNull()) return null;
    try {
      return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
