package io.helpdeskbridge.plugin.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Parcel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the enrichment says about a NetSuite sales order, read from the SuiteQL row that found it
 * ({@code ordernumber}, {@code currency}, {@code paymentid}) and the record service's JSON (body
 * fields in camelCase, references as {@code {"id","refName"}}, the {@code item} sublist expanded as
 * {@code {"items":[{"item":{"refName"},"quantity"}]}}).
 *
 * <p>The status is the record's {@code status} name ({@code Pending Fulfillment} → {@code pending
 * fulfillment}); parcels are the {@code linkedTrackingNumbers} of the order's fulfillments, with the
 * ship method's name as carrier (a carrier lookup retries without it when it does not know the name).
 * The order number tickets know is NetSuite's without the configured prefix ({@code SO1001} → {@code
 * 1001} with prefix {@code SO}), so the other vendors' events about order 1001 meet it.
 */
final class NetSuiteSalesOrder {
  static final int MAX_ITEMS = 10;

  private NetSuiteSalesOrder() {}

  static Found found(JsonNode row, JsonNode record, String prefix) {
    String number = text(row.path("ordernumber"));
    // an order whose configured number field is empty is still known by its document number
    if (number == null) number = text(record.path("tranId"));
    Found.Builder f = Found.builder().orderId(ticketNumber(number, prefix)).email(text(record.path("email")))
        .paymentId(text(row.path("paymentid")))
        .value("order_number", number)
        .value("order_status", status(record))
        .value("order_items", items(record.path("item").path("items")))
        .value("order_total", total(record.path("total"), text(row.path("currency")), record.path("currency")))
        .value("order_created", date(record));
    parcels(record).forEach(f::parcel);
    return f.build();
  }

  /** {@code SO1001} → {@code 1001} when the prefix is {@code SO} (any case); else as NetSuite has it. */
  static String ticketNumber(String number, String prefix) {
    if (number == null || prefix == null || prefix.isEmpty()) return number;
    boolean prefixed = number.length() > prefix.length() && number.regionMatches(true, 0, prefix, 0, prefix.length());
    return prefixed ? number.substring(prefix.length()) : number;
  }

  /** The status name in lower case; the record gives it as a reference ({@code refName}) or as text. */
  static String status(JsonNode record) {
    for (String field : List.of("status", "orderStatus")) {
      JsonNode s = record.path(field);
      String name = s.isObject() ? text(s.path("refName")) : text(s);
      if (name != null) return name.toLowerCase(Locale.ROOT);
    }
    return null;
  }

  /** {@code 2 × Blue mug, 1 × Tote bag}, at most {@value #MAX_ITEMS} lines, then {@code and N more}. */
  static String items(JsonNode lines) {
    List<String> out = new ArrayList<>();
    for (JsonNode line : lines) {
      String name = text(line.path("item").path("refName"));
      if (name == null) name = text(line.path("description"));
      if (name == null) continue;
      BigDecimal quantity = line.path("quantity").isNumber() ? line.path("quantity").decimalValue().abs() : BigDecimal.ONE;
      out.add(quantity.stripTrailingZeros().toPlainString() + " × " + name);
    }
    if (out.size() <= MAX_ITEMS) return out.isEmpty() ? null : String.join(", ", out);
    return String.join(", ", out.subList(0, MAX_ITEMS)) + " and " + (out.size() - MAX_ITEMS) + " more";
  }

  /**
   * {@code 59.90 USD}: the total with the currency's decimals. The ISO code comes from SuiteQL; the
   * record names only the currency record ({@code USA} in a default account), used when SuiteQL had none.
   */
  static String total(JsonNode total, String isoCode, JsonNode currencyRef) {
    if (!total.isNumber() && text(total) == null) return null;
    BigDecimal amount;
    try {
      amount = total.isNumber() ? total.decimalValue() : new BigDecimal(total.asText().trim());
    } catch (NumberFormatException notAnAmount) {
      return null;
    }
    String code = isoCode != null ? isoCode.toUpperCase(Locale.ROOT) : text(currencyRef.path("refName"));
    if (code == null) return amount.toPlainString();
    try {
      amount = amount.setScale(Currency.getInstance(code).getDefaultFractionDigits(), RoundingMode.HALF_UP);
    } catch (IllegalArgumentException notIso) {
      // a currency record's own name: the amount as NetSuite gave it
    }
    return amount.toPlainString() + " " + code;
  }

  /** The order date ({@code tranDate}), else the day it was created. */
  private static String date(JsonNode record) {
    String tranDate = text(record.path("tranDate"));
    if (tranDate != null) return tranDate;
    String created = text(record.path("createdDate"));
    if (created == null) return null;
    try {
      return OffsetDateTime.parse(created).toLocalDate().toString();
    } catch (DateTimeParseException e) {
      return created;
    }
  }

  /** Tracking numbers as NetSuite lists them (spaces, commas or line breaks between), once each. */
  static List<Parcel> parcels(JsonNode record) {
    String linked = text(record.path("linkedTrackingNumbers"));
    if (linked == null) return List.of();
    String carrier = text(record.path("shipMethod").path("refName"));
    Set<Parcel> parcels = new LinkedHashSet<>();
    for (String n : linked.split("(?i)<br\\s*/?>|[\\s,;]+")) {
      if (!n.isBlank()) parcels.add(new Parcel(n.trim(), carrier));
    }
    return List.copyOf(parcels);
  }

  private static String text(JsonNode n) {
    return n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? n.asText().trim() : null;
  }
}
