-- What the Deliveries page shows besides the stored deliveries: how often each delivery arrived again, and the
-- deliveries that were refused (bad signature, unreadable body, disconnected connection), which are never stored.

-- A duplicate delivery only counts here; it never changes the delivery's processing state.
alter table inbox add column duplicates integer not null default 0;
alter table inbox add column last_duplicate_at timestamp with time zone;

-- One row per connection and outcome, however many deliveries were refused: a count, the first and last time and
-- the last reason (cut to 200 characters). The endpoint adds to it at most once every few seconds.
create table delivery_tally (
    connection_id  uuid not null references connection (id) on delete cascade,
    outcome        varchar(16) not null,
    workspace_id   uuid not null references workspace (id) on delete cascade,
    provider       varchar(16) not null,
    refused        bigint not null,
    first_at       timestamp with time zone not null,
    last_at        timestamp with time zone not null,
    last_reason    varchar(200),
    primary key (connection_id, outcome),
    constraint delivery_tally_outcome_known check (outcome in ('rejected', 'malformed', 'dropped'))
);
create index delivery_tally_workspace on delivery_tally (workspace_id);
