-- Sandbox department system: 不动产登记 (real estate registration, 广东省自然资源厅 and the cities' registration
-- centres). Its own schema, reached only through the real-estate connector
-- (apps/server/src/departments/real-estate). Floor areas are integer hundredths of a square metre; money is fen.
create schema if not exists dept_real_estate;

-- Titles: 不动产权证书 (since unified registration, 2016 in Guangdong) or an older 房地产权证 still in force.
create table dept_real_estate.titles (
  certificate_number text primary key,
  -- 不动产单元号 (28 characters): district, cadastral zone and subzone, parcel, building unit.
  unit_number text not null unique check (unit_number ~ '^44[0-9]{10}[A-Z]{2}[0-9]{5}F[0-9]{8}$'),
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  region_code text not null check (region_code ~ '^44[0-9]{4}$'),
  location text not null,
  use text not null check (use in ('住宅', '车位', '商业')),
  floor_area_cm2 integer not null check (floor_area_cm2 > 0),
  land_use_until date not null,
  registered_on date not null,
  registration_type text not null,
  share_kind text not null check (share_kind in ('单独所有', '共同共有', '按份共有')),
  updated_at timestamptz not null
);

create table dept_real_estate.title_holders (
  certificate_number text not null references dept_real_estate.titles (certificate_number) on delete cascade,
  id_number text not null,
  name text not null,
  primary key (certificate_number, id_number)
);

create index title_holders_person_idx on dept_real_estate.title_holders (id_number);

-- 不动产登记证明: a mortgage (抵押权, held by the lender; the owners are the obligors) or an off-plan purchase's
-- pre-registration (预告登记, held by the buyers).
create table dept_real_estate.proofs (
  proof_number text primary key,
  kind text not null check (kind in ('mortgage', 'pre-sale')),
  unit_number text not null,
  location text not null,
  -- mortgage: the lender; pre-sale: the developer (the seller, obligor of the pre-registration).
  counterparty text not null,
  amount_fen bigint,
  term_from date,
  term_to date,
  registered_on date not null,
  status text not null check (status in ('现势', '注销')),
  cancelled_on date,
  updated_at timestamptz not null
);

create index proofs_unit_idx on dept_real_estate.proofs (unit_number);

create table dept_real_estate.proof_parties (
  proof_number text not null references dept_real_estate.proofs (proof_number) on delete cascade,
  id_number text not null,
  -- right-holder (预告登记 buyer) or obligor (抵押人: the owner).
  role text not null check (role in ('right-holder', 'obligor')),
  primary key (proof_number, id_number)
);

create index proof_parties_person_idx on dept_real_estate.proof_parties (id_number);

-- Applications in progress or done (办理进度): only the registration centres of 肇庆 and 茂名 report them.
create table dept_real_estate.applications (
  application_number text primary key,
  city_code text not null,
  kind text not null,
  location text not null,
  submitted_on date not null,
  -- The date each step was reached, in order (受理, 审核, 登簿, 缮证, 发证): as many as have been reached.
  step_dates date[] not null,
  updated_at timestamptz not null
);

create table dept_real_estate.applicants (
  application_number text not null references dept_real_estate.applications (application_number) on delete cascade,
  id_number text not null,
  primary key (application_number, id_number)
);

create index applicants_person_idx on dept_real_estate.applicants (id_number);

-- 权证附图 (title plat maps): only 阳江 publishes them. Coordinates in metres, local to the parcel.
create table dept_real_estate.plat_maps (
  certificate_number text primary key references dept_real_estate.titles (certificate_number) on delete cascade,
  parcel_code text not null,
  parcel_area_cm2 integer not null,
  parcel jsonb not null,
  building jsonb not null,
  boundaries text not null,
  surveyed_on date not null
);
