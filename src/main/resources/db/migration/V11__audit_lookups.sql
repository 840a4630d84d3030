-- The ops console's order timeline and delivery pages read the audit by order and by inbox row;
-- without these they scan the whole audit.
create index audit_order_idx on audit (order_key, at);
create index audit_inbox_idx on audit (inbox_id);
