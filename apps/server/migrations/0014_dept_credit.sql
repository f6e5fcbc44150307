-- Sandbox department system: 信用广东 (public credit information of market entities: registration, administrative
-- penalties, judicial records). Its own schema, reached only through the credit connector
-- (apps/server/src/departments/credit). Money is integer fen; registered capital is 万元.
create schema if not exists dept_credit;

-- The whole pool (some 27,000 rows) is written at every start of a fresh sandbox, so this table carries few
-- per-row checks: its only writer is the generator, whose tests check the values.
create table dept_credit.enterprises (
  uscc text primary key,
  name text not null,
  -- The district (GB/T 2260) of registration; the city is its first four digits and 00.
  region_code text not null,
  -- company, sole-proprietor or institution
  kind text not null,
  industry text not null,
  legal_representative text not null,
  registered_capital_wan integer not null,
  established_on date not null,
  -- 存续 (in business), 注销 (deregistered), 吊销 (licence revoked).
  status text not null check (status in ('存续', '注销', '吊销')),
  status_since date,
  address text not null,
  -- The business scope (经营范围) and registration authority (登记机关) follow from industry, kind and district
  -- (see credit/registration.ts): not stored, which keeps the pool small to write at every start.
  -- Bumped by every change (see changes): subscribers compare versions.
  version integer not null,
  updated_at timestamptz not null
);

-- Name search: exact and prefix matches use this; substring matches scan the pool, whose size does not grow
-- with the population (a few tens of thousands of rows; see docs/departments/credit.md).
create index enterprises_name_idx on dept_credit.enterprises (name text_pattern_ops);

-- 行政处罚
-- A decision names one entity; its number is unique per issuing authority, so (uscc, number) is the key here.
create table dept_credit.penalties (
  decision_number text not null,
  uscc text not null references dept_credit.enterprises (uscc) on delete cascade,
  authority text not null,
  decided_on date not null,
  violation text not null,
  content text not null,
  fine_fen bigint check (fine_fen > 0),
  primary key (uscc, decision_number)
);

-- 司法信息: rulings (裁判文书), persons subject to enforcement (被执行人) and dishonest ones (失信被执行人).
create table dept_credit.judicial_records (
  case_number text not null,
  kind text not null check (kind in ('ruling', 'enforcement', 'dishonest')),
  uscc text not null references dept_credit.enterprises (uscc) on delete cascade,
  court text not null,
  filed_on date not null,
  amount_fen bigint,
  status text not null check (status in ('执行中', '已结案', '已生效')),
  -- A case may name several parties: one row per party and kind of record.
  primary key (uscc, case_number, kind)
);

-- 变更记录: one row per version of an enterprise's credit record after the first (version 1 is the registration
-- itself, dated established_on).
create table dept_credit.changes (
  uscc text not null references dept_credit.enterprises (uscc) on delete cascade,
  version integer not null,
  changed_at timestamptz not null,
  item text not null,
  summary text not null,
  primary key (uscc, version)
);

create index changes_uscc_time_idx on dept_credit.changes (uscc, changed_at);
