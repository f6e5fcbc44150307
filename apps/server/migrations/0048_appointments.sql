-- Appointments module (预约 with quotas, 号源): a department's 号源管理员 publishes time slots at a service point
-- (a place, a local date, a time window, how many people it takes); citizens book one place, see it and cancel it.
-- Times are China time (UTC+8): starts_at/ends_at are the instants, local_date the date as the citizen reads it.

create table appointment_slots (
  id uuid primary key default gen_random_uuid(),
  service_id text not null check (length(service_id) between 1 and 80),
  city_code text not null check (city_code ~ '^[0-9]{6}$'),
  -- The 办理部门 at publication (from the catalog): the console's scope (grants are department + city).
  department_id text not null check (length(department_id) between 1 and 80),
  place text not null check (length(place) between 1 and 60),
  address text not null check (length(address) between 1 and 120),
  local_date date not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity integer not null check (capacity between 1 and 500),
  -- Live bookings. Taken with `booked = booked + 1 … where booked < capacity` in the booking's transaction; the
  -- check is the last line of defence against overbooking whatever the code does.
  booked integer not null default 0 check (booked >= 0 and booked <= capacity),
  cancelled_at timestamptz,
  cancel_reason text check (length(cancel_reason) <= 200),
  -- Who published it (null: the demo seed).
  created_by uuid references staff_accounts (id),
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((cancelled_at is null) = (cancel_reason is null))
);
-- Citizens' list (a service's slots in a city by start) and the console's (by local date).
create index appointment_slots_service_idx on appointment_slots (service_id, city_code, starts_at);
create index appointment_slots_day_idx on appointment_slots (service_id, city_code, local_date);

create table appointments (
  id uuid primary key,
  -- 预约号: yyyymmdd (China time, day of booking) + city code + 6 random digits; shown at the counter.
  appointment_number text not null unique check (appointment_number ~ '^[0-9]{20}$'),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  -- Chosen by the app once per booking attempt: a repeat finds the first booking.
  submission_id uuid not null,
  slot_id uuid not null references appointment_slots (id),
  -- Copied from the slot: "one live booking per account and service" looks it up without a join.
  service_id text not null check (length(service_id) between 1 and 80),
  status text not null check (status in ('booked', 'cancelled', 'slot_cancelled')),
  -- The applicant as the register knew them at booking: encrypted, with the masked copies shown to staff.
  applicant_name_encrypted text not null,
  applicant_name_masked text not null,
  applicant_id_number_encrypted text not null,
  applicant_id_number_masked text not null,
  cancel_reason text check (length(cancel_reason) <= 200),
  booked_at timestamptz not null,
  cancelled_at timestamptz,
  check ((status = 'booked') = (cancelled_at is null)),
  unique (account_id, submission_id)
);
create index appointments_account_idx on appointments (account_id, service_id, status);
create index appointments_slot_idx on appointments (slot_id, status);

-- 消息: the citizen hears of their booking, their cancellation and a slot the department stopped.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('credit-change', 'wallet-status', 'case-update', 'appointment-update'));
