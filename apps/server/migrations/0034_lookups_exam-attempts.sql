-- 中考 and 高考 queries by exam number + password (issue 5, E3): the failed attempts of each account and of
-- each exam number, and the lockout that follows too many. An exam number is kept only as a keyed blind
-- index (HMAC), never in clear. A row counts failures within a window; reaching the limit locks the key
-- until locked_until (the count starts again). Unknown numbers are counted exactly like real ones, so the
-- counters and the lockout say nothing about whether a number exists.
create table lookup_exam_attempts (
  scope text not null check (scope in ('account', 'number')),
  key text not null,
  failures integer not null default 0 check (failures >= 0),
  window_started_at timestamptz not null default now(),
  locked_until timestamptz,
  primary key (scope, key)
);
