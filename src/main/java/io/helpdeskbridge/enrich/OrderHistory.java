package io.helpdeskbridge.enrich;

import io.helpdeskbridge.store.Jdbc;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the bridge itself already knows of an order from earlier vendor events, so enrichment asks
 * the vendors less: the payments and parcels they named, and the latest fraud verdict.
 */
final class OrderHistory {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Jdbc jdbc;

  OrderHistory(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Payment ids (prefix {@code payment:}) and tracking numbers ({@code tracking:}) learned for the order. */
  List<String> aliases(String orderKey, String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : jdbc.query("select alias_key from order_alias where target_key = ? and alias_key like ? order by updated_at desc",
        rs -> rs.getString(1), orderKey, prefix + "%")) {
      out.add(k.substring(prefix.length()));
    }
    return out;
  }

  /** The latest fraud verdict the bridge wrote for the order, in words; null when there was none. */
  String fraudState(String orderKey) {
    return jdbc.one("select event_type, source, at from audit where order_key = ? and event_type in ('FraudFlagged',"
        + " 'FraudCleared') and action in ('applied', 'created') order by at desc, id desc", rs -> {
          Instant at = Jdbc.instant(rs, "at");
          String verdict = "FraudFlagged".equals(rs.getString(1)) ? "flagged" : "cleared";
          return verdict + " by " + rs.getString(2) + (at == null ? "" : " on " + DAY.format(at));
        }, orderKey).orElse(null);
  }
}
