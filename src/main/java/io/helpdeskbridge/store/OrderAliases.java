package io.helpdeskbridge.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Alias keys learned from events: {@code tracking:1Z999} → {@code vendor-order:shopify:4507} →
 * {@code order:1001}. A carrier event that knows only its tracking number finds its order here.
 */
public final class OrderAliases {
  private static final int MAX_HOPS = 5;
  private final Jdbc jdbc;

  OrderAliases(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public void remember(String aliasKey, String targetKey, String learnedFrom) {
    if (aliasKey == null || targetKey == null || aliasKey.equals(targetKey)) return;
    Instant now = Instant.now();
    if (jdbc.update("update order_alias set target_key = ?, learned_from = ?, updated_at = ? where alias_key = ?",
        targetKey, learnedFrom, now, aliasKey) == 0) {
      try {
        jdbc.exec("insert into order_alias (alias_key, target_key, learned_from, updated_at) values (?,?,?,?)",
            aliasKey, targetKey, learnedFrom, now);
      } catch (SQLException e) {
        if (!Jdbc.isDuplicateKey(e)) throw new StoreException("insert into order_alias", e);
      }
    }
  }

  /** Follows aliases from {@code key} to an {@code order:} key, if the chain ends in one. */
  public Optional<String> orderKeyFor(String key) {
    Set<String> seen = new HashSet<>();
    String current = key;
    for (int hop = 0; hop < MAX_HOPS && current != null && seen.add(current); hop++) {
      if (current.startsWith("order:")) return Optional.of(current);
      String from = current;
      current = jdbc.one("select target_key from order_alias where alias_key = ?", rs -> rs.getString(1), from).orElse(null);
    }
    return current != null && current.startsWith("order:") ? Optional.of(current) : Optional.empty();
  }
}
