package io.helpdeskbridge.plugin.dhl;

import io.helpdeskbridge.spi.Lookup.Parcel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which of an order's parcels are DHL's, decided without a call, so a parcel of another carrier
 * costs none of DHL's small quota. A named carrier decides alone: any name that starts with "DHL"
 * once spaces and punctuation are gone (Shopify's {@code DHL Express}, {@code DHL eCommerce},
 * EasyPost's {@code DHLExpress}, {@code DhlEcs}) or "Deutsche Post"; any other name is not DHL's
 * whatever its number looks like. Without a carrier name, the number decides, and only forms no
 * other carrier the bridge knows uses: a DHL Express waybill (10 digits; UPS numbers start with
 * {@code 1Z}, FedEx's have 12, 15, 20 or 22 digits, USPS's 20 to 22 or the S10 form), a DHL piece
 * number ({@code JJD} + 16-20 digits, {@code JD} + 18) or a DHL eCommerce number ({@code GM} + 16-22
 * digits). DHL Paket's 12- and 20-digit numbers look like FedEx's and USPS's, so they need the
 * carrier name.
 */
final class DhlParcels {
  private static final Pattern OWN_FORMS = Pattern.compile("\\d{10}|JJD\\d{16,20}|JD\\d{18}|GM\\d{16,22}");

  private DhlParcels() {}

  /** The order's first DHL parcel, if any. */
  static Optional<Parcel> first(List<Parcel> parcels) {
    return parcels.stream().filter(DhlParcels::isDhl).findFirst();
  }

  static boolean isDhl(Parcel p) {
    if (p == null || p.trackingNumber() == null || p.trackingNumber().isBlank()) return false;
    if (p.carrier() != null && !p.carrier().isBlank()) {
      String name = key(p.carrier());
      return name.startsWith("dhl") || name.startsWith("deutschepost");
    }
    return OWN_FORMS.matcher(number(p.trackingNumber())).matches();
  }

  /** The number as DHL takes it: no spaces, upper case. */
  static String number(String trackingNumber) {
    return trackingNumber.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }

  /**
   * The DHL service ({@code express}, {@code ecommerce}) a shop's carrier name points at. The
   * unified API searches every DHL division and may find one number in several; this picks the
   * shipment of the division the shop shipped with. Null when the name says nothing more than DHL.
   */
  static String service(String carrier) {
    if (carrier == null) return null;
    String name = key(carrier);
    if (name.startsWith("dhlexpress")) return "express";
    if (name.contains("ecommerce") || name.contains("ecs") || name.contains("globalmail")) return "ecommerce";
    return null;
  }

  private static String key(String carrier) {
    return carrier.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
