-- When a row that failed for a passing reason (helpdesk down, 429, timeouts) is due again.
alter table inbox add column next_attempt_at timestamp with time zone;
create index inbox_due_idx on inbox (status, next_attempt_at);
