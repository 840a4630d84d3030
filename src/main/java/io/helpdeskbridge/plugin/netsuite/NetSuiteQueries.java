package io.helpdeskbridge.plugin.netsuite;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SuiteQL that finds a sales order, by the number tickets know or by the customer's email (the
 * latest order). SuiteQL is SQL over the {@code transaction} table ({@code type = 'SalesOrd'}), so
 * whatever came from a ticket goes in as a quoted literal with quotes doubled, and column names from
 * the connector file must be plain identifiers ({@code tranid}, {@code otherrefnum}, {@code
 * custbody_order_no}): a ticket can never change what is asked.
 *
 * <p>Each row has {@code id} (the internal id the record service reads), {@code ordernumber},
 * {@code currency} (the ISO code of the order's currency) and, when a payment column is set,
 * {@code paymentid}.
 *
 * @see <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_158394344595.html">Using
 *     SuiteQL with SuiteTalk REST web services</a>
 */
final class NetSuiteQueries {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  private NetSuiteQueries() {}

  /** A column name from the connector file, lower-cased; refused unless it is a plain identifier. */
  static String column(String setting, String value) {
    String c = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (!IDENTIFIER.matcher(c).matches()) {
      throw new IllegalArgumentException("'" + setting + "' must name one SuiteQL column of transaction"
          + " (tranid, otherrefnum or a custom body field like custbody_order_no), not '" + value + "'");
    }
    return c;
  }

  /** {@code 'O''Brien'}: a SuiteQL string literal; control characters are refused, as no order number or email has them. */
  static String literal(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) throw new IllegalArgumentException("a control character in a SuiteQL value");
    }
    return "'" + value.replace("'", "''") + "'";
  }

  /** The sales order whose {@code numberColumn} is {@code number}; the newest first should there be several. */
  static String byNumber(String numberColumn, String paymentColumn, String number) {
    return select(numberColumn, paymentColumn) + " AND t." + numberColumn + " = " + literal(number) + " ORDER BY t.id DESC";
  }

  /** The customer's sales orders by the email on the order, the latest first (order date, then internal id). */
  static String byEmail(String numberColumn, String paymentColumn, String email) {
    return select(numberColumn, paymentColumn) + " AND LOWER(t.email) = " + literal(email.toLowerCase(Locale.ROOT))
        + " ORDER BY t.trandate DESC, t.id DESC";
  }

  private static String select(String numberColumn, String paymentColumn) {
    return "SELECT t.id, t." + numberColumn + " AS ordernumber, c.symbol AS currency"
        + (paymentColumn == null ? "" : ", t." + paymentColumn + " AS paymentid")
        + " FROM transaction t LEFT JOIN currency c ON c.id = t.currency WHERE t.type = 'SalesOrd'";
  }
}
