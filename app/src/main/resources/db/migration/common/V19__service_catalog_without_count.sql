-- The number of services was stored beside the catalog's YAML, but nothing read it.
alter table service_catalog drop column services;
