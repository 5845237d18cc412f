-- The zone in which triage reads local times such as "since 9am": the requester's own zone where the desk keeps
-- one (Zendesk users' iana_time_zone), or the zone set on the binding (null: automatic).
alter table ticket add column requester_zone varchar(64);
alter table binding_settings add column time_zone varchar(64);
