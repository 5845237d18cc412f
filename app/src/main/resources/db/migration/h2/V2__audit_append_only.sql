-- H2 has no rules; the embedded database relies on the application only ever inserting audit rows.
-- This migration keeps the version numbers aligned with PostgreSQL.
select 1;
