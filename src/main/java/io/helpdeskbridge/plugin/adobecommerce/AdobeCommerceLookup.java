package io.helpdeskbridge.plugin.adobecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.VendorJson;
import java.io.IOException;
import java.util.List;

/**
 * The order as the store knows it, for the ticket an agent is about to read: status, items, total,
 * date and parcels. By order number ({@code GET /rest/<store>/V1/orders?searchCriteria...} with
 * {@code increment_id eq 000000042}), else the customer's newest order by email ({@code
 * customer_email eq ...}, sorted by {@code created_at DESC}), one item per page.
 *
 * <p>Parcels cost one more call, {@code GET /V1/shipments} filtered by the order's {@code
 * entity_id}, since an order answer carries no tracking numbers. It is worth it: the parcels are
 * what the shipment lookups (EasyPost, carriers) follow and what the agent most often asks about.
 * It is made only when something of the order shipped ({@code qty_shipped} of a line, or state
 * {@code complete}), so an order still in the warehouse costs one call.
 *
 * <p>A filter Commerce ignored would hand back another order, so an answer is taken only when its
 * own {@code increment_id} or {@code customer_email} is what was asked. Order numbers must be
 * written as Commerce shows them ({@code 000000042}); a shortened {@code #42} finds nothing.
 *
 * <p>Settings: {@code base-url}, {@code store-code} (default {@code default}), {@code
 * access-token} (an integration's access token with Sales > Operations > Orders; unset = no
 * lookups), {@code lookup-timeout-ms} (default 3000).
 *
 * @see <a href="https://developer.adobe.com/commerce/webapi/rest/use-rest/performing-searches/">Adobe
 *     Commerce: search using REST endpoints</a>
 */
public final class AdobeCommerceLookup implements Lookup {

  public AdobeCommerceLookup() {}

  @Override
  public String id() {
    return AdobeCommerceNormalizer.SOURCE;
  }

  @Override
  public Stage stage() {
    return Stage.ORDER;
  }

  @Override
  public String describes() {
    return "order (Adobe Commerce)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return AdobeCommerceApi.configured(settings);
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    String number = OrderRef.number(known.orderId());
    String email = known.email() == null || known.email().isBlank() ? null : known.email().trim();
    if (number == null && email == null) return Found.nothing();
    AdobeCommerceApi api = AdobeCommerceApi.of(settings);
    SearchCriteria criteria = number != null
        ? SearchCriteria.where("increment_id", number).pageSize(1)
        : SearchCriteria.where("customer_email", email).newestFirst("created_at").pageSize(1);
    for (JsonNode order : list(api, "/orders?" + criteria.query(), "the order lookup")) {
      boolean same = number != null
          ? number.equals(VendorJson.text(order.path("increment_id")))
          : email.equalsIgnoreCase(VendorJson.text(order.path("customer_email")));
      if (same) return AdobeCommerceOrders.found(order, parcels(api, order));
    }
    return Found.nothing();
  }

  private static List<Parcel> parcels(AdobeCommerceApi api, JsonNode order) throws IOException {
    String entityId = CommerceValues.id(order.path("entity_id"));
    if (entityId == null || !AdobeCommerceOrders.shipped(order)) return List.of();
    return AdobeCommerceOrders.parcels(list(api, "/shipments?" + SearchCriteria.where("order_id", entityId).query(),
        "the shipments of order " + VendorJson.text(order.path("increment_id"))));
  }

  /**
   * The {@code items} of a search. A 404 here is not "none found" (an empty list says that) but a
   * path Commerce has no route for: a wrong {@code base-url} or {@code store-code}.
   */
  private static JsonNode list(AdobeCommerceApi api, String pathAndQuery, String what) throws IOException {
    AdobeCommerceApi.Answer a = api.get(pathAndQuery);
    if (a.status() != 200) throw api.failure(a, what);
    if (!a.body().isObject()) throw new IOException("Adobe Commerce answered 200 without a JSON object for " + what);
    return a.body().path("items");
  }
}
