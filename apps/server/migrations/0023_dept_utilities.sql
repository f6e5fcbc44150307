-- Sandbox department systems of the utility companies the platform's 生活缴费 connects to (广州燃气,
-- 广东电网, the 阳江 water utility): accounts (户号) and monthly bills, in one schema. Reached only through
-- the utilities connector (apps/server/src/departments/utilities). Amounts in integer fen.
create schema if not exists dept_gongyong;

create table dept_gongyong.accounts (
  account_number text primary key check (account_number ~ '^[0-9]{8,13}$'),
  company_id text not null check (company_id in ('guangzhou-gas', 'csg-guangdong-power', 'yangjiang-water')),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  -- 户主: the household head, as the population register knows them
  holder_person_id uuid not null,
  holder_id_number text not null check (holder_id_number ~ '^[0-9]{17}[0-9X]$'),
  holder_name text not null,
  -- 用户地址: the household's residence address
  address text not null,
  opened_on date not null,
  updated_at timestamptz not null,
  -- one account per household head and company: the natural key that makes seeding idempotent (holder
  -- first: the seeder looks up a batch's holders by person id)
  unique (holder_person_id, company_id)
);
-- accountsOfHolder
create index accounts_holder_idx on dept_gongyong.accounts (holder_id_number);

create table dept_gongyong.bills (
  account_number text not null references dept_gongyong.accounts (account_number),
  -- YYYY-MM: the month of consumption
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  previous_reading integer not null check (previous_reading >= 0),
  current_reading integer not null,
  consumption integer not null check (consumption >= 0 and current_reading = previous_reading + consumption),
  -- [{tier, quantity, priceFen, amountFen}]
  charges jsonb not null,
  amount_fen integer not null check (amount_fen >= 0),
  issued_on date not null,
  due_on date not null,
  status text not null check (status in ('paid', 'unpaid')),
  paid_at timestamptz,
  payment_reference text unique,
  updated_at timestamptz not null,
  primary key (account_number, period),
  check ((status = 'paid') = (paid_at is not null and payment_reference is not null))
);
-- bills of an account for a period range: the primary key (account_number, period) serves it.
