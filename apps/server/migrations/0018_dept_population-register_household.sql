-- The population register's household services (户政业务) in its own schema dept_gongan: ID-card
-- applications (身份证办理进度), household-registration approvals (户政审批), residence registration
-- (居住登记) and residence permits (居住证). Keyed by ID number like a department's own system: an ID
-- card may be handled in Guangdong for a person registered elsewhere, who has no row in people.

create table dept_gongan.id_card_applications (
  application_id uuid primary key,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  kind text not null check (kind in ('first-issue', 'renewal', 'replacement', 'reissue')),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  office text not null,
  accepted_on date not null,
  fee numeric(6, 2) not null check (fee >= 0),
  collection text not null check (collection in ('counter', 'mail')),
  -- The last step reached; progress holds every step [{step, on}] in order.
  status text not null,
  progress jsonb not null,
  updated_at timestamptz not null
);

create index id_card_applications_id_number_idx on dept_gongan.id_card_applications (id_number, accepted_on desc);

create table dept_gongan.household_approvals (
  approval_id uuid primary key,
  number text not null,
  kind text not null check (kind in ('birth', 'move-in', 'move-within', 'restore-elsewhere', 'cancellation', 'restore',
    'change', 'non-agri-to-agri')),
  subject_id_number text not null check (subject_id_number ~ '^[0-9]{17}[0-9X]$'),
  subject_name text not null,
  -- Who applied (a parent for a birth, a relative for a death); null when the station acted itself.
  applicant_id_number text check (applicant_id_number ~ '^[0-9]{17}[0-9X]$'),
  applicant_name text,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  authority text not null,
  channel text not null check (channel in ('online', 'counter')),
  submitted_on date not null,
  status text not null check (status in ('pending', 'approved', 'rejected')),
  decided_on date,
  progress jsonb not null,
  updated_at timestamptz not null,
  check ((status = 'pending') = (decided_on is null))
);

create index household_approvals_subject_idx on dept_gongan.household_approvals (subject_id_number);
create index household_approvals_applicant_idx on dept_gongan.household_approvals (applicant_id_number)
  where applicant_id_number is not null;

create table dept_gongan.residence_registrations (
  registration_id uuid primary key,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  address text not null,
  declared_on date not null,
  channel text not null check (channel in ('online', 'counter')),
  status text not null check (status in ('pending', 'approved', 'rejected')),
  approved_on date,
  updated_at timestamptz not null,
  check ((status = 'approved') = (approved_on is not null))
);

create index residence_registrations_id_number_idx on dept_gongan.residence_registrations (id_number);

create table dept_gongan.residence_permits (
  permit_id uuid primary key,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  kind text not null check (kind in ('guangdong', 'hk-macao-taiwan')),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  issued_by text not null,
  address text not null,
  applied_on date not null,
  accepted_on date not null check (accepted_on >= applied_on),
  -- null while the permit is being made
  issued_on date check (issued_on >= accepted_on),
  valid_until date,
  -- The days of the yearly 签注, oldest first (jsonb array of 'YYYY-MM-DD').
  endorsements jsonb not null default '[]',
  progress jsonb not null,
  updated_at timestamptz not null,
  check ((issued_on is null) = (valid_until is null))
);

create index residence_permits_id_number_idx on dept_gongan.residence_permits (id_number);
