-- Cases module (办件): applications a citizen submits online (e.g. 无犯罪记录证明) and department staff handle in
-- the console. A case is an append-only log of actions (case_events); its status is derived from that log by the
-- contract's workflow (packages/contracts/src/cases.ts) and only cached on the case row for the console's queue.

create table cases (
  id uuid primary key default gen_random_uuid(),
  -- 办件编号: yyyymmdd (China time) + city code + 6 random digits; what the citizen quotes at the counter.
  case_number text not null unique check (case_number ~ '^[0-9]{20}$'),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  -- Chosen by the app once per filled-in form: a repeated submission finds the first case.
  submission_id uuid not null,
  service_id text not null check (length(service_id) between 1 and 80),
  city_code text not null check (city_code ~ '^[0-9]{6}$'),
  -- The 办理部门 at submission (from the catalog): the console's scope (grants are department + city).
  department_id text not null check (length(department_id) between 1 and 80),
  -- The form's values as JSON, AES-256-GCM (FieldCipher, "v1.…"): they hold the applicant's address.
  form_encrypted text not null,
  -- The applicant as the register knew them at submission: encrypted, with the masked copies shown in lists.
  applicant_name_encrypted text not null,
  applicant_name_masked text not null,
  applicant_id_number_encrypted text not null,
  applicant_id_number_masked text not null,
  -- Cache of caseStatusOf(the events) and of their number, written in the same transaction as each event.
  status text not null check (
    status in ('submitted', 'supplement_requested', 'accepted', 'approved', 'completed', 'rejected', 'withdrawn')
  ),
  version integer not null check (version >= 1),
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, submission_id)
);
create index cases_account_idx on cases (account_id, submitted_at desc);
-- The console's queue: a department's cases in a city by status, oldest first.
create index cases_queue_idx on cases (department_id, city_code, status, submitted_at);

-- The log. (case_id, seq) is the primary key: of two writers appending the same seq, exactly one succeeds.
create table case_events (
  case_id uuid not null references cases (id) on delete cascade,
  seq integer not null check (seq >= 1),
  action text not null check (
    action in ('submit', 'withdraw', 'supplement', 'accept', 'request_supplement', 'approve', 'reject', 'complete')
  ),
  actor_kind text not null check (actor_kind in ('citizen', 'staff')),
  actor_account_id uuid,
  actor_staff_id uuid references staff_accounts (id),
  -- The reason or note given (补正原因, 不予办理原因, 撤回原因, 补正说明).
  note text check (length(note) <= 500),
  -- approve only: { place, hours } (领取地点、时间).
  collection jsonb,
  created_at timestamptz not null default now(),
  primary key (case_id, seq),
  check ((actor_kind = 'citizen') = (actor_account_id is not null)),
  check ((actor_kind = 'staff') = (actor_staff_id is not null))
);

-- Append-only: an event once written is never changed (a case's events go only with the case itself).
create function case_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_events is append-only';
end;
$$;
create trigger case_events_no_update before update on case_events
  for each row execute function case_events_append_only();

-- Uploaded materials (身份证照片 …). The database is the store, so backups include them; the bytes are
-- AES-256-GCM encrypted (FieldCipher.encryptBytes, bound to the row id). An upload belongs to its account and,
-- once part of a submission or a supplement, to that case (and one slot of the form).
create table case_attachments (
  id uuid primary key,
  account_id uuid not null references identity_accounts (id) on delete cascade,
  case_id uuid references cases (id) on delete cascade,
  slot text check (length(slot) between 1 and 40),
  -- The event (seq) whose submission or supplement added it.
  attached_seq integer,
  name text not null check (length(name) between 1 and 100),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
  size integer not null check (size between 1 and 5242880),
  content_encrypted bytea not null,
  uploaded_at timestamptz not null default now(),
  check ((case_id is null) = (slot is null) and (case_id is null) = (attached_seq is null))
);
create index case_attachments_case_idx on case_attachments (case_id, attached_seq, uploaded_at) where case_id is not null;
create index case_attachments_account_idx on case_attachments (account_id);
-- Uploads never submitted are swept after 24 hours (a cheap delete by this index, on upload).
create index case_attachments_unattached_idx on case_attachments (uploaded_at) where case_id is null;

-- 消息: the applicant hears of each step of their case.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('credit-change', 'wallet-status', 'case-update'));
