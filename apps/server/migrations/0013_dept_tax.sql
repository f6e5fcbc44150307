-- Sandbox department system: 国家税务总局广东省税务局 (individual income tax withheld on wages, social insurance
-- fees, e-tax certificates, vehicle and vessel tax, invoices). Its own schema, reached only through the tax
-- connector (apps/server/src/departments/tax). Money is integer fen.
create schema if not exists dept_tax;

-- 自然人纳税人: everyone the tax system holds a record for.
create table dept_tax.taxpayers (
  id_number text primary key check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  updated_at timestamptz not null
);

-- Wage declarations of withholding agents, one row per run of identical months (from_month..to_month).
create table dept_tax.wage_periods (
  id_number text not null references dept_tax.taxpayers (id_number) on delete cascade,
  agent_uscc text not null check (char_length(agent_uscc) = 18),
  agent_name text not null,
  agent_region_code text not null check (agent_region_code ~ '^[0-9]{6}$'),
  monthly_wage integer not null check (monthly_wage > 0),
  from_month text not null check (from_month ~ '^[0-9]{4}-[0-9]{2}$'),
  to_month text not null check (to_month ~ '^[0-9]{4}-[0-9]{2}$'),
  primary key (id_number, from_month, agent_uscc),
  check (from_month <= to_month)
);

create table dept_tax.vehicles (
  plate text primary key,
  owner_id_number text not null references dept_tax.taxpayers (id_number) on delete cascade,
  vehicle_type text not null,
  displacement_cc integer check (displacement_cc > 0),
  energy text not null check (energy in ('fuel', 'electric', 'plug-in-hybrid')),
  registered_on date not null,
  updated_at timestamptz not null
);

create index vehicles_owner_idx on dept_tax.vehicles (owner_id_number);

create table dept_tax.vehicle_tax_years (
  plate text not null references dept_tax.vehicles (plate) on delete cascade,
  tax_year integer not null check (tax_year between 2000 and 2100),
  amount_fen integer not null check (amount_fen >= 0),
  status text not null check (status in ('paid', 'unpaid', 'exempt')),
  paid_on date,
  collected_by text,
  primary key (plate, tax_year),
  check ((status = 'paid') = (paid_on is not null))
);

-- 车船税缴款 through the platform: one row per payment reference (a retried payment is the same payment).
create table dept_tax.vehicle_tax_payments (
  payment_reference text primary key,
  plate text not null references dept_tax.vehicles (plate) on delete cascade,
  payer_id_number text not null,
  years integer[] not null,
  amount_fen integer not null check (amount_fen > 0),
  paid_on date not null,
  certificate_number text not null unique
);

-- Issued invoices. 发票代码 + 发票号码 for coded invoices; the 20-digit number alone for a 数电票 (code null).
create table dept_tax.invoices (
  code text check (code ~ '^([0-9]{10}|[0-9]{12})$'),
  number text not null check (number ~ '^([0-9]{8}|[0-9]{20})$'),
  kind text not null,
  issued_on date not null,
  seller_uscc text not null,
  seller_name text not null,
  buyer_name text not null,
  buyer_tax_id text,
  goods text not null,
  amount_fen bigint not null,
  tax_fen bigint not null,
  check_code text check (check_code ~ '^[0-9]{20}$'),
  status text not null check (status in ('normal', 'void', 'red-reversed')),
  check ((code is null) = (char_length(number) = 20))
);

-- The natural key: verification looks an invoice up by it (coalesce: a 数电票 has no code).
create unique index invoices_key_idx on dept_tax.invoices (coalesce(code, ''), number);

-- 丢失被盗发票: invoices reported lost or stolen by their seller.
create table dept_tax.lost_invoices (
  code text not null,
  number text not null,
  reported_on date not null,
  seller_uscc text not null,
  seller_name text not null,
  tax_authority text not null,
  primary key (code, number)
);

-- 电子完税证明 issued (through 粤省事 or otherwise), verifiable by number.
create table dept_tax.tax_certificates (
  number text primary key check (number ~ '^[0-9]{18}$'),
  id_number text not null references dept_tax.taxpayers (id_number) on delete cascade,
  taxpayer_name text not null,
  kind text not null check (kind in ('income-tax', 'social-insurance-fee')),
  from_month text not null,
  to_month text not null,
  total_fen bigint not null,
  issued_on date not null,
  tax_authority text not null,
  delivery_method text not null check (delivery_method in ('email', 'post', 'download'))
);

create index tax_certificates_person_idx on dept_tax.tax_certificates (id_number);
