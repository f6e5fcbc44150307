-- A service some cities call by a name of their own (the guide: 老年人优待证核发〔佛山为“老人卡申办”〕).
-- city code → { "name": …, "nameEn": … }; empty for the services every city names alike. Seeded from the
-- definitions (services/*/index.ts `cityNames`), like the other columns of catalog_services.
alter table catalog_services add column city_names jsonb not null default '{}'::jsonb;
