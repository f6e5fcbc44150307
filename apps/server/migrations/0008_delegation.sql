-- Delegation module (为他人办理): an agent acts for a principal only under the principal's consent, limited
-- to chosen services and a period, revocable by either side; a parent acts for a child under 14 by a
-- guardian link taken from the population register.
--
-- The principal is identified by the register's opaque person id (they may have no 粤省事 account); their
-- ID number is kept encrypted (needed to ask departments on their behalf) with a keyed index for lookups.
create table delegations (
  id uuid primary key default gen_random_uuid(),
  agent_account_id uuid not null references identity_accounts (id),
  principal_person_id text not null,
  principal_id_number_encrypted text not null,
  principal_id_number_index text not null,
  principal_name_masked text not null,
  principal_id_number_masked text not null,
  -- What the principal is to the agent in the register (spouse/child/parent), or null when not related.
  relation text check (relation in ('spouse', 'child', 'parent')),
  kind text not null check (kind in ('consent', 'guardian')),
  service_ids text[] not null check (cardinality(service_ids) between 1 and 200),
  status text not null default 'pending' check (status in ('pending', 'active', 'declined', 'revoked')),
  consent_method text check (
    consent_method in ('principal-account', 'principal-sms', 'principal-pin', 'principal-passkey', 'guardian')
  ),
  consented_at timestamptz,
  -- A pending request lapses at valid_until too (7 days to confirm); an active one ends then.
  valid_until timestamptz not null,
  valid_days integer not null check (valid_days between 1 and 366 * 14),
  revoked_at timestamptz,
  revoked_by text check (revoked_by in ('agent', 'principal')),
  created_at timestamptz not null default now(),
  check (status <> 'active' or consented_at is not null)
);

-- One open (pending or active) delegation per agent and principal.
create unique index delegations_open_pair_idx on delegations (agent_account_id, principal_id_number_index)
  where status in ('pending', 'active');
create index delegations_agent_idx on delegations (agent_account_id, created_at desc);
create index delegations_principal_idx on delegations (principal_person_id, created_at desc);

-- SMS codes sent to a principal's registered phone to confirm a delegation on the agent's device.
alter table identity_sms_codes drop constraint identity_sms_codes_purpose_check;
alter table identity_sms_codes add constraint identity_sms_codes_purpose_check
  check (purpose in ('login', 'verify', 'consent'));

-- A principal without an account at the time of an access still finds it in 我的访问记录 later: audit rows
-- of actions on their behalf carry the register's person id in detail.subjectPersonId.
create index audit_log_subject_person_idx on audit_log ((detail ->> 'subjectPersonId'), seq desc)
  where detail ? 'subjectPersonId';
