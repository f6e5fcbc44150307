-- Sandbox department system: the population register of the provincial public security department
-- (公安户政). It lives in its own schema and is reached only through the PopulationRegister connector
-- (apps/server/src/departments/population-register); platform modules never query it.
--
-- A department keeps its data as it sees fit: this sandbox stores names, ID numbers and phones in the clear,
-- as the department's own system would. The platform side encrypts whatever it copies from here.
create schema if not exists dept_gongan;

create table dept_gongan.people (
  -- The department's own opaque identifier (not derived from the ID number).
  person_id uuid primary key,
  id_number text not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null check (char_length(name) between 1 and 60),
  sex text not null check (sex in ('male', 'female')),
  birth_date date not null check (birth_date >= date '1900-01-01'),
  -- One of the 21 Guangdong city codes, or null for a hukou outside Guangdong.
  hukou_city_code text check (hukou_city_code ~ '^44[0-9]{4}$'),
  hukou_region_code text not null check (hukou_region_code ~ '^[0-9]{6}$'),
  address text not null,
  -- Residence registration (居住登记 / 居住证) in Guangdong; null when not living in Guangdong.
  residence_city_code text check (residence_city_code ~ '^44[0-9]{4}$'),
  residence_address text,
  -- Registered mobile number; not unique (a parent's number may be on a child's record), may be absent.
  phone text check (phone ~ '^1[3-9][0-9]{9}$'),
  status text not null default 'normal' check (status in ('normal', 'deceased', 'cancelled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index people_phone_idx on dept_gongan.people (phone) where phone is not null;

create table dept_gongan.family_relations (
  person_id uuid not null references dept_gongan.people (person_id) on delete cascade,
  relative_id uuid not null references dept_gongan.people (person_id) on delete cascade,
  -- What the relative is to the person: spouse, child or parent.
  relation text not null check (relation in ('spouse', 'child', 'parent')),
  primary key (person_id, relative_id),
  check (person_id <> relative_id)
);

create index family_relations_relative_idx on dept_gongan.family_relations (relative_id);
