-- When the vendor says the fact happened: one order's events are applied in this order, then by arrival.
alter table inbox add column occurred_at timestamp with time zone;
create index inbox_order_idx on inbox (order_key, status);
