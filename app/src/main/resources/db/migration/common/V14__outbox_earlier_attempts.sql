-- A person's retry of a dead write starts its attempts again; the attempts made before are kept here, because they
-- may have reached the provider (a timeout after the note was stored), and the write is then looked for by its
-- marker before it is sent again.
alter table outbox add column earlier_attempts integer not null default 0;
