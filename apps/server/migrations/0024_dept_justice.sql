-- Sandbox department system of public legal services (广东省司法厅, 12348 广东法网): the directory of law
-- firms and lawyers with their licence numbers, the legal-aid office of each city, and the lawyers' duty
-- days for the free online consultation. Public reference data (the same for every seed); reached only
-- through the justice connector (apps/server/src/departments/justice).
create schema if not exists dept_sifa;

create table dept_sifa.law_firms (
  -- 执业许可证号
  licence_number text primary key check (licence_number ~ '^[0-9]{17}$'),
  -- 统一社会信用代码 (31…: 司法行政, 律师执业机构)
  uscc text not null unique check (uscc ~ '^31[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  name text not null unique,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  region_code text not null check (region_code ~ '^[0-9]{6}$'),
  address text not null,
  phone text not null,
  form text not null check (form in ('partnership', 'sole', 'state')),
  established_on date not null
);
create index law_firms_city_idx on dept_sifa.law_firms (city_code, licence_number);

create table dept_sifa.lawyers (
  -- 执业证号
  licence_number text primary key check (licence_number ~ '^[0-9]{17}$'),
  name text not null,
  sex text not null check (sex in ('male', 'female')),
  firm_licence_number text not null references dept_sifa.law_firms (licence_number),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  category text not null check (category in ('full-time', 'part-time')),
  first_licensed_year integer not null check (first_licensed_year between 1980 and 2100),
  -- ["marriage-family", "labour", …]
  practice_areas jsonb not null,
  -- weekdays 1 (Monday) … 7 on which the lawyer answers the free online consultation; [] for none
  duty_weekdays jsonb not null
);
create index lawyers_firm_idx on dept_sifa.lawyers (firm_licence_number);
create index lawyers_city_idx on dept_sifa.lawyers (city_code, licence_number);

create table dept_sifa.legal_aid_centres (
  city_code text primary key check (city_code ~ '^44[0-9]{4}$'),
  name text not null,
  address text not null,
  phone text not null,
  hours text not null
);
