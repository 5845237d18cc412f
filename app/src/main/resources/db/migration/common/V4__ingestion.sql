-- Durable jobs (db-scheduler's table), the webhook inbox, normalised tickets and their triage history.

create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(200) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            varchar(100),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_time on scheduled_tasks (priority desc, execution_time asc);

-- One row per webhook delivery, unique on the provider's event id: a duplicate delivery finds its row and stops.
create table inbox (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id) on delete cascade,
    connection_id   uuid not null references connection (id) on delete cascade,
    provider        varchar(16) not null,
    event_id        varchar(200) not null,
    topic           varchar(100),
    payload         bytea not null,
    received_at     timestamp with time zone not null,
    status          varchar(20) not null,
    attempts        integer not null default 0,
    last_error      varchar(1000),
    next_attempt_at timestamp with time zone,
    processed_at    timestamp with time zone,
    constraint inbox_event_unique unique (connection_id, event_id),
    constraint inbox_status_known
        check (status in ('received', 'held', 'processing', 'done', 'ignored', 'dead'))
);
create index inbox_workspace_received on inbox (workspace_id, received_at);
create index inbox_connection_status on inbox (connection_id, status);

create table ticket (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id) on delete cascade,
    connection_id    uuid not null references connection (id) on delete cascade,
    provider         varchar(16) not null,
    external_id      varchar(64) not null,
    subject          varchar(1000),
    status           varchar(32),
    priority         varchar(32),
    requester_name   varchar(255),
    requester_email  varchar(320),
    tags             varchar(2000),
    message_count    integer not null,
    document         text not null,
    opened_at        timestamp with time zone,
    updated_at       timestamp with time zone,
    fetched_at       timestamp with time zone not null,
    constraint ticket_external_unique unique (connection_id, external_id)
);
create index ticket_workspace_fetched on ticket (workspace_id, fetched_at);

-- Every triage of a ticket is kept; version 1 is the first, a customer's new message adds the next.
create table triage_result (
    id                uuid primary key,
    ticket_id         uuid not null references ticket (id) on delete cascade,
    workspace_id      uuid not null references workspace (id) on delete cascade,
    version           integer not null,
    message_count     integer not null,
    category          varchar(32) not null,
    is_bug            boolean not null,
    severity          varchar(16),
    confidence        double precision not null,
    affected_service  varchar(255),
    window_start      timestamp with time zone,
    window_end        timestamp with time zone,
    engine            varchar(100) not null,
    duration_ms       bigint not null,
    result            text not null,
    created_at        timestamp with time zone not null,
    constraint triage_result_version_unique unique (ticket_id, version)
);
create index triage_result_workspace on triage_result (workspace_id, created_at);

-- Scope filter of a connection: a Zendesk tag or an Intercom team id; null means every ticket.
alter table connection add column scope_filter varchar(255);
