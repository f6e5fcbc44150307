-- Catalog module: the console's edits as an override layer over the service definitions (docs/catalog-admin.md).
-- The definitions stay the source of truth and are upserted into catalog_services at every start; these rows are
-- never touched by that upsert, so an edit survives a restart and is undone by the console (恢复 / back to the
-- definitions' text), not by a deploy.

-- Per service and scope: a city (city_code) or the whole province (city_code null, province-wide grants only).
create table catalog_service_overrides (
  id uuid primary key default gen_random_uuid(),
  service_id text not null references catalog_services (id) on delete cascade,
  city_code text references catalog_cities (code),
  -- 暂停办理: the service reads as unavailable in the scope, with the staff's reason.
  paused boolean not null default false,
  pause_reason text check (length(pause_reason) between 2 and 60),
  -- 办理须知 and the description for the scope; null: the definitions' text.
  notes jsonb check (notes is null or jsonb_typeof(notes) = 'array'),
  description text check (length(description) between 2 and 500),
  -- Optimistic concurrency: an edit names the version it saw.
  version integer not null default 1 check (version >= 1),
  updated_by uuid not null references staff_accounts (id),
  updated_at timestamptz not null default now(),
  check (paused = (pause_reason is not null))
);
create unique index catalog_service_overrides_scope_idx on catalog_service_overrides (service_id, coalesce(city_code, ''));

-- The history the console shows (the audit log has the same changes, hash-chained).
create table catalog_override_events (
  id bigserial primary key,
  service_id text not null references catalog_services (id) on delete cascade,
  city_code text references catalog_cities (code),
  action text not null check (action in ('pause', 'resume', 'texts')),
  reason text,
  notes jsonb,
  description text,
  staff_account_id uuid not null references staff_accounts (id),
  at timestamptz not null default now()
);
create index catalog_override_events_service_idx on catalog_override_events (service_id, at desc);

-- FAQs: seeded from the definitions (origin 'seed') or written in the console ('staff'). A seed edited in the
-- console is `edited` and the start's upsert leaves it alone; a deleted seed stays as a tombstone (deleted_at) so
-- the upsert does not bring it back. Scope: a department (客服人员 grants are department + city) and a city (null:
-- every city).
alter table catalog_faqs
  add column origin text not null default 'seed' check (origin in ('seed', 'staff')),
  add column edited boolean not null default false,
  add column hidden boolean not null default false,
  add column deleted_at timestamptz,
  add column department_id text references catalog_departments (id),
  add column city_code text references catalog_cities (code),
  add column version integer not null default 1 check (version >= 1),
  add column created_by uuid references staff_accounts (id),
  add column updated_by uuid references staff_accounts (id),
  add column created_at timestamptz not null default now(),
  add column updated_at timestamptz not null default now();

-- One row: bumped in the transaction of every catalog change (and by the start's upsert). Every server copy polls
-- it and rebuilds its snapshot when it moved.
create table catalog_state (
  id boolean primary key default true check (id),
  version bigint not null
);
insert into catalog_state (id, version) values (true, 1);
