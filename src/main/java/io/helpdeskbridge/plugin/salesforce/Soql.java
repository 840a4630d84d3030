package io.helpdeskbridge.plugin.salesforce;

import java.util.regex.Pattern;

/**
 * SOQL literals. Values from events (order numbers, tracking numbers) end up in WHERE clauses, so
 * they are always quoted and escaped with SOQL's escape sequences ({@code \' \" \\ \n \r \t \b \f}).
 *
 * @see <a href="https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm">Quoted string escape sequences</a>
 */
final class Soql {
  /** A Salesforce record id: 15 or 18 case-(in)sensitive alphanumerics. */
  private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

  private Soql() {}

  /** {@code value} as a quoted SOQL string literal. */
  static String literal(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  static boolean isRecordId(String id) {
    return id != null && RECORD_ID.matcher(id).matches();
  }
}
