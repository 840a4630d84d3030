-- What the bridge learned about orders: a tracking number, a payment id or a platform's internal
-- order id (key) stands for another key, ending at the order number ('order:1001').
create table order_alias (
  alias_key   varchar(400) primary key,
  target_key  varchar(400) not null,
  learned_from varchar(300) not null,
  updated_at  timestamp with time zone not null
);
