-- Pacing of writes to Intercom counts what every Intercom connection sent in the last 10 seconds.
create index outbox_sent on outbox (sent_at);
