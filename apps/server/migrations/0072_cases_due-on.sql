-- 承诺办结时限 (docs/cases.md "办结时限"): at 受理, a case whose form gives the service's promised working days gets
-- its due date — the working-day calendar's n-th working day after the accept day (China time). A 补正 pauses the
-- clock: the next 受理 computes it again from that day. Written in the same transaction as the accept event.
-- 'YYYY-MM-DD' text (not date: drivers would parse a date in the server's zone); such strings compare as dates.
alter table cases
  add column promised_working_days integer check (promised_working_days > 0),
  add column due_on text check (due_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  add constraint cases_due_on_with_days check ((due_on is null) = (promised_working_days is null));

-- The queue's 已超期 filter: accepted cases by due date.
create index cases_accepted_due_on_idx on cases (due_on) where status = 'accepted' and due_on is not null;
