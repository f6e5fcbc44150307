-- Sandbox department systems of education (apps/server/src/departments/education): the 教育厅 school
-- directory, the 佛山 中考 results (佛山市教育局), the 高考 records (广东省教育考试院) and the graduates'
-- 就业报到证 and archive dispatches (广东省高校毕业生就业指导中心), in one schema. Reached only through the
-- education connector; platform modules never query it. Passwords are kept as salted scrypt hashes.
create schema if not exists dept_jiaoyu;

-- Reference data, the same for every seed: about two thousand schools whatever the population.
create table dept_jiaoyu.schools (
  code text primary key check (code ~ '^[0-9]{10}$'),
  name text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  region_code text not null check (region_code ~ '^[0-9]{6}$'),
  district_name text not null,
  address text not null,
  stage text not null check (stage in ('kindergarten', 'primary', 'junior', 'senior')),
  ownership text not null check (ownership in ('public', 'private')),
  phone text not null
);
-- searchSchools filters by city, district, stage and type, then orders by code; a name is matched as a
-- substring within what the filters leave (a city has at most a few hundred schools).
create index schools_city_idx on dept_jiaoyu.schools (city_code, region_code, stage, code);
create index schools_stage_idx on dept_jiaoyu.schools (stage, code);

create table dept_jiaoyu.zhongkao_candidates (
  ticket_number text primary key check (ticket_number ~ '^[0-9]{14}$'),
  person_id uuid not null,
  id_number text not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  exam_year integer not null check (exam_year between 2000 and 2100),
  school_code text not null references dept_jiaoyu.schools (code),
  password_hash text not null,
  -- [{subject, score, fullMarks}] in the order the results slip prints them
  scores jsonb not null,
  total integer not null check (total >= 0),
  updated_at timestamptz not null
);

create table dept_jiaoyu.gaokao_candidates (
  -- 考生号
  candidate_number text primary key check (candidate_number ~ '^[0-9]{14}$'),
  -- 准考证号
  ticket_number text not null unique check (ticket_number ~ '^[0-9]{14}$'),
  person_id uuid not null,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  exam_year integer not null check (exam_year between 2000 and 2100),
  track text not null check (track in ('physics', 'history', 'science', 'arts')),
  subjects jsonb not null,
  exam_centre_code text not null references dept_jiaoyu.schools (code),
  password_hash text not null,
  -- null until the scores are published
  scores jsonb,
  total integer check (total >= 0),
  admission_status text not null check (admission_status in ('admitted', 'not-admitted', 'pending')),
  admission_institution text,
  admission_major text,
  admission_level text check (admission_level in ('undergraduate', 'vocational')),
  updated_at timestamptz not null,
  unique (id_number, exam_year)
);
-- gaokaoByIdNumber: the unique (id_number, exam_year) index serves it.

create table dept_jiaoyu.graduates (
  -- 报到证编号
  certificate_number text primary key check (certificate_number ~ '^[0-9]{17}$'),
  person_id uuid not null,
  id_number text not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  graduation_year integer not null check (graduation_year between 2006 and 2016),
  institution text not null,
  authority text not null,
  major text not null,
  level text not null check (level in ('vocational', 'undergraduate', 'master', 'doctor')),
  report_to text not null,
  report_to_uscc text,
  archive_destination text not null check (archive_destination in ('employer', 'talent-market', 'origin')),
  archive_receiver text not null,
  archive_address text not null,
  archive_sent_on date not null,
  archive_method text not null check (archive_method in ('confidential-mail', 'courier')),
  archive_tracking_number text,
  archive_received_on date not null,
  updated_at timestamptz not null
);
