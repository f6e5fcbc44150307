-- Sandbox department system: the health commission (卫健): birth medical certificates (出生医学证明) of
-- births in Guangdong from 2014-01-01. Its own schema; reached only through the health connector
-- (apps/server/src/departments/health). Whether the e-licence exists follows from city and birth date
-- (computed on read, the guide's rule), so it is not stored.
create schema if not exists dept_weijian;

create table dept_weijian.birth_certificates (
  certificate_number text primary key check (certificate_number ~ '^[A-Z][0-9]{9}$'),
  -- Filled in once the child is registered (出生登记); the certificate comes first.
  child_id_number text check (child_id_number ~ '^[0-9]{17}[0-9X]$'),
  child_name text not null,
  child_sex text not null check (child_sex in ('male', 'female')),
  birth_date date not null check (birth_date >= date '2014-01-01'),
  birth_time text not null check (birth_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  hospital text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  weight_grams integer not null check (weight_grams between 400 and 6500),
  length_cm integer not null check (length_cm between 25 and 65),
  gestation_weeks integer not null check (gestation_weeks between 22 and 44),
  mother_id_number text not null check (mother_id_number ~ '^[0-9]{17}[0-9X]$'),
  mother_name text not null,
  father_id_number text check (father_id_number ~ '^[0-9]{17}[0-9X]$'),
  father_name text,
  issued_on date not null check (issued_on >= birth_date),
  updated_at timestamptz not null
);

create index birth_certificates_child_idx on dept_weijian.birth_certificates (child_id_number)
  where child_id_number is not null;
create index birth_certificates_mother_idx on dept_weijian.birth_certificates (mother_id_number);
create index birth_certificates_father_idx on dept_weijian.birth_certificates (father_id_number)
  where father_id_number is not null;
