package io.helpdeskbridge.plugin.fedex;

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
 * Where the order's FedEx parcel stands, asked from FedEx's own Track API (no aggregator), for ticket
 * enrichment and the stale-shipment sweep. It answers only for a FedEx parcel and makes no call for
 * any other: a parcel whose carrier name is FedEx's ({@code FedEx}, EasyPost's {@code FedExDefault},
 * {@code FedEx SmartPost}..., or {@code Federal Express}, compared without case or spaces), or, when
 * the platform named no carrier, whose number only FedEx uses: 12 digits (Express), 15 digits
 * (Ground) or 22 digits starting 96 (Ground's barcode). 20 and 22-digit numbers starting 92 to 95
 * are USPS's (FedEx Ground Economy parcels carry them too), and 10-digit ones DHL Express's, so
 * those are left to those carriers unless the platform says FedEx. 12 digits can also be a DHL
 * Parcel number; FedEx then answers "not found", which costs one call and yields nothing. Of several
 * FedEx parcels, the first is asked.
 *
 * <p>Settings: {@code client-id} (API key), {@code client-secret} (secret key), {@code api-base},
 * {@code locale}; see {@link FedExSpec}.
 */
public final class FedExLookup implements Lookup {
  static final String ID = "fedex";
  static final Pattern FEDEX_ONLY = Pattern.compile("\\d{12}|\\d{15}|96\\d{20}");

  private final FedExTrackApi api;

  public FedExLookup() {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Clock.systemUTC());
  }

  FedExLookup(HttpClient http, Clock clock) {
    this.api = new FedExTrackApi(http, clock);
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
    return "shipment (FedEx)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(FedExTrackApi.CLIENT_ID) && settings.has(FedExTrackApi.CLIENT_SECRET);
  }

  /** Only an order with a parcel of this carrier costs a call and a permit of the connector's budget. */
  @Override
  public boolean applies(Known known) {
    return known.parcels().stream().anyMatch(FedExLookup::isFedEx);
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    Parcel parcel = known.parcels().stream().filter(FedExLookup::isFedEx).findFirst().orElse(null);
    if (parcel == null) return Found.nothing();
    JsonNode result = api.track(number(parcel.trackingNumber()), settings);
    if (result == null) return Found.nothing();
    return FedExTracking.answer(parcel.trackingNumber().strip(), result).found();
  }

  /** Whether the parcel is FedEx's: by the platform's carrier name, else by its number. */
  static boolean isFedEx(Parcel p) {
    if (p.trackingNumber() == null || p.trackingNumber().isBlank()) return false;
    if (p.carrier() != null && !p.carrier().isBlank()) {
      String key = p.carrier().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      return key.startsWith("fedex") || key.equals("federalexpress");
    }
    return FEDEX_ONLY.matcher(number(p.trackingNumber())).matches();
  }

  /** The number as FedEx reads it: without the spaces shops print in it. */
  static String number(String trackingNumber) {
    return trackingNumber.replaceAll("[\\s-]", "");
  }
}
