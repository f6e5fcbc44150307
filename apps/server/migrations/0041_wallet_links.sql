-- Wallet module (issue 6, 我的证照 on the citizen's account): which certificates an account has linked. A link
-- holds the type, the current certificate (wallet_certificates) and a masked summary (holder's masked name,
-- masked document number) — never the claims: the phone keeps the credentials.

create table wallet_links (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  credential_type text not null check (credential_type ~ '^[a-z][a-z0-9-]{1,39}$'),
  -- the current certificate: a refresh issues a new one and points here
  certificate_id uuid not null references wallet_certificates (id),
  -- { holderNameMasked, numberLabel, numberMasked }: masked at link time, nothing in full
  summary jsonb not null,
  linked_at timestamptz not null default now(),
  refreshed_at timestamptz not null default now(),
  -- unlinking keeps the row (the verification log can still name what was verified) and revokes the certificates
  unlinked_at timestamptz
);
-- One live link per account and type.
create unique index wallet_links_live_idx on wallet_links (account_id, credential_type) where unlinked_at is null;
create index wallet_links_account_idx on wallet_links (account_id, linked_at);

-- Every certificate ever issued to a link (the first and each refresh): a verified credential's certificate id
-- leads to the account (the citizen's verification log).
create table wallet_link_certificates (
  certificate_id uuid primary key references wallet_certificates (id),
  link_id uuid not null references wallet_links (id) on delete cascade,
  issued_at timestamptz not null default now()
);
create index wallet_link_certificates_link_idx on wallet_link_certificates (link_id);
