package io.helpdeskbridge.spi;

import javax.sql.DataSource;

/**
 * What the engine lends a helpdesk plugin: the store's database, for plugins that keep state, and
 * where to report the rate budget the helpdesk announces in its answers.
 */
public record HelpdeskContext(DataSource dataSource, RateSignal rates) {
  public HelpdeskContext(DataSource dataSource) {
    this(dataSource, RateSignal.NONE);
  }
}
