package io.helpdeskbridge.plugin.usps;

import io.helpdeskbridge.spi.Lookup.Parcel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of an order's parcels are USPS's, decided without a call. A named carrier decides alone:
 * a name that starts with "USPS" or "United States Postal" once spaces and punctuation are gone
 * (Shopify's and EasyPost's {@code USPS}); any other name is not USPS's. Without a carrier name,
 * the number decides: an Intelligent Mail package barcode number (20 to 22 digits starting 91 to
 * 95; FedEx Ground's 22-digit numbers start 96, and UPS's start {@code 1Z}), the same scanned with
 * its routing prefix {@code 420} + ZIP or ZIP+4, or an international S10 number issued by USPS
 * ({@code XX123456789US}; other posts' S10 numbers end in their own country code).
 */
final class UspsParcels {
  private static final Pattern IMPB = Pattern.compile("9[1-5]\\d{18,20}");
  private static final Pattern ROUTED = Pattern.compile("420(?:\\d{9}|\\d{5})(9[1-5]\\d{18,20})");
  private static final Pattern S10 = Pattern.compile("[A-Z]{2}\\d{9}US");

  private UspsParcels() {}

  /** The order's first USPS parcel, if any. */
  static Optional<Parcel> first(List<Parcel> parcels) {
    return parcels.stream().filter(UspsParcels::isUsps).findFirst();
  }

  static boolean isUsps(Parcel p) {
    if (p == null || p.trackingNumber() == null || p.trackingNumber().isBlank()) return false;
    if (p.carrier() != null && !p.carrier().isBlank()) {
      String name = p.carrier().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      return name.startsWith("usps") || name.startsWith("unitedstatespostal");
    }
    String n = compact(p.trackingNumber());
    return IMPB.matcher(n).matches() || ROUTED.matcher(n).matches() || S10.matcher(n).matches();
  }

  /**
   * The number as the Tracking API takes it: no spaces, upper case, and without the {@code 420}
   * + ZIP routing prefix a scanned barcode carries.
   */
  static String number(String trackingNumber) {
    String n = compact(trackingNumber);
    Matcher routed = ROUTED.matcher(n);
    return routed.matches() ? routed.group(1) : n;
  }

  private static String compact(String trackingNumber) {
    return trackingNumber.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }
}
