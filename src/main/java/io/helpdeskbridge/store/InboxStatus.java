package io.helpdeskbridge.store;

import java.util.Locale;

/** Life of an inbox row: received, then done, ignored (nothing to do) or dead (could not be applied). */
public enum InboxStatus {
  RECEIVED,
  DONE,
  IGNORED,
  DEAD;

  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static InboxStatus fromDb(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
