package io.helpdeskbridge.plugin.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The order as NetSuite knows it, for the ticket an agent is about to read: status, items, total,
 * date, parcels. Two signed calls: SuiteQL finds the sales order's internal id, by the number the
 * ticket names (in the column {@code order-number-field}: {@code tranid}, {@code otherrefnum} or a
 * custom body field, with {@code order-number-prefix} put in front of a bare number) or else by the
 * requester's email (the latest order); then the record service reads that order with its item
 * lines. The order number, the email, the payment id ({@code payment-id-field}) and the parcels it
 * finds are the facts the payment and shipment lookups go on with.
 *
 * <p>SuiteQL rather than the record service's own filter ({@code GET .../salesOrder?q=tranId IS
 * "SO1001"}): that filter returns ids and links only and cannot sort, so it could not pick a
 * customer's latest order, and it knows no currency ISO code; SuiteQL does all three in one call.
 *
 * <p>Settings: {@code account-id}, {@code consumer-key}, {@code consumer-secret}, {@code token-id},
 * {@code token-secret} (token-based authentication; all five or no lookups), {@code api-base},
 * {@code order-number-field}, {@code order-number-prefix}, {@code payment-id-field}; see
 * {@link NetSuiteSpec}.
 */
public final class NetSuiteOrderLookup implements Lookup {
  static final String ID = "netsuite";
  static final String ORDER_NUMBER_FIELD = "order-number-field";
  static final String ORDER_NUMBER_PREFIX = "order-number-prefix";
  static final String PAYMENT_ID_FIELD = "payment-id-field";
  static final String DEFAULT_ORDER_NUMBER_FIELD = "tranid";
  static final int DEFAULT_TIMEOUT_MS = 3000;
  private static final List<String> CREDENTIALS = List.of(NetSuiteApi.ACCOUNT_ID, NetSuiteApi.CONSUMER_KEY,
      NetSuiteApi.CONSUMER_SECRET, NetSuiteApi.TOKEN_ID, NetSuiteApi.TOKEN_SECRET);
  private static final String WHAT = "the order lookup";

  private final Clock clock;

  public NetSuiteOrderLookup() {
    this(Clock.systemUTC());
  }

  NetSuiteOrderLookup(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Stage stage() {
    return Stage.ORDER;
  }

  @Override
  public String describes() {
    return "order (NetSuite)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return CREDENTIALS.stream().allMatch(settings::has);
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    String number = OrderRef.number(known.orderId());
    String email = known.email() == null || known.email().isBlank() ? null : known.email().trim();
    if (number == null && email == null) return Found.nothing();
    String prefix = settings.string(ORDER_NUMBER_PREFIX, "").trim();
    String query;
    NetSuiteApi api;
    try {
      String numberColumn = NetSuiteQueries.column(ORDER_NUMBER_FIELD, settings.string(ORDER_NUMBER_FIELD, DEFAULT_ORDER_NUMBER_FIELD));
      String paymentColumn = settings.has(PAYMENT_ID_FIELD) ? NetSuiteQueries.column(PAYMENT_ID_FIELD, settings.string(PAYMENT_ID_FIELD, null)) : null;
      query = number != null
          ? NetSuiteQueries.byNumber(numberColumn, paymentColumn, withPrefix(number, prefix))
          : NetSuiteQueries.byEmail(numberColumn, paymentColumn, email);
      api = NetSuiteApi.of(settings, DEFAULT_TIMEOUT_MS, clock);
    } catch (IllegalArgumentException e) {
      // a connector file mistake (a column or account id that is no identifier): named on the ticket, not retried into
      throw new IOException("the NetSuite order lookup was not asked: " + e.getMessage());
    }
    JsonNode rows = api.suiteql(query, 1, WHAT);
    if (rows.isEmpty()) return Found.nothing();
    JsonNode row = rows.get(0);
    String internalId = row.path("id").asText("");
    if (internalId.isBlank()) throw new IOException("NetSuite answered a SuiteQL row without an id for " + WHAT);
    Optional<JsonNode> order = api.record("salesOrder", internalId, WHAT);
    // deleted between the two calls: as good as never found
    return order.map(o -> NetSuiteSalesOrder.found(row, o, prefix)).orElse(Found.nothing());
  }

  /** {@code 1001} → {@code SO1001} with prefix {@code SO}; a number that has the prefix already stays. */
  static String withPrefix(String number, String prefix) {
    if (prefix.isEmpty() || number.regionMatches(true, 0, prefix, 0, prefix.length())) return number;
    return prefix + number;
  }
}
