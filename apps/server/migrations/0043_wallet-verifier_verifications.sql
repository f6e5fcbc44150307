-- The verification log (issue 6, item 5): one row per check-in a verifier recorded. certificate_id is set only
-- when the issuer's signature held (valid, expired, revoked, suspended verdicts): the status entry the
-- credential carries is mapped back to its certificate. The citizen reads the rows of their own certificates
-- (found by the blind index of their ID number); nothing of the credential's content is kept here.
create table wallet_verifications (
  id uuid primary key default gen_random_uuid(),
  certificate_id uuid references wallet_certificates (id) on delete cascade,
  credential_type text,
  organisation_id uuid not null references verifier_organisations (id),
  account_id uuid references staff_accounts (id) on delete set null,
  purpose text not null check (purpose in ('hotel', 'police', 'employer', 'coach-station')),
  verdict text not null check (verdict in ('valid', 'invalid', 'revoked', 'suspended', 'expired')),
  reason_code text not null,
  checked_at timestamptz not null default now()
);
create index wallet_verifications_certificate_idx on wallet_verifications (certificate_id, checked_at desc);
create index wallet_verifications_organisation_idx on wallet_verifications (organisation_id, checked_at desc);
