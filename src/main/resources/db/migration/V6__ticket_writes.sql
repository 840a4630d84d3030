-- One row per write the bridge made to a ticket: the per-ticket update budget (Zendesk: 30 per
-- 10 minutes) is counted here, so it holds across restarts and across instances.
create table ticket_writes (
  helpdesk  varchar(64) not null,
  ticket_id varchar(64) not null,
  at        timestamp with time zone not null
);
create index ticket_writes_idx on ticket_writes (helpdesk, ticket_id, at);
