-- Which bug a merged (deleted) bug went into, so that a deploy webhook naming it still ships its tickets. into_id is
-- always a bug that exists: merging that bug in turn re-points the rows that named it.
create table bug_merged (
    id           uuid primary key,
    workspace_id uuid not null,
    into_id      uuid not null,
    merged_at    timestamp with time zone not null
);
create index bug_merged_into on bug_merged (into_id);
