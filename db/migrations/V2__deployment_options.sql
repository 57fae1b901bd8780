-- How a deployed flow runs, chosen at deploy time (not part of the flow's JSON):
-- ordered = one active consumer across all engine instances, to keep the source's order.
-- paused_reason = why the engine (or a steward) paused the flow; cleared on deploy and resume.
alter table flows add column deploy_ordered boolean default false not null;
alter table flows add column paused_reason varchar(1000);
