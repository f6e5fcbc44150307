-- Catalog module: cities, departments, services (事项) with per-city availability, and the guide's FAQ.
-- Reference data is seeded idempotently from apps/server/src/services (the definitions are the source).

create table catalog_cities (
  code text primary key check (code ~ '^[0-9]{6}$'),
  name text not null unique,
  name_en text not null,
  sort_order integer not null
);

create table catalog_departments (
  id text primary key,
  name text not null,
  name_en text not null
);

create table catalog_services (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  name_en text not null,
  group_id text not null,
  zones text[] not null default '{}',
  department_id text not null references catalog_departments (id),
  feature_ids text[] not null default '{}',
  kind text not null check (kind in ('query', 'application', 'appointment', 'payment', 'certificate', 'tool', 'information')),
  who_may_act text not null check (who_may_act in ('anyone', 'self', 'self-or-others', 'mother-only')),
  requires_verification boolean not null,
  -- 'all' cities, 'only' the listed cities, or all 'except' the listed cities
  availability_mode text not null check (availability_mode in ('all', 'only', 'except')),
  unavailable_reason text,
  unavailable_reason_en text,
  description text not null,
  description_en text not null,
  keywords text[] not null default '{}',
  materials jsonb not null default '[]',
  materials_en jsonb not null default '[]',
  time_limit text,
  time_limit_en text,
  notes jsonb not null default '[]',
  notes_en jsonb not null default '[]',
  -- operators may switch a service off everywhere (maintenance) without deleting it
  enabled boolean not null default true,
  sort_order integer not null,
  updated_at timestamptz not null default now(),
  check (availability_mode = 'all' or unavailable_reason is not null)
);

-- The cities named by an 'only' or 'except' rule.
create table catalog_service_cities (
  service_id text not null references catalog_services (id) on delete cascade,
  city_code text not null references catalog_cities (code),
  primary key (service_id, city_code)
);

create table catalog_faqs (
  id text primary key,
  question text not null,
  answer text not null,
  question_en text not null,
  answer_en text not null,
  feature_ids text[] not null default '{}',
  sort_order integer not null
);

create table catalog_faq_services (
  faq_id text not null references catalog_faqs (id) on delete cascade,
  service_id text not null references catalog_services (id) on delete cascade,
  primary key (faq_id, service_id)
);

create index catalog_services_group_idx on catalog_services (group_id);
