-- Support-desk connections (one active per workspace, enforced by the application under a workspace row lock)
-- and the short-lived OAuth states of connect flows. Token columns hold AES-256-GCM ciphertexts only.

create table connection (
    id                  uuid primary key,
    workspace_id        uuid not null references workspace (id) on delete cascade,
    provider            varchar(16) not null,
    status              varchar(20) not null,
    account             varchar(255),
    account_name        varchar(255),
    acting_user_id      varchar(64),
    access_token        bytea,
    refresh_token       bytea,
    signing_secret      bytea,
    access_expires_at   timestamp with time zone,
    refresh_expires_at  timestamp with time zone,
    webhook_id          varchar(100),
    trigger_ids         varchar(500),
    connected_at        timestamp with time zone,
    disconnected_at     timestamp with time zone,
    last_error          varchar(1000),
    last_error_at       timestamp with time zone,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint connection_status_known
        check (status in ('pending', 'connected', 'connection_error', 'paused', 'disconnected')),
    constraint connection_provider_known check (provider in ('zendesk', 'intercom'))
);
create index connection_workspace on connection (workspace_id);
create index connection_account on connection (provider, account);

create table oauth_state (
    state_hash     varchar(64) primary key,
    workspace_id   uuid not null references workspace (id) on delete cascade,
    user_id        uuid not null references app_user (id) on delete cascade,
    provider       varchar(16) not null,
    account        varchar(255),
    connection_id  uuid,
    code_verifier  bytea not null,
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    used_at        timestamp with time zone
);
