-- Sandbox department system: medical insurance (广东省医疗保障局). Its own schema, reached only through the
-- medical-insurance connector (apps/server/src/departments/medical-insurance). Keyed by the ID number.
create schema if not exists dept_yibao;
-- Codes (ID numbers, months, city codes) are compared in the C collation: byte order is their order, and
-- index upkeep of the bulk seed is cheaper than under a language collation.

create table dept_yibao.accounts (
  id_number text collate "C" primary key check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  scheme text not null check (scheme in ('employee', 'resident')),
  status text not null check (status in ('active', 'suspended', 'terminated')),
  insured_city_code text not null check (insured_city_code ~ '^44[0-9]{4}$'),
  -- Personal-account balance in fen; the resident scheme has no personal account.
  balance_fen integer check (balance_fen >= 0),
  updated_at timestamptz not null,
  check ((scheme = 'resident') = (balance_fen is null))
);

-- 开通医保支付 (B1): at most one activation per person.
create table dept_yibao.payment_activations (
  id_number text collate "C" primary key references dept_yibao.accounts (id_number) on delete cascade,
  city_code text collate "C" not null check (city_code in ('440100', '440300')),
  activated_at timestamptz not null,
  channel text not null
);

create table dept_yibao.account_transactions (
  -- No foreign key on this bulk table (a probe per row slows the 1,000,000-person seed): the generator writes
  -- rows only for accounts it has just inserted, and nothing deletes accounts.
  id_number text collate "C" not null,
  seq integer not null check (seq >= 0),
  occurred_at timestamptz not null,
  kind text not null check (kind in ('credit', 'pharmacy', 'outpatient', 'inpatient')),
  description text not null,
  place text,
  -- Signed: credits positive, payments negative; the balance never goes below zero.
  amount_fen integer not null check (amount_fen <> 0),
  balance_after_fen integer not null check (balance_after_fen >= 0),
  -- One index serves both identity (seq is unique per person) and the period lookup (id_number, time range).
  primary key (id_number, occurred_at, seq)
);
