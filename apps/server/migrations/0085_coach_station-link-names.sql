-- 核验单位管理 links a coach-station verifier organisation to a station of the ticketing system from the console
-- (until now only the demo's were seeded). The station's name is kept as the system gave it when linked, so the
-- register lists it without a department call per page; and one station is one organisation, or two
-- registrations of it would check each other's tickets.
alter table coach_station_links add column station_name text;
create unique index coach_station_links_station on coach_station_links (station_id);
