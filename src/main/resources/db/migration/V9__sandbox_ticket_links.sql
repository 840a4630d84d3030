-- The sandbox helpdesk keeps a ticket's type (problem, incident, question, task) and the problem
-- ticket an incident belongs to, as Zendesk does, so a linked incident can be seen without a SaaS.
-- Runs unchanged on H2 and PostgreSQL; existing tickets have neither.
alter table sandbox_ticket add column ticket_type varchar(32);
alter table sandbox_ticket add column problem_id bigint;
