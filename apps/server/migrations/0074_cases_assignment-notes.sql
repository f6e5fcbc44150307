-- 办件分派 and 内部备注 (docs/cases.md "分派 and 内部备注"): a department's review office hands cases to individual
-- reviewers, and reviewers leave notes for each other. Neither is part of the case's event log (case_events): that
-- log is what the status, the citizen's timeline, the 消息 and the event seq are derived from, and the citizen never
-- sees who in the office handles the case. Both are staff-only tables of their own.

-- The cache of the current 办理人 (null: 待分派), written in the same transaction as each assignment change, as
-- cases.status is for the events. cases.version now counts the events and the assignment changes: the console
-- acts on the version it saw, so an action or a change on a case re-assigned meanwhile is refused CASE_CHANGED.
alter table cases
  add column assignee_staff_id uuid references staff_accounts (id),
  add column assigned_at timestamptz,
  add constraint cases_assigned_at_with_assignee check ((assignee_staff_id is null) = (assigned_at is null));

-- The queue's 我的 filter.
create index cases_assignee_idx on cases (assignee_staff_id, submitted_at) where assignee_staff_id is not null;

-- The log of assignment changes: 认领 (claim: to oneself), 分派 (assign: to another reviewer in reach), 退回待分派
-- (release). Append-only like case_events; (case_id, seq) the primary key.
create table case_assignments (
  case_id uuid not null references cases (id) on delete cascade,
  seq integer not null check (seq >= 1),
  change text not null check (change in ('claim', 'assign', 'release')),
  -- Who holds the case after the change (null after a release) and who held it before.
  assignee_staff_id uuid references staff_accounts (id),
  previous_staff_id uuid references staff_accounts (id),
  actor_staff_id uuid not null references staff_accounts (id),
  -- cases.version after this change.
  version integer not null check (version >= 1),
  created_at timestamptz not null default now(),
  primary key (case_id, seq),
  check ((change = 'release') = (assignee_staff_id is null)),
  check (change <> 'claim' or assignee_staff_id = actor_staff_id)
);

create function case_assignments_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_assignments is append-only';
end;
$$;
create trigger case_assignments_no_update before update on case_assignments
  for each row execute function case_assignments_append_only();

-- 内部备注: what reviewers write about a case for each other, never shown to the citizen. Trimmed, 1 to 1000
-- characters (checked by the contract); kept as written (no edit, no delete: the notes are part of the office's
-- record). Encrypted like the form (FieldCipher, bound to the note's id): free text may hold a phone or ID number.
create table case_notes (
  id uuid primary key,
  case_id uuid not null references cases (id) on delete cascade,
  author_staff_id uuid not null references staff_accounts (id),
  body_encrypted text not null,
  created_at timestamptz not null default now()
);
create index case_notes_case_idx on case_notes (case_id, created_at, id);

create function case_notes_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_notes is append-only';
end;
$$;
create trigger case_notes_no_update before update on case_notes
  for each row execute function case_notes_append_only();
