package io.helpdeskbridge.spi;

import javax.sql.DataSource;

/**
 * What the engine lends a helpdesk plugin: the store's database, for plugins that keep state; where
 * to report the rate budget the helpdesk announces in its answers; and where to hand the events the
 * helpdesk pushes over a channel of its own (a streaming subscription) instead of a webhook.
 */
public record HelpdeskContext(DataSource dataSource, RateSignal rates, InboundEvents inbound) {
  public HelpdeskContext {
    rates = rates == null ? RateSignal.NONE : rates;
    inbound = inbound == null ? InboundEvents.NONE : inbound;
  }

  public HelpdeskContext(DataSource dataSource, RateSignal rates) {
    this(dataSource, rates, InboundEvents.NONE);
  }

  public HelpdeskContext(DataSource dataSource) {
    this(dataSource, RateSignal.NONE);
  }
}
