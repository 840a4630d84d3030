-- Where each parcel stands, as the carrier platforms last told us (webhooks and tracker polls), so
-- the stale-shipment sweep finds parcels past their estimate or quiet for too long. One row per
-- tracking number: EasyPost and AfterShip tracking the same parcel share it. Runs unchanged on H2
-- and PostgreSQL.
create table shipments (
  tracking_number varchar(255)  primary key,
  carrier         varchar(64),
  source          varchar(64)   not null,  -- the platform that reported last (easypost, aftership)
  tracker_id      varchar(255),
  order_key       varchar(255)  not null,  -- order:1001, else tracking:<number> until an alias says more
  status          varchar(64),
  delivered       boolean       not null,  -- reached its end (delivered, returned, picked up...): never swept, never undone
  est_delivery    timestamp with time zone,
  overdue_at      timestamp with time zone, -- when the estimated day is over (UTC): past it the parcel is overdue
  last_event_at   timestamp with time zone, -- the carrier's latest tracking detail
  tracking_url    varchar(2000),
  created_at      timestamp with time zone not null,
  updated_at      timestamp with time zone not null,
  last_polled_at  timestamp with time zone,
  raised_for      varchar(400),             -- the inbox event id of the last ShipmentDelayed raised for it
  version         integer       not null default 0
);
create index shipments_sweep_idx on shipments (delivered, last_polled_at);
