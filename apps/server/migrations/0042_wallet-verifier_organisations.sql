-- Verifier organisations (issue 6, item 5): hotels, police stations, employers and coach stations whose staff
-- record check-ins with the citizen's e-certificates. A verifier logs in as a staff account (password + TOTP,
-- the console's login and lockout); membership of exactly one organisation is what lets the account record
-- check-ins. A hotel is no government department, so this is not a department grant (staff_role_grants).
create table verifier_organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 80),
  kind text not null check (kind in ('hotel', 'police', 'employer', 'coach-station')),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (name, city_code)
);

create table verifier_members (
  account_id uuid primary key references staff_accounts (id) on delete cascade,
  organisation_id uuid not null references verifier_organisations (id),
  created_at timestamptz not null default now()
);
create index verifier_members_organisation_idx on verifier_members (organisation_id);
