-- Sandbox department system: the volunteer registry (广东志愿者 / “i志愿”, 广东省志愿者联合会). Its own schema;
-- reached only through the volunteers connector (apps/server/src/departments/volunteers).
create schema if not exists dept_zhiyuan;

-- One registration per person (中国注册志愿者). The star level is derived from service_hours by the sandbox
-- (volunteers/codes.ts), never stored, so it cannot disagree with the hours.
create table dept_zhiyuan.volunteers (
  volunteer_number text primary key check (volunteer_number ~ '^44[0-9]{14}$'),
  id_number text not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
  name text not null,
  registered_on date not null,
  organisation text not null,
  city_code text not null check (city_code ~ '^44[0-9]{4}$'),
  service_hours numeric(8, 1) not null check (service_hours >= 0),
  last_service_on date check (last_service_on >= registered_on),
  status text not null check (status in ('normal', 'cancelled')),
  cancelled_on date check (cancelled_on >= registered_on),
  updated_at timestamptz not null,
  check ((status = 'cancelled') = (cancelled_on is not null)),
  check (left(volunteer_number, 4) = left(city_code, 4))
);
