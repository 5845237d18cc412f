-- The zone in which triage reads local times such as "since 9am": the one set on the binding; else (automatic) the
-- requester's own zone where the desk keeps one (Zendesk users' iana_time_zone), else the desk's zone read when it
-- was connected (the connecting Zendesk user's, the Intercom workspace's), else UTC.
alter table ticket add column requester_zone varchar(64);
alter table binding_settings add column time_zone varchar(64);
alter table connection add column account_zone varchar(64);
