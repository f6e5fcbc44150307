-- The sandbox province (demo mode) was seeded again at every start: idempotent, so nothing changed, but it read
-- and compared every department's records for a few seconds each time (a third of an end-to-end test platform's
-- start). A start now records what it seeded — the seed options and a digest of the code that writes the
-- province — and the next start with the same skips it; new code or other options seed again (adding only what
-- is missing, as before).
create table dept_province_seeds (
  name text primary key,
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  seeded_at timestamptz not null default now()
);
