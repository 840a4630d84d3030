package io.helpdeskbridge.plugin.adobecommerce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code searchCriteria} query of a REST {@code getList} endpoint ({@code GET /V1/orders},
 * {@code /V1/shipments}): one filter group of one {@code eq} filter (the bridge never needs AND or
 * OR), an optional sort, a page size. Brackets are percent-encoded as form encoding does ({@code
 * %5B}, {@code %5D}); PHP decodes a parameter name before reading its brackets, so Commerce reads
 * them exactly as the unencoded form its documentation shows.
 *
 * @see <a href="https://developer.adobe.com/commerce/webapi/rest/use-rest/performing-searches/">Adobe
 *     Commerce: search using REST endpoints</a>
 */
final class SearchCriteria {
  private final List<String[]> params = new ArrayList<>();

  private SearchCriteria() {}

  /** Entities whose top-level {@code field} equals {@code value}. */
  static SearchCriteria where(String field, String value) {
    SearchCriteria c = new SearchCriteria();
    c.add("searchCriteria[filter_groups][0][filters][0][field]", field);
    c.add("searchCriteria[filter_groups][0][filters][0][value]", value);
    c.add("searchCriteria[filter_groups][0][filters][0][condition_type]", "eq");
    return c;
  }

  /** Newest first by {@code field} (a sort without direction is descending too, but that is not said twice). */
  SearchCriteria newestFirst(String field) {
    add("searchCriteria[sortOrders][0][field]", field);
    add("searchCriteria[sortOrders][0][direction]", "DESC");
    return this;
  }

  /** At most {@code n} items; without it Commerce returns every match. */
  SearchCriteria pageSize(int n) {
    add("searchCriteria[pageSize]", String.valueOf(n));
    return this;
  }

  /** The query string, without the leading {@code ?}. */
  String query() {
    StringBuilder q = new StringBuilder();
    for (String[] p : params) {
      if (q.length() > 0) q.append('&');
      q.append(enc(p[0])).append('=').append(enc(p[1]));
    }
    return q.toString();
  }

  private void add(String name, String value) {
    params.add(new String[] {name, value});
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
