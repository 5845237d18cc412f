-- Each workspace's service catalog, kept as the YAML an owner or admin saved (services: [{name, description,
-- keywords}]); triage attributes tickets to its services. A workspace without a row has an empty catalog.
create table service_catalog (
    workspace_id uuid primary key references workspace (id) on delete cascade,
    yaml         text not null,
    services     integer not null,
    updated_at   timestamp with time zone not null,
    updated_by   varchar(320) not null
);
