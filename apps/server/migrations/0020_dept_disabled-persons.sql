-- Sandbox department system: the disabled persons' federation (残联). Its own schema; reached only
-- through the disabled-persons connector (apps/server/src/departments/disabled-persons).
create schema if not exists dept_canlian;

-- 残疾人证 (third generation): the number is the ID number + category digit + grade digit. One current
-- card per person.
create table dept_canlian.certificates (
  certificate_number text primary key check (certificate_number ~ '^[0-9]{17}[0-9X][1-7][1-4]$'),
  id_number text not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  category integer not null check (category between 1 and 7),
  grade integer not null check (grade between 1 and 4),
  first_issued_on date not null,
  issued_on date not null check (issued_on >= first_issued_on),
  valid_until date not null check (valid_until > issued_on),
  issued_by text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  status text not null check (status in ('valid', 'expired', 'cancelled')),
  updated_at timestamptz not null,
  check (left(certificate_number, 18) = id_number)
);

create table dept_canlian.subsidies (
  subsidy_id uuid primary key,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  kind text not null check (kind in ('living', 'care')),
  monthly_amount numeric(8, 2) not null check (monthly_amount >= 0),
  since_month text not null check (since_month ~ '^[0-9]{4}-[0-9]{2}$'),
  status text not null check (status in ('receiving', 'stopped')),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  updated_at timestamptz not null
);

create index subsidies_id_number_idx on dept_canlian.subsidies (id_number);

-- Applications (残疾人证, 等级变更, 补贴): subject = whom it is about; applicant = who applied (the subject,
-- or someone acting for them: 为他人办理).
create table dept_canlian.applications (
  application_id uuid primary key,
  kind text not null check (kind in ('certificate-new', 'certificate-reissue', 'certificate-renewal', 'grade-change',
    'living-subsidy', 'care-subsidy')),
  subject_id_number text not null check (subject_id_number ~ '^[0-9]{17}[0-9X]$'),
  subject_name text not null,
  applicant_id_number text not null check (applicant_id_number ~ '^[0-9]{17}[0-9X]$'),
  applicant_name text not null,
  submitted_on date not null,
  status text not null check (status in ('processing', 'completed', 'rejected')),
  progress jsonb not null,
  updated_at timestamptz not null
);

create index applications_subject_idx on dept_canlian.applications (subject_id_number);
create index applications_applicant_idx on dept_canlian.applications (applicant_id_number);
