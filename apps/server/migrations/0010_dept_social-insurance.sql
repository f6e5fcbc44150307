-- Sandbox department system: social insurance (人社 / 社会保险经办机构). Its own schema, reached only through
-- the social-insurance connector (apps/server/src/departments/social-insurance); platform modules never
-- query it. Records are keyed by the ID number the citizen proves (for people insured as Hong Kong or Macau
-- residents: their residence-permit number, with a separately generated social-security number).
create schema if not exists dept_shebao;
-- Codes (ID numbers, months, city codes) are compared in the C collation: byte order is their order, and
-- index upkeep of the bulk seed is cheaper than under a language collation.

create table dept_shebao.insured_persons (
  id_number text collate "C" primary key check (id_number ~ '^[0-9]{17}[0-9X]$'),
  social_security_number text not null unique,
  name text not null,
  hk_macau text check (hk_macau in ('hong-kong', 'macau')),
  scheme text not null check (scheme in ('enterprise', 'institution', 'resident')),
  status text not null check (status in ('contributing', 'suspended', 'retired', 'terminated')),
  insured_city_code text not null check (insured_city_code ~ '^44[0-9]{4}$'),
  first_insured_month text check (first_insured_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  last_contribution_month text check (last_contribution_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  contribution_months integer not null check (contribution_months >= 0),
  deemed_months integer not null check (deemed_months >= 0),
  current_unit_name text,
  current_unit_uscc text,
  -- Monthly pension in fen, and its first month, for people drawing one.
  pension_fen integer check (pension_fen > 0),
  pension_since text check (pension_since ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  updated_at timestamptz not null
);

-- The stored unit of contribution records: a run of months of one job at one base (the base is declared
-- yearly; consecutive years at the same base are one run). Monthly amounts per insurance type are computed on
-- read from the rate table (rates.ts), so a person's 28 years of history are a few rows instead of ~1,700.
create table dept_shebao.contribution_spans (
  -- No foreign key on this bulk table (a probe per row slows the 1,000,000-person seed): the generator writes
  -- rows only for insured persons it has just inserted, and nothing deletes insured persons.
  id_number text collate "C" not null,
  from_month text collate "C" not null check (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  to_month text collate "C" not null check (to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  city_code text collate "C" not null check (city_code ~ '^44[0-9]{4}$'),
  unit_name text not null,
  unit_uscc text not null,
  base_yuan integer not null check (base_yuan > 0),
  injury_rate_bp smallint not null check (injury_rate_bp between 0 and 1000),
  -- The primary key's index serves the period lookup (id_number, from_month <= :to).
  primary key (id_number, from_month),
  check (from_month <= to_month)
);

create table dept_shebao.cards (
  id_number text collate "C" primary key references dept_shebao.insured_persons (id_number) on delete cascade,
  card_number text not null check (card_number ~ '^[A-Z][0-9]{8}$'),
  generation smallint not null check (generation in (1, 2)),
  bank_name text,
  bank_account text,
  issuing_city_code text not null check (issuing_city_code ~ '^44[0-9]{4}$'),
  issued_on date not null,
  status text not null check (status in ('normal', 'lost', 'cancelled')),
  updated_at timestamptz not null,
  check ((generation = 2) = (bank_account is not null))
);

create table dept_shebao.pension_certifications (
  id_number text collate "C" not null references dept_shebao.insured_persons (id_number) on delete cascade,
  certified_at timestamptz not null,
  agent_id_number text check (agent_id_number ~ '^[0-9]{17}[0-9X]$'),
  channel text not null,
  -- The latest certification of a person is the last entry of this index.
  primary key (id_number, certified_at)
);
