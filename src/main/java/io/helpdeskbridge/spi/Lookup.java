package io.helpdeskbridge.spi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a vendor's API what it knows about an order, for the enrichment of a ticket an agent is
 * about to read (Shopify's order, Stripe's payment, EasyPost's tracker). Found by {@link
 * java.util.ServiceLoader} ({@code META-INF/services/io.helpdeskbridge.spi.Lookup}); {@link #id()}
 * is the plugin id, and the lookup runs with the settings of the enabled connector of that plugin.
 *
 * <p>The engine owns timeouts, the per-connector rate budget, the cache and the "could not be
 * fetched" line on the ticket: an implementation makes its HTTP calls and throws {@link
 * IOException} (with a message that names no secret) when the vendor cannot answer. Nothing found
 * is not a failure: return {@link Found#nothing()}.
 */
public interface Lookup {

  /** The plugin id whose connector settings this lookup uses ({@code shopify}, {@code stripe}). */
  String id();

  /** When it runs: order lookups first (they tell the payment and the parcels), then the others in parallel. */
  Stage stage();

  /** What the ticket will say when this lookup fails: {@code payment (Stripe)}. */
  String describes();

  /** Whether these settings allow lookups at all (an API key is configured). */
  boolean enabled(ConnectorSettings settings);

  /**
   * Whether this lookup has anything to ask about {@code known} (a carrier's API: a parcel of its
   * carrier). When not, the engine answers nothing without spending the connector's budget or daily
   * quota: an order shipped with UPS must not use up DHL's 250 calls a day. Pure and cheap.
   */
  default boolean applies(Known known) {
    return true;
  }

  /** Looks up what the vendor knows, given what earlier stages found. */
  Found lookUp(Known known, ConnectorSettings settings) throws IOException;

  enum Stage { ORDER, PAYMENT, SHIPMENT }

  /**
   * The vendor refused for its rate limit (429, or its own quota error). The engine then makes no
   * call of this connector, for enrichment or the stale-shipment sweep, until {@code retryAfter}
   * has passed (the vendor's Retry-After, else the connector's {@code rate-limit-delay-seconds}).
   */
  final class RateLimited extends IOException {
    private final java.time.Duration retryAfter;

    public RateLimited(String message, java.time.Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }

    /** Null when the vendor did not say. */
    public java.time.Duration retryAfter() {
      return retryAfter;
    }
  }

  /** A parcel: tracking number and carrier (either may be null). */
  record Parcel(String trackingNumber, String carrier) {}

  /**
   * What is known of the order when a lookup runs. {@code orderId} is the order number as tickets
   * know it ({@code 1001}, no {@code #}); any part may be null or empty.
   */
  record Known(String orderId, String email, List<String> paymentIds, List<Parcel> parcels) {
    public Known {
      paymentIds = paymentIds == null ? List.of() : List.copyOf(paymentIds);
      parcels = parcels == null ? List.of() : List.copyOf(parcels);
    }
  }

  /**
   * What a lookup found. {@code values} use the logical names of the enrichment (see the README):
   * order_number, order_status, order_items, order_total, order_created, payment_status,
   * payment_amount, last_refund, shipment_status, carrier, tracking_number, tracking_url,
   * estimated_delivery. {@code orderId}, {@code email}, {@code paymentIds} and {@code parcels} are
   * facts the next stages may use (null/empty when this lookup did not learn them). {@code
   * shipments} are tracker states to remember for the stale-shipment sweep.
   */
  record Found(String orderId, String email, List<String> paymentIds, List<Parcel> parcels,
      Map<String, String> values, List<ShipmentState> shipments) {
    public Found {
      paymentIds = paymentIds == null ? List.of() : List.copyOf(paymentIds);
      parcels = parcels == null ? List.of() : List.copyOf(parcels);
      values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      shipments = shipments == null ? List.of() : List.copyOf(shipments);
    }

    public static Found nothing() {
      return new Found(null, null, List.of(), List.of(), Map.of(), List.of());
    }

    public boolean isEmpty() {
      return orderId == null && values.isEmpty() && paymentIds.isEmpty() && parcels.isEmpty();
    }

    /** A builder, since most lookups fill a few parts. */
    public static Builder builder() {
      return new Builder();
    }

    public static final class Builder {
      private String orderId;
      private String email;
      private final List<String> paymentIds = new ArrayList<>();
      private final List<Parcel> parcels = new ArrayList<>();
      private final Map<String, String> values = new LinkedHashMap<>();
      private final List<ShipmentState> shipments = new ArrayList<>();

      public Builder orderId(String v) { orderId = v; return this; }
      public Builder email(String v) { email = v; return this; }
      public Builder paymentId(String v) { if (v != null && !v.isBlank()) paymentIds.add(v); return this; }
      public Builder parcel(Parcel p) { parcels.add(p); return this; }
      public Builder value(String k, String v) { if (v != null && !v.isBlank()) values.put(k, v); return this; }
      public Builder shipment(ShipmentState s) { shipments.add(s); return this; }
      public Found build() { return new Found(orderId, email, paymentIds, parcels, values, shipments); }
    }
  }
}
