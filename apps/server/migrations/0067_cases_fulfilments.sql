-- 办件 write-back (docs/cases.md "Fulfilment"): an approved case makes the department issue what was applied for
-- (the residence permit, the 残疾人证, the roll entry, the child's registration …). The approval's transaction writes
-- one row here (an outbox); a background job (one server copy at a time, a JobLease) calls the department's write
-- operation outside any transaction, with retries and backoff. The department's operation is idempotent by the
-- platform's case number (its `platform_reference` below), so a retry never issues twice.
create table case_fulfilments (
  case_id uuid primary key references cases (id) on delete cascade,
  service_id text not null check (length(service_id) between 1 and 80),
  -- pending: to be delivered (制证中); issued: the department holds the record (已制发); failed: gave up after
  -- the last attempt or the department refused (发证失败): a reviewer retries from the console.
  state text not null default 'pending' check (state in ('pending', 'issued', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  -- The last failure as the operator reads it (department id, kind; never personal data).
  last_error text check (length(last_error) <= 500),
  -- What the department issued, as the applicant reads it (message) and its reference (a number, masked where personal).
  result jsonb,
  retried_by_staff_id uuid references staff_accounts (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  issued_at timestamptz
);
-- The job's queue: due pending rows, oldest first.
create index case_fulfilments_due_idx on case_fulfilments (next_attempt_at) where state = 'pending';

-- The departments' sandboxes learn the platform's reference of what they issue (unique: a retry finds it).
alter table dept_gongan.residence_permits add column platform_reference text unique;
alter table dept_gongan.household_approvals add column platform_reference text unique;
alter table dept_canlian.applications add column platform_reference text unique;
alter table dept_minzheng.old_age_allowances add column platform_reference text unique;

-- 老年人优待证 (老人卡 in 佛山) as the civil-affairs system records the cards it issues.
create table dept_minzheng.senior_cards (
  card_number text primary key,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  -- first: 首次申领; reissue: 遗失或损坏补领 (the earlier card of the person is then cancelled).
  kind text not null check (kind in ('first', 'reissue')),
  issued_on date not null,
  status text not null check (status in ('valid', 'cancelled')),
  platform_reference text unique,
  updated_at timestamptz not null default now()
);
create index senior_cards_id_number_idx on dept_minzheng.senior_cards (id_number);
