-- 预约签到, 未到 and 改约 (docs/appointments.md).
--
-- 签到 (check-in at the counter): a staff member of the slot's department and city scans the citizen's 预约码 or types
-- the 预约号; the booking becomes checked_in with the time and who checked it in.
-- 未到 (no-show): a job marks bookings still booked after their slot ended as no_show. Repeated no-shows of a person
-- at one department stop their new bookings there for a while (the rule and its numbers are configuration).
-- 改约 (reschedule): the booking moves to another slot of the same service and city in one transaction (same id and
-- 预约号); each move is a row of appointment_reschedules, whose (account, submission id) makes a retry harmless.
alter table appointments drop constraint appointments_status_check;
alter table appointments add constraint appointments_status_check
  check (status in ('booked', 'checked_in', 'no_show', 'cancelled', 'slot_cancelled'));
-- Was (status = 'booked') = (cancelled_at is null): checked_in and no_show are not cancelled either.
alter table appointments drop constraint appointments_check;
alter table appointments add constraint appointments_cancelled_check
  check ((status in ('cancelled', 'slot_cancelled')) = (cancelled_at is not null));

alter table appointments add column checked_in_at timestamptz;
alter table appointments add column checked_in_by uuid references staff_accounts (id);
alter table appointments add constraint appointments_checked_in_check
  check ((status = 'checked_in') = (checked_in_at is not null) and (checked_in_by is null or checked_in_at is not null));
alter table appointments add column no_show_at timestamptz;
alter table appointments add constraint appointments_no_show_check check ((status = 'no_show') = (no_show_at is not null));
-- The last 改约 (null: never moved); the reminder of a moved booking is keyed by its slot so it goes out again.
alter table appointments add column rescheduled_at timestamptz;

-- The no-show job: bookings still booked, by their slot (the slot's end decides).
create index appointments_booked_slot_idx on appointments (slot_id) where status = 'booked';
-- The no-show rule: a person's recent no-shows (self bookings by account, bookings for others by principal).
create index appointments_no_show_account_idx on appointments (account_id, no_show_at) where status = 'no_show';
create index appointments_no_show_principal_idx on appointments (principal_person_id, no_show_at)
  where status = 'no_show' and principal_person_id is not null;

create table appointment_reschedules (
  id uuid primary key,
  appointment_id uuid not null references appointments (id) on delete cascade,
  -- The account that asked (the booking's account or its principal's): owns the submission id.
  account_id uuid not null references identity_accounts (id) on delete cascade,
  submission_id uuid not null,
  from_slot_id uuid not null references appointment_slots (id),
  to_slot_id uuid not null references appointment_slots (id),
  created_at timestamptz not null,
  check (from_slot_id <> to_slot_id),
  unique (account_id, submission_id)
);
create index appointment_reschedules_appointment_idx on appointment_reschedules (appointment_id, created_at);

-- The 预约码's signing key (ES256, the private JWK encrypted with the FieldCipher), as coach_ticket_keys.
create table appointment_pass_keys (
  kid text primary key,
  public_jwk jsonb not null,
  private_jwk_encrypted text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
create unique index appointment_pass_keys_current on appointment_pass_keys ((true)) where retired_at is null;
