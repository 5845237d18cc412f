-- The zone each triage read the ticket's local times in, so that its window is shown in that zone even after the
-- binding's zone changes. Null for triages stored before it was recorded (pages then use the zone that applies now).
alter table triage_result add column time_zone varchar(64);
