-- Staff module (issue 3, console accounts): staff and operator accounts, their role grants scoped to a
-- department and a city, and their server-side sessions. No row is created here: accounts come from the
-- CLI (staff-create) or, in demo mode only, from the demo seed.

create table staff_accounts (
  id uuid primary key default gen_random_uuid(),
  -- stored lower-case; the login form is case-insensitive
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name text not null check (char_length(display_name) between 1 and 40),
  -- Argon2id (PHC string)
  password_hash text not null,
  -- set for the one-time password printed by the CLI: the first login must choose a new one
  password_change_required boolean not null default false,
  -- RFC 6238 secret (base32), encrypted at rest like personal data; null until enrolment starts
  totp_secret_encrypted text,
  totp_confirmed boolean not null default false,
  -- the last 30-second time step accepted: a code (or an older one) is never accepted twice
  totp_last_step bigint,
  -- password and TOTP failures together; 5 lock the account for 10 minutes
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  check (not totp_confirmed or totp_secret_encrypted is not null)
);

-- A grant gives one role in one department, for one city or (city_code null) the whole province.
create table staff_role_grants (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references staff_accounts (id) on delete cascade,
  role text not null check (role ~ '^[a-z][a-z_]{1,39}$'),
  department_id text not null references catalog_departments (id),
  city_code text references catalog_cities (code),
  created_at timestamptz not null default now()
);
-- one grant per (account, role, department, city), the whole province counted as one "city"
create unique index staff_role_grants_unique_idx
  on staff_role_grants (account_id, role, department_id, coalesce(city_code, ''));

-- Usernames that have no account still count failures and lock, so that the lockout cannot tell a real
-- username from an unknown one.
create table staff_login_throttle (
  username text primary key,
  failures integer not null default 0,
  locked_until timestamptz
);

-- 'pending' sessions only carry the password step to the TOTP step (5 minutes, usable for nothing else);
-- completing the second factor ends them as 'completed' and opens an 'active' session with a new token.
create table staff_sessions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references staff_accounts (id) on delete cascade,
  token_hash text not null unique,
  state text not null check (state in ('pending', 'active')),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  end_reason text check (end_reason in ('logout', 'expired', 'completed', 'locked', 'disabled'))
);
create index staff_sessions_account_idx on staff_sessions (account_id);
