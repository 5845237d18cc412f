-- Bugs (F6): one engineering problem each, linked to the bug tickets that report it, and the per-workspace secret
-- that signs deploy webhooks marking bugs fix-shipped.

create table bug (
    id                uuid primary key,
    workspace_id      uuid not null references workspace (id) on delete cascade,
    title             varchar(200) not null,
    affected_service  varchar(255),
    status            varchar(16) not null,
    -- MiniLM sentence embedding of the ticket that opened the bug: float32 little-endian.
    embedding         bytea,
    rca_text          text,
    change_url        varchar(2000),
    created_at        timestamp with time zone not null,
    shipped_at        timestamp with time zone,
    constraint bug_status_known check (status in ('open', 'fix_shipped'))
);
create index bug_workspace_status on bug (workspace_id, status);

-- A ticket belongs to at most one bug; re-triaging it never links it again.
create table bug_ticket (
    bug_id      uuid not null references bug (id) on delete cascade,
    ticket_id   uuid not null references ticket (id) on delete cascade,
    similarity  double precision,
    linked_at   timestamp with time zone not null,
    how         varchar(16) not null,
    -- The ticket's own embedding, so that merged and split bugs can still be compared with new tickets.
    embedding   bytea,
    constraint bug_ticket_unique unique (ticket_id),
    constraint bug_ticket_how_known check (how in ('auto', 'merged', 'split'))
);
create index bug_ticket_bug on bug_ticket (bug_id);

-- The HMAC secret of POST /hooks/deploy/{workspaceId}, AES-256-GCM encrypted (associated data
-- "deploy_secret:<workspaceId>").
create table deploy_secret (
    workspace_id  uuid primary key references workspace (id) on delete cascade,
    secret        bytea not null,
    created_at    timestamp with time zone not null
);
