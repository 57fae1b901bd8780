-- The latest event of every key of every source, kept by the engine from each source's events in publish order:
-- what a flow deployed "from snapshot", or resynced, starts from. A delete stays as a tombstone (deleted = true)
-- for a while, so a copy being rebuilt learns of it too. Portable to H2 and PostgreSQL; the event is JSON text.
create table source_latest (
    source     varchar(200)     not null,
    event_key  varchar(1000)    not null,
    event_id   varchar(255)     not null,
    event_type varchar(255)     not null,
    deleted    boolean          not null,
    event      varchar(1000000) not null,
    kept_at    timestamp with time zone not null,
    primary key (source, event_key)
);
