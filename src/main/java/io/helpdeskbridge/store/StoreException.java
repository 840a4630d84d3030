package io.helpdeskbridge.store;

import java.sql.SQLException;

/** The store could not be read or written; intake answers 503 on it, never 2xx. */
public class StoreException extends RuntimeException {
  public StoreException(String sql, SQLException cause) {
    super("store error (" + cause.getSQLState() + "): " + cause.getMessage() + " in: " + abbreviate(sql), cause);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  private static String abbreviate(String sql) {
    String one = sql.replaceAll("\\s+", " ").trim();
    return one.length() > 80 ? one.substring(0, 80) + "…" : one;
  }
}
