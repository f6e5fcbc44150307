-- Sandbox department system: the housing-fund centres (各地市住房公积金管理中心) connected to the platform, in
-- one schema with the centre's city on every row. Reached only through the housing-fund connector
-- (apps/server/src/departments/housing-fund). The centres of 东莞, 惠州 and 揭阳 are not connected: no rows.
create schema if not exists dept_gjj;
-- Codes (ID numbers, months, city codes) are compared in the C collation: byte order is their order, and
-- index upkeep of the bulk seed is cheaper than under a language collation.

create table dept_gjj.accounts (
  id_number text collate "C" not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  city_code text collate "C" not null check (city_code ~ '^44[0-9]{4}$' and city_code not in ('441900', '441300', '445200')),
  -- Unique in practice (14 digits drawn per person); lookups are by ID number, so it is not indexed.
  account_number text not null check (account_number ~ '^[0-9]{14}$'),
  status text not null check (status in ('normal', 'sealed')),
  unit_name text not null,
  unit_uscc text not null,
  base_yuan integer not null check (base_yuan > 0),
  employee_rate_bp smallint not null check (employee_rate_bp between 500 and 1200),
  employer_rate_bp smallint not null check (employer_rate_bp between 500 and 1200),
  opened_on date not null,
  last_deposit_month text not null check (last_deposit_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  balance_fen integer not null check (balance_fen >= 0),
  -- The phone bound to the fund account (may differ from the register's: "手机号码不正确").
  bound_phone text check (bound_phone ~ '^1[3-9][0-9]{9}$'),
  updated_at timestamptz not null,
  -- Serves both "this person at this centre" and "this person's accounts".
  primary key (id_number, city_code)
);

-- A run of months of one job at one base and rate (consecutive years at the same base are one run).
create table dept_gjj.deposit_spans (
  -- No foreign key on this bulk table (a probe per row slows the 1,000,000-person seed): the generator writes
  -- rows only for accounts it has just inserted, and nothing deletes accounts.
  id_number text collate "C" not null,
  city_code text collate "C" not null,
  from_month text collate "C" not null check (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  to_month text collate "C" not null check (to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  unit_name text not null,
  unit_uscc text not null,
  base_yuan integer not null check (base_yuan > 0),
  employee_rate_bp smallint not null check (employee_rate_bp between 500 and 1200),
  employer_rate_bp smallint not null check (employer_rate_bp between 500 and 1200),
  primary key (id_number, city_code, from_month),
  check (from_month <= to_month)
);

create table dept_gjj.withdrawals (
  id_number text collate "C" not null,
  city_code text collate "C" not null,
  application_number text collate "C" not null,
  reason text not null check (reason in ('rent', 'house-purchase', 'loan-repayment')),
  amount_fen integer not null check (amount_fen > 0),
  status text not null check (status in ('completed', 'in-progress', 'rejected')),
  channel text not null check (channel in ('counter', 'online', 'yueshengshi')),
  applied_at timestamptz not null,
  completed_on date,
  primary key (id_number, city_code, application_number),
  foreign key (id_number, city_code) references dept_gjj.accounts (id_number, city_code) on delete cascade,
  check ((status = 'completed') = (completed_on is not null))
);

-- "存在未办结服务": at most one unfinished withdrawal per account, also under concurrent applications.
create unique index withdrawals_one_unfinished_idx on dept_gjj.withdrawals (id_number, city_code)
  where status = 'in-progress';
