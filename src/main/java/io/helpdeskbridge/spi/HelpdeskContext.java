package io.helpdeskbridge.spi;

import javax.sql.DataSource;

/** What the engine lends a helpdesk plugin: the store's database, for plugins that keep state. */
public record HelpdeskContext(DataSource dataSource) {}
