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
