-- 养老资格认证 (E4). The 人社 department keeps the certifications (dept_shebao.pension_certifications); the platform
-- keeps only what makes a 认证 safe to repeat: one claim per pensioner per day (China time), so that two taps at
-- once, or a retry after a lost answer, record one certification at the department. A claim is 'pending' while
-- the department is asked; a refused or failed one frees the day for another try.
create table pension_certification_claims (
  id uuid primary key default gen_random_uuid(),
  subject_person_id text collate "C" not null,
  day date not null,
  actor_account_id uuid not null references identity_accounts (id) on delete cascade,
  delegation_id uuid,
  state text not null check (state in ('pending', 'certified', 'refused', 'failed')),
  valid_until date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index pension_certification_claims_day_idx on pension_certification_claims (subject_person_id, day)
  where state in ('pending', 'certified');

-- 消息 kind for 养老资格认证 (认证成功, 即将到期); keeps 0063's 'flight-update'.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('credit-change', 'wallet-status', 'case-update', 'appointment-update', 'payment-update', 'coach-update',
    'flight-update', 'pension-update'));
