-- A flow ordered by key (chosen at deploy time, like deploy_ordered): the key's JSONPath and how many partitions
-- its events are spread over; null and 0 when the flow is not ordered by key.
alter table flows add column deploy_ordered_by varchar(300);
alter table flows add column deploy_partitions integer default 0 not null;
-- The JSONPath of a source's key: ingest writes its value into every event's headers, where flows ordered by key
-- partition on it.
alter table event_sources add column key_path varchar(300) default '$.subject' not null;
