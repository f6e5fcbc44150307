-- Identity module (issue 3): accounts, login methods, server-side sessions, one-time codes, WebAuthn.
-- Personal data (phone, name, ID number) is stored only encrypted (AES-256-GCM, key outside the database)
-- with keyed HMAC "blind indexes" for lookups, and a masked copy for display.

create table identity_accounts (
  id uuid primary key default gen_random_uuid(),
  phone_encrypted text not null,
  phone_index text not null unique,
  phone_masked text not null,
  real_name_encrypted text,
  id_number_encrypted text,
  id_number_index text unique,
  name_masked text,
  id_number_masked text,
  hukou_city_code text,
  person_id text,
  default_login_method text not null default 'sms' check (default_login_method in ('passkey', 'pin', 'sms')),
  pin_hash text,
  pin_failed_attempts integer not null default 0,
  pin_locked_until timestamptz,
  -- one device at a time: the only session that may act for this account
  active_session_id uuid,
  created_at timestamptz not null default now(),
  real_name_verified_at timestamptz
);

create table identity_sessions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  token_hash text not null unique,
  login_method text not null check (login_method in ('passkey', 'pin', 'sms')),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- time of the last user verification (passkey with UV, or PIN) in this session
  verified_at timestamptz,
  verified_method text,
  ended_at timestamptz,
  end_reason text check (end_reason in ('logout', 'replaced', 'expired'))
);
create index identity_sessions_account_idx on identity_sessions (account_id);

create table identity_sms_codes (
  id uuid primary key default gen_random_uuid(),
  phone_index text not null,
  purpose text not null check (purpose in ('login', 'verify')),
  code_hash text not null,
  attempts integer not null default 0,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  consumed_at timestamptz
);
create index identity_sms_codes_phone_idx on identity_sms_codes (phone_index, created_at desc);

create table identity_passkeys (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  credential_id text not null unique,
  public_key bytea not null,
  counter bigint not null default 0,
  transports text[] not null default '{}',
  device_type text,
  backed_up boolean not null default false,
  nickname text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index identity_passkeys_account_idx on identity_passkeys (account_id);

-- WebAuthn challenges: single use, short-lived.
create table identity_webauthn_challenges (
  challenge text primary key,
  purpose text not null check (purpose in ('register', 'login', 'verify')),
  account_id uuid references identity_accounts (id) on delete cascade,
  expires_at timestamptz not null
);

-- The sandbox SMS gateway's outbox (demo/test only; a real gateway adapter sends instead).
create table sms_outbox (
  id bigint generated always as identity primary key,
  phone_index text not null,
  phone_masked text not null,
  -- the message text holds a one-time code: encrypted like any secret at rest
  text_encrypted text not null,
  created_at timestamptz not null default now()
);
