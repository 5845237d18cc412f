-- Write-back: binding settings per connection, the outbox of writes into tickets, and the ticket timeline.

-- One row per connection that has been configured; a connection without a row uses the defaults.
-- The scope filter stays in connection.scope_filter, where ingestion reads it.
create table binding_settings (
    connection_id          uuid primary key references connection (id) on delete cascade,
    workspace_id           uuid not null references workspace (id) on delete cascade,
    posting_mode           varchar(16) not null,
    auto_analyze           varchar(16) not null,
    time_buffer_hours      integer not null,
    severity_field         varchar(255),
    service_field          varchar(255),
    analysis_url_field     varchar(255),
    public_reply_template  varchar(4000) not null,
    classification_notes   boolean not null,
    updated_at             timestamp with time zone not null,
    constraint binding_posting_mode_known check (posting_mode in ('internal', 'public', 'both')),
    constraint binding_auto_analyze_known
        check (auto_analyze in ('disabled', 'critical', 'high', 'medium', 'low')),
    constraint binding_time_buffer_range check (time_buffer_hours between 1 and 168)
);

-- Every write into a ticket, exactly once: the idempotency key makes a second enqueue of the same write a no-op,
-- and the row records what the provider answered. sent_at also paces writes per connection.
create table outbox (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id) on delete cascade,
    connection_id    uuid not null references connection (id) on delete cascade,
    ticket_id        uuid not null references ticket (id) on delete cascade,
    purpose          varchar(64) not null,
    idempotency_key  varchar(300) not null,
    payload          text not null,
    status           varchar(16) not null,
    attempts         integer not null default 0,
    last_error       varchar(1000),
    provider_ref     varchar(100),
    created_at       timestamp with time zone not null,
    sent_at          timestamp with time zone,
    next_attempt_at  timestamp with time zone,
    constraint outbox_idempotency_key_unique unique (idempotency_key),
    constraint outbox_status_known check (status in ('pending', 'sent', 'waiting', 'dead'))
);
create index outbox_ticket on outbox (ticket_id, created_at);
create index outbox_connection_sent on outbox (connection_id, sent_at);
create index outbox_connection_status on outbox (connection_id, status);

-- What happened to a ticket after triage, in Deskloop's words (notes posted, analyses, failures).
create table ticket_event (
    id            uuid primary key,
    ticket_id     uuid not null references ticket (id) on delete cascade,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    at            timestamp with time zone not null,
    kind          varchar(32) not null,
    text          varchar(2000) not null
);
create index ticket_event_ticket on ticket_event (ticket_id, at);
