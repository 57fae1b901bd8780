-- A flow deployed "from snapshot" (or resynced) first runs the latest event of every key of its source, then its
-- live events. bootstrap_token names that run; bootstrapped_token is set to it once the snapshot is through, and
-- bootstrap_claimed_at says when an engine instance took on publishing the snapshot.
alter table flows add column bootstrap_token varchar(64);
alter table flows add column bootstrapped_token varchar(64);
alter table flows add column bootstrap_claimed_at timestamp with time zone;
