package io.helpdeskbridge.plugin.adobecommerce;

/**
 * REST answers of Adobe Commerce as its API returns them, shared by the lookup test and the end-to-end
 * test: numbers typed as the service interfaces declare them (ids int, amounts and quantities float).
 */
public final class AdobeCommerceFixtures {
  private AdobeCommerceFixtures() {}

  /** Order 000000077 as GET /V1/orders lists it: one simple line, one configurable with its child. */
  public static String order77(String state, String status) {
    return order77(state, status, true);
  }

  /** The same order; {@code shipped} false: nothing of it left the warehouse yet. */
  public static String order77(String state, String status, boolean shipped) {
    return """
        {"entity_id":77,"increment_id":"000000077","state":"%s","status":"%s","customer_email":"jane@example.com",
         "customer_firstname":"Jane","customer_lastname":"Doe","created_at":"2026-11-20 14:02:11",
         "updated_at":"2026-11-22 08:00:00","grand_total":59.9,"base_grand_total":59.9,"total_paid":59.9,
         "order_currency_code":"USD","base_currency_code":"USD",
         "items":[{"item_id":55,"order_id":77,"sku":"MUG-BLUE-L","name":"Blue mug","product_type":"simple",
                   "qty_ordered":2,"qty_shipped":%s,"price":19.95},
                  {"item_id":56,"order_id":77,"sku":"SHIRT-M","name":"Linen shirt","product_type":"configurable",
                   "qty_ordered":1,"qty_shipped":%s,"price":20},
                  {"item_id":57,"order_id":77,"parent_item_id":56,"sku":"SHIRT-M-WHITE","name":"Linen shirt-M-White",
                   "product_type":"simple","qty_ordered":1,"qty_shipped":0,"price":0}],
         "payment":{"method":"stripe_payments","last_trans_id":"pi_3QbSample0Intent000001","amount_paid":59.9},
         "status_histories":[],"extension_attributes":{"shipping_assignments":[]}}"""
        .formatted(state, status, shipped ? 2 : 0, shipped ? 1 : 0);
  }

  /** A {@code GET /V1/orders} answer holding {@code items}, echoing the one filter it was asked with. */
  public static String search(String field, String value, String... items) {
    return "{\"items\":[" + String.join(",", items) + "],\"search_criteria\":{\"filter_groups\":[{\"filters\":[{\"field\":\""
        + field + "\",\"value\":\"" + value + "\",\"condition_type\":\"eq\"}]}],\"page_size\":1},\"total_count\":"
        + items.length + "}";
  }

  /** {@code GET /V1/shipments?...order_id=77}: one shipment, a UPS track and one of a custom carrier. */
  public static String shipments77() {
    return """
        {"items":[{"entity_id":9,"order_id":77,"increment_id":"000000009","total_qty":3,
                   "items":[{"entity_id":12,"order_item_id":55,"qty":2,"sku":"MUG-BLUE-L"}],
                   "tracks":[{"entity_id":4,"order_id":77,"parent_id":9,"track_number":"1Z999AA10123456784",
                              "title":"United Parcel Service","carrier_code":"ups","created_at":"2026-11-21 09:00:00"},
                             {"entity_id":5,"order_id":77,"parent_id":9,"track_number":"PARCEL-42",
                              "title":"Local courier","carrier_code":"custom"}],
                   "comments":[],"packages":[]}],
         "search_criteria":{"filter_groups":[{"filters":[{"field":"order_id","value":"77","condition_type":"eq"}]}]},
         "total_count":1}""";
  }
}
