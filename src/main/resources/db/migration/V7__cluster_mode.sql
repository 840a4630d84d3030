-- Cluster mode (BRIDGE_KAFKA_BOOTSTRAP set). Runs unchanged on H2 and PostgreSQL; embedded mode
-- leaves these columns and tables empty.

-- When a row was last handed to Kafka (the time the send started). Null: never published, so the
-- relay publishes it; older than next_attempt_at: a deferred row the relay publishes again when due.
alter table inbox add column published_at timestamp with time zone;
create index inbox_relay_idx on inbox (status, published_at);

-- One instance at a time works on an order: a short lease, renewed while the batch runs and
-- released after it. Times are the database's, so instance clocks do not matter.
create table order_lease (
  order_key   varchar(255) primary key,
  owner       varchar(200) not null,
  lease_until timestamp with time zone not null
);

-- ShedLock's table (net.javacrumbs.shedlock, JdbcTemplateLockProvider): cluster-wide scheduled work.
create table shedlock (
  name       varchar(64)  primary key,
  lock_until timestamp    not null,
  locked_at  timestamp    not null,
  locked_by  varchar(255) not null
);
