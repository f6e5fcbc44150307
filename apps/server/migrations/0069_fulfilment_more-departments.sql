-- 办件 write-back, more services (docs/cases.md "Fulfilment"): the department sandboxes learn to record what an
-- approved case asks of them, each write idempotent by the platform's case number (`platform_reference`, unique:
-- a retry after a timeout finds the first result and records nothing new).

-- 残联: a subsidy (残疾人补贴) granted by an approved 残疾人补贴申请.
alter table dept_canlian.subsidies add column platform_reference text unique;

-- 交管: the business it did for an approved online case — 六年免检 (the inspection label), 驾驶证换证, 行驶证换证 —
-- with what it answered (a retry gets the same answer). The licence and vehicle rows themselves carry the change.
create table dept_jiaoguan.online_business (
  platform_reference text primary key,
  kind text not null check (kind in ('inspection-label', 'licence-renewal', 'vehicle-licence-renewal')),
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  vehicle_id uuid references dept_jiaoguan.vehicles (vehicle_id) on delete cascade,
  decided_on date not null,
  result jsonb not null,
  created_at timestamptz not null default now(),
  check ((kind = 'licence-renewal') = (vehicle_id is null))
);
create index online_business_vehicle_idx on dept_jiaoguan.online_business (vehicle_id, kind)
  where vehicle_id is not null;

-- 公安 (户政): a 居住登记 recorded by an approved 申报居住登记; the yearly 签注 of a 居住证 by an approved 签注居住证.
alter table dept_gongan.residence_registrations add column platform_reference text unique;
create table dept_gongan.residence_permit_endorsements (
  platform_reference text primary key,
  permit_id uuid not null references dept_gongan.residence_permits (permit_id) on delete cascade,
  endorsed_on date not null,
  -- 签注有效期至 after this endorsement
  endorsed_until date not null,
  created_at timestamptz not null default now()
);
create index residence_permit_endorsements_permit_idx on dept_gongan.residence_permit_endorsements (permit_id);

-- 来穗局 (广州市来穗人员服务管理局, C2 积分): its 积分 records, until now held in the sandbox's memory, and the business
-- it did for approved online cases (积分申请 scored, 积分调整 re-scored, 积分入户 准予迁入) with its answer.
create schema if not exists dept_laisui;

-- One record per person: the latest year's (a new 积分申请 replaces it).
create table dept_laisui.points_records (
  id_number text primary key check (id_number ~ '^[0-9]{17}[0-9X]$'),
  -- 积分编号: JF, the city code, the two-digit year, a 4-digit serial
  record_number text not null unique check (record_number ~ '^JF[0-9]{12}$'),
  city_code text not null check (city_code = '440100'),
  year integer not null check (year between 2000 and 2100),
  status text not null check (status in ('approved', 'pending')),
  total_points integer not null check (total_points >= 0),
  -- [{ indicator, detail, points }]: the 指标 as scored
  items jsonb not null,
  applied_on date not null,
  approved_on date,
  settlement_minimum integer not null check (settlement_minimum > 0),
  updated_at timestamptz not null,
  check ((status = 'approved') = (approved_on is not null))
);

create table dept_laisui.points_business (
  platform_reference text primary key,
  kind text not null check (kind in ('apply', 'adjust', 'settle')),
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  decided_on date not null,
  result jsonb not null,
  created_at timestamptz not null default now()
);
create index points_business_id_number_idx on dept_laisui.points_business (id_number, kind);
