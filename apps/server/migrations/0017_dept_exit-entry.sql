-- Sandbox department system: the exit-entry administration (出入境管理). Its own schema; reached only
-- through the exit-entry connector (apps/server/src/departments/exit-entry). People are keyed by ID number.
create schema if not exists dept_churujing;

-- 护照 / 往来港澳通行证 / 往来台湾通行证 / 港澳居民来往内地通行证.
create table dept_churujing.documents (
  document_number text primary key,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  kind text not null check (kind in ('passport', 'hk-macao-permit', 'taiwan-permit', 'hk-macao-resident-permit')),
  name text not null,
  issued_on date not null,
  valid_until date not null check (valid_until > issued_on),
  issued_by text not null,
  issue_place text not null,
  -- The Guangdong city whose office issued it; null when issued elsewhere.
  issued_city_code text check (issued_city_code ~ '^44[0-9]{4}$'),
  status text not null check (status in ('valid', 'expired', 'cancelled')),
  updated_at timestamptz not null
);

create index documents_id_number_idx on dept_churujing.documents (id_number);

-- 签注 on a permit, with its progress: an array of {step, on} in order; the last step is the status.
create table dept_churujing.endorsements (
  endorsement_id uuid primary key,
  document_number text not null references dept_churujing.documents (document_number) on delete cascade,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  destination text not null check (destination in ('hong-kong', 'macao', 'taiwan')),
  kind text not null check (kind in ('tourism-individual', 'tourism-group', 'visiting-relatives', 'business')),
  trips text not null check (trips in ('once', 'twice', 'multiple')),
  stay_days integer not null check (stay_days > 0),
  channel text not null check (channel in ('online', 'counter', 'machine')),
  applied_on date not null,
  valid_from date,
  valid_until date,
  fee numeric(8, 2) not null check (fee >= 0),
  status text not null,
  progress jsonb not null,
  updated_at timestamptz not null
);

create index endorsements_id_number_idx on dept_churujing.endorsements (id_number, applied_on desc);

-- 办证预约. booked_by_id_number: whose account booked it (the applicant, or someone booking for them).
create table dept_churujing.appointments (
  appointment_id uuid primary key,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  applicant_name text not null,
  booked_by_id_number text not null check (booked_by_id_number ~ '^[0-9]{17}[0-9X]$'),
  business text not null check (business in ('first-issue', 'renewal', 'reissue')),
  document_kind text not null check (document_kind in ('passport', 'hk-macao-permit', 'taiwan-permit')),
  office text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  appointment_date date not null,
  time_slot text not null,
  booked_on date not null check (booked_on <= appointment_date),
  status text not null check (status in ('booked', 'cancelled', 'attended', 'missed')),
  updated_at timestamptz not null
);

create index appointments_id_number_idx on dept_churujing.appointments (id_number);
create index appointments_booked_by_idx on dept_churujing.appointments (booked_by_id_number);
