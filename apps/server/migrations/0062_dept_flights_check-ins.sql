-- 航班在线值机 (D5): the sandbox civil-aviation system (机场集团 / airlines, schema dept_flights, reached only through
-- the flights connector, apps/server/src/departments/flights). The schedule, the airports and the demo people's
-- bookings are code (computed per flight and date); what changes is stored here: the check-ins and the airline's
-- boarding-pass signing key. The platform keeps nothing of a flight or a booking.
create schema if not exists dept_flights;

-- A check-in of a passenger's ticket on one flight (one segment). Cancelled check-ins stay (status 'cancelled').
create table dept_flights.check_ins (
  id uuid primary key,
  ticket_number text not null check (ticket_number ~ '^[0-9]{3}-[0-9]{10}$'),
  -- `${flightNo}-${date}`
  flight_id text not null check (flight_id ~ '^[A-Z0-9]{2}[0-9]{3,4}-[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  seat text not null check (seat ~ '^[0-9]{1,2}[A-K]$'),
  sequence integer not null check (sequence > 0),
  status text not null check (status in ('checked-in', 'cancelled')),
  checked_in_at timestamptz not null,
  cancelled_at timestamptz,
  check ((status = 'cancelled') = (cancelled_at is not null))
);
-- One live check-in per passenger and segment, and one passenger per seat: the indexes decide a race, whatever
-- the code does (the second of two check-ins for the same seat is refused by the database).
create unique index dept_flights_check_ins_ticket_uq on dept_flights.check_ins (ticket_number, flight_id)
  where status = 'checked-in';
create unique index dept_flights_check_ins_seat_uq on dept_flights.check_ins (flight_id, seat)
  where status = 'checked-in';

-- The airline's ES256 key for boarding passes (the sandbox airline's own system: one key, made at first use).
create table dept_flights.signing_keys (
  kid text primary key,
  public_jwk jsonb not null,
  private_jwk jsonb not null,
  only_one boolean not null default true unique check (only_one),
  created_at timestamptz not null default now()
);
