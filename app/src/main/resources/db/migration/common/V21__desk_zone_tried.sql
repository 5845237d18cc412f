-- When the read-desk-zones job last asked a desk without an answer. The job asks the desks never tried first and the
-- longest-failing last, so connections whose desk can never be read do not hold up the others.
alter table connection add column account_zone_tried_at timestamp with time zone;
