-- The audit log is append-only: silently refuse updates and deletes of its rows.
create rule audit_event_no_update as on update to audit_event do instead nothing;
create rule audit_event_no_delete as on delete to audit_event do instead nothing;
