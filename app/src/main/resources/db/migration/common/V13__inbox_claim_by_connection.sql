-- Claims take turns between connections (Inbox.nextInLine): each connection's oldest received deliveries are read
-- in order from this index. It also serves every query the index it replaces served (connection and status).
create index inbox_connection_status_received on inbox (connection_id, status, received_at);
drop index if exists inbox_connection_status;
