package io.helpdeskbridge.plugin.netsuite;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A NetSuite account id in the two spellings NetSuite itself uses: the realm of a token-based
 * signature is upper case with an underscore ({@code 1234567_SB1}), the account-specific domain is
 * lower case with a hyphen ({@code 1234567-sb1.suitetalk.api.netsuite.com}). People copy either one
 * from Setup &gt; Company &gt; Company Information, so both are accepted.
 *
 * @see <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1546938065.html">REST
 *     web services URL schema and account-specific URLs</a>
 */
record NetSuiteAccount(String realm, String host) {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9]+([_-][A-Za-z0-9]+)*");

  /** The account of an id as NetSuite shows it ({@code 1234567}, {@code 1234567_SB1}, {@code 1234567-sb1}). */
  static NetSuiteAccount of(String accountId) {
    String id = accountId == null ? "" : accountId.trim();
    if (!ACCOUNT_ID.matcher(id).matches()) {
      // the id ends up in a host name: anything else would point the signed requests elsewhere
      throw new IllegalArgumentException("'" + id + "' is not a NetSuite account id (like 1234567 or 1234567_SB1)");
    }
    return new NetSuiteAccount(id.replace('-', '_').toUpperCase(Locale.ROOT), id.replace('_', '-').toLowerCase(Locale.ROOT));
  }

  /** The REST web services base URL of the account: {@code https://<host>.suitetalk.api.netsuite.com}. */
  String apiBase() {
    return "https://" + host + ".suitetalk.api.netsuite.com";
  }
}
