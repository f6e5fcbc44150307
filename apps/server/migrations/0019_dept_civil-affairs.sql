-- Sandbox department system: civil affairs (民政). Its own schema; reached only through the civil-affairs
-- connector (apps/server/src/departments/civil-affairs). People are keyed by ID number.
create schema if not exists dept_minzheng;

-- 婚姻登记 in Guangdong: one row per registration (a marriage, or a divorce), both parties on it.
create table dept_minzheng.marriage_records (
  record_id uuid primary key,
  kind text not null check (kind in ('marriage', 'divorce')),
  certificate_number text not null check (certificate_number ~ '^[JL][0-9]{6}-[0-9]{4}-[0-9]{6}$'),
  registered_on date not null,
  registry text not null,
  husband_id_number text not null check (husband_id_number ~ '^[0-9]{17}[0-9X]$'),
  husband_name text not null,
  wife_id_number text not null check (wife_id_number ~ '^[0-9]{17}[0-9X]$'),
  wife_name text not null,
  -- marriage: married (婚姻存续) or dissolved (已离婚); divorce: valid
  status text not null check (status in ('married', 'dissolved', 'valid')),
  updated_at timestamptz not null,
  check (husband_id_number <> wife_id_number)
);

create index marriage_records_husband_idx on dept_minzheng.marriage_records (husband_id_number);
create index marriage_records_wife_idx on dept_minzheng.marriage_records (wife_id_number);

-- The roll of the elderly (80+, Guangdong hukou) and their 高龄津贴. The amount follows from the city and
-- the age bracket (computed on read), so it never disagrees with the birth date.
create table dept_minzheng.old_age_allowances (
  id_number text primary key check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  status text not null check (status in ('receiving', 'pending', 'not-applied', 'stopped')),
  since_month text check (since_month ~ '^[0-9]{4}-[0-9]{2}$'),
  applied_on date,
  channel text check (channel in ('online', 'counter')),
  updated_at timestamptz not null
);

-- 社会救助 cases: 低保, 低收入家庭, 特困供养, 临时救助, 医疗救助.
create table dept_minzheng.assistance_cases (
  case_id uuid primary key,
  case_number text not null,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  kind text not null check (kind in ('dibao', 'low-income', 'tekun', 'temporary', 'medical')),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  household_size integer not null check (household_size > 0),
  channel text not null check (channel in ('online', 'counter')),
  applied_on date not null,
  status text not null check (status in ('processing', 'approved', 'rejected', 'paid')),
  monthly_amount numeric(10, 2) check (monthly_amount >= 0),
  one_off_amount numeric(10, 2) check (one_off_amount >= 0),
  progress jsonb not null,
  updated_at timestamptz not null
);

create index assistance_cases_id_number_idx on dept_minzheng.assistance_cases (id_number, applied_on desc);
