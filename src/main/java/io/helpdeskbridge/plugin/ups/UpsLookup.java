package io.helpdeskbridge.plugin.ups;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the order's UPS parcel stands, asked from UPS's own Track API (no aggregator), for ticket
 * enrichment and the stale-shipment sweep. It answers only for a UPS parcel and makes no call for
 * any other: a parcel whose carrier name is UPS's ({@code UPS}, EasyPost's {@code UPSDAP}, {@code
 * UPS Mail Innovations}..., compared without case or spaces), or, when the platform named no carrier,
 * whose number is a UPS "1Z" number ({@code 1Z} and 16 letters or digits, which no other carrier
 * uses). Of several, the first is asked.
 *
 * <p>Settings: {@code client-id}, {@code client-secret} (both needed for lookups), {@code api-base},
 * {@code transaction-src}, {@code locale}; see {@link UpsSpec}.
 */
public final class UpsLookup implements Lookup {
  static final String ID = "ups";
  /** UPS's "1Z" numbers: shipper account and service, then the package, 18 characters in all. */
  static final Pattern ONE_Z = Pattern.compile("1Z[0-9A-Z]{16}");
  /** The Track API's bounds for an inquiry number (UPS also tracks Mail Innovations and freight numbers). */
  private static final Pattern INQUIRY_NUMBER = Pattern.compile("[0-9A-Z]{7,34}");

  private final UpsTrackApi api;

  public UpsLookup() {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Clock.systemUTC());
  }

  UpsLookup(HttpClient http, Clock clock) {
    this.api = new UpsTrackApi(http, clock);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Stage stage() {
    return Stage.SHIPMENT;
  }

  @Override
  public String describes() {
    return "shipment (UPS)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(UpsTrackApi.CLIENT_ID) && settings.has(UpsTrackApi.CLIENT_SECRET);
  }

  /** Only an order with a parcel of this carrier costs a call and a permit of the connector's budget. */
  @Override
  public boolean applies(Known known) {
    return known.parcels().stream().anyMatch(UpsLookup::isUps);
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    Parcel parcel = known.parcels().stream().filter(UpsLookup::isUps).findFirst().orElse(null);
    if (parcel == null) return Found.nothing();
    String inquiryNumber = inquiryNumber(parcel.trackingNumber());
    // a number UPS could never accept is not worth a call (and would not fit in the URL path)
    if (!INQUIRY_NUMBER.matcher(inquiryNumber).matches()) return Found.nothing();
    JsonNode pkg = api.track(inquiryNumber, settings);
    if (pkg == null) return Found.nothing();
    return UpsTracking.answer(parcel.trackingNumber().strip(), pkg,
        settings.string(UpsTrackApi.LOCALE, UpsTrackApi.DEFAULT_LOCALE)).found();
  }

  /** Whether the parcel is UPS's: by the platform's carrier name, else by its number. */
  static boolean isUps(Parcel p) {
    if (p.trackingNumber() == null || p.trackingNumber().isBlank()) return false;
    if (p.carrier() != null && !p.carrier().isBlank()) {
      return p.carrier().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").startsWith("ups");
    }
    return ONE_Z.matcher(inquiryNumber(p.trackingNumber())).matches();
  }

  /** The number as UPS reads it: shops print "1Z 999 AA1 01 2345 6784", UPS wants it in one piece. */
  static String inquiryNumber(String trackingNumber) {
    return trackingNumber.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }
}
