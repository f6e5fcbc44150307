-- 工作日历: the exceptions to the weekday rule (Monday–Friday work, Saturday–Sunday rest) that the State Council's
-- yearly notice makes — the days of a holiday break and the weekend days worked instead (调休上班). Seeded from the
-- contract's HOLIDAY_NOTICES at start (a year once: work_calendar_seeded_years), then corrected and extended by
-- operators in the console's 工作日历. A date without a row follows the weekday rule.
create table work_calendar_days (
  local_date date primary key,
  kind text not null check (kind in ('holiday', 'makeup-workday')),
  holiday_name text not null check (holiday_name in ('元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节')),
  -- 法定节假日 itself (the 13 days of 《全国年节及纪念日放假办法》), not the weekend and 调休 days of the break.
  statutory boolean not null default false,
  note text,
  source text not null check (source in ('notice', 'operator')),
  updated_by uuid references staff_accounts (id),
  updated_at timestamptz not null default now(),
  check (kind = 'holiday' or not statutory)
);

-- The years whose notice was seeded: a year is seeded once, so an operator's deletion is never undone by a restart.
create table work_calendar_seeded_years (
  year integer primary key,
  seeded_at timestamptz not null default now()
);

-- One row, bumped on every change: each server copy compares it to reload its in-memory calendar.
create table work_calendar_state (
  id integer primary key check (id = 1),
  version integer not null default 0
);
insert into work_calendar_state (id, version) values (1, 0);
