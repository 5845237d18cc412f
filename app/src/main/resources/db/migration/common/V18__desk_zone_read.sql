-- Whether the desk's zone was read. Connections made before Deskloop read it (V17) have never been asked; the
-- read-desk-zones job asks their desk once. A desk that names no zone keeps account_zone null and is not asked again.
alter table connection add column account_zone_read boolean default false not null;
update connection set account_zone_read = true where account_zone is not null;
