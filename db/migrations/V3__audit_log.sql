-- The audit log: append-only, each entry hash-chained to the one before. Runs unchanged on H2 and
-- PostgreSQL. On PostgreSQL the Java migration 3.1 (dev.sluice.audit) adds triggers refusing UPDATE,
-- DELETE and TRUNCATE; on H2 the hash chain alone makes tampering detectable.

create table audit_log (
    id          bigint        not null primary key,
    occurred_at timestamp with time zone not null,
    actor       varchar(64)   not null,
    workspace   varchar(64),
    action      varchar(64)   not null,
    object_type varchar(32),
    object_id   varchar(200),
    outcome     varchar(16)   not null,
    details     varchar(100000) not null,
    prev_hash   varchar(64)   not null,
    entry_hash  varchar(64)   not null
);

create index audit_log_occurred_at on audit_log (occurred_at);
create index audit_log_actor on audit_log (actor);
create index audit_log_workspace on audit_log (workspace);
create index audit_log_action on audit_log (action);

-- The chain head, one row: appends lock it (select ... for update), so entries are numbered without gaps
-- and each links to the true previous one even with many designer instances writing at once.
create table audit_chain (
    id        integer     not null primary key,
    entries   bigint      not null,
    last_hash varchar(64) not null
);

insert into audit_chain (id, entries, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
