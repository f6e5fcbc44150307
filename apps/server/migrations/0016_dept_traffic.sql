-- Sandbox department system: traffic management of the provincial public security department (公安交通管理,
-- 交管). Its own schema; reached only through the traffic connector (apps/server/src/departments/traffic).
-- Like a department's own system it keys people by their ID number (a driving licence number is one).
create schema if not exists dept_jiaoguan;

-- 驾驶证: one per person (the licence number is the ID number). Points are not stored: they are the sum of
-- the handled violations charged to the licence in the current scoring cycle, so they cannot drift.
create table dept_jiaoguan.driving_licences (
  id_number text primary key check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  licence_class text not null check (licence_class in ('A1', 'A2', 'B2', 'C1', 'C2', 'D', 'E')),
  first_issued_on date not null,
  valid_from date not null,
  -- null: 长期 (long-term)
  valid_until date,
  issued_by text not null,
  archive_number text not null check (archive_number ~ '^[0-9]{12}$'),
  status text not null check (status in ('normal', 'over-points', 'overdue-renewal', 'suspended', 'revoked')),
  updated_at timestamptz not null,
  check (valid_from >= first_issued_on),
  check (valid_until is null or valid_until > valid_from)
);

-- 机动车 with the data of its 行驶证.
create table dept_jiaoguan.vehicles (
  vehicle_id uuid primary key,
  plate text not null unique,
  plate_type text not null check (plate_type in ('small-car', 'small-new-energy', 'hk-macao')),
  -- City of the issuing authority; null for the cross-boundary 粤Z series.
  city_code text check (city_code ~ '^44[0-9]{4}$'),
  owner_id_number text not null check (owner_id_number ~ '^[0-9]{17}[0-9X]$'),
  owner_name text not null,
  owner_address text not null,
  vehicle_type text not null check (vehicle_type in ('K31', 'K33')),
  brand_model text not null,
  energy text not null check (energy in ('petrol', 'electric', 'phev')),
  vin text not null check (vin ~ '^[0-9A-HJ-NPR-Z]{17}$'),
  engine_number text not null,
  seats integer not null check (seats between 1 and 9),
  registered_on date not null,
  issued_on date not null,
  inspection_valid_until date not null,
  status text not null check (status in ('normal', 'overdue-inspection', 'mortgaged')),
  updated_at timestamptz not null
);

create index vehicles_owner_idx on dept_jiaoguan.vehicles (owner_id_number);

-- 违法记录 of a vehicle. driver_id_number: whose licence took the points when it was handled.
create table dept_jiaoguan.violations (
  violation_id uuid primary key,
  vehicle_id uuid not null references dept_jiaoguan.vehicles (vehicle_id) on delete cascade,
  -- Local time in Beijing (no time zone: the record says what the camera's clock said).
  occurred_at timestamp not null,
  place text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  code text not null check (code ~ '^[0-9]{4}$'),
  description text not null,
  fine integer not null check (fine >= 0),
  points integer not null check (points between 0 and 12),
  authority text not null,
  status text not null check (status in ('unhandled', 'handled')),
  handled_on date,
  decision_number text check (decision_number ~ '^[0-9]{15}$'),
  driver_id_number text check (driver_id_number ~ '^[0-9]{17}[0-9X]$'),
  updated_at timestamptz not null,
  check ((status = 'handled') = (handled_on is not null)),
  check ((status = 'handled') = (decision_number is not null))
);

create index violations_vehicle_idx on dept_jiaoguan.violations (vehicle_id, occurred_at desc);
create index violations_driver_idx on dept_jiaoguan.violations (driver_id_number, handled_on)
  where driver_id_number is not null;
