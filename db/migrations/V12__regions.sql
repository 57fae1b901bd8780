-- Regions: a source is published in its home region, a flow runs in a region of its choosing; null is the
-- installation's default region (the first configured, or its only one).
alter table event_sources add column home_region varchar(63);
alter table flows add column region varchar(63);
