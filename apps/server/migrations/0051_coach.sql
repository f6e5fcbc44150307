-- 长途车 (D1). Two owners in one file: the sandbox coach ticketing system (schema dept_coach, reached only through
-- the coach connector, apps/server/src/departments/coach) and the platform's coach module (coach_* tables: the
-- citizen's orders and e-tickets, the QR signing key, the stations of verifier organisations).

-- ---- the sandbox ticketing system (省道路客运联网售票系统) ----
create schema if not exists dept_coach;

-- A departure of the computed timetable, made a row when seats are first held on it: holds lock this row.
create table dept_coach.departures (
  id text primary key check (id ~ '^[0-9]{8}-[A-Z]{2}[0-9]{2}-[A-Z]{2}[0-9]{2}-[0-9]{4}$'),
  station_id text not null check (station_id ~ '^[A-Z]{2}[0-9]{2}$'),
  departs_at timestamptz not null,
  seats integer not null check (seats between 1 and 60),
  price_fen integer not null check (price_fen > 0),
  created_at timestamptz not null
);

create table dept_coach.holds (
  id uuid primary key,
  departure_id text not null references dept_coach.departures (id),
  seat_count integer not null check (seat_count between 1 and 5),
  status text not null check (status in ('held', 'issued', 'released')),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  issued_at timestamptz,
  check ((status = 'issued') = (issued_at is not null))
);
create index dept_coach_holds_departure_idx on dept_coach.holds (departure_id, status);

-- A taken seat (held until the hold lapses, or ticketed until refunded): the primary key is what makes a seat
-- impossible to sell twice, whatever the code does.
create table dept_coach.seats (
  departure_id text not null references dept_coach.departures (id),
  seat_no integer not null check (seat_no between 1 and 60),
  hold_id uuid not null references dept_coach.holds (id),
  primary key (departure_id, seat_no)
);
create index dept_coach_seats_hold_idx on dept_coach.seats (hold_id);

create table dept_coach.tickets (
  ticket_number text primary key check (ticket_number ~ '^T[0-9]{16}$'),
  hold_id uuid not null references dept_coach.holds (id),
  departure_id text not null references dept_coach.departures (id),
  seat_no integer not null check (seat_no between 1 and 60),
  passenger_name text not null,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  price_fen integer not null check (price_fen > 0),
  status text not null check (status in ('issued', 'checked', 'boarded', 'refunded')),
  refund_fee_fen integer check (refund_fee_fen >= 0),
  refunded_fen integer check (refunded_fen >= 0),
  refunded_at timestamptz,
  checked_at timestamptz,
  boarded_at timestamptz,
  issued_at timestamptz not null,
  unique (hold_id, seat_no),
  check ((status = 'refunded') = (refunded_at is not null)),
  check (refund_fee_fen + refunded_fen = price_fen)
);

-- ---- the platform's coach module ----

create table coach_orders (
  id uuid primary key,
  -- 订单号: C + yyyymmddHHMM (China time) + 6 random digits
  order_number text not null unique check (order_number ~ '^C[0-9]{18}$'),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  -- Chosen by the app once per attempt: a repeat finds the first order.
  submission_id uuid not null,
  departure_id text not null check (length(departure_id) between 1 and 80),
  -- The departure as the ticketing system answered at ordering (shown when the system cannot be asked).
  departure jsonb not null,
  from_city_code text not null check (from_city_code ~ '^[0-9]{6}$'),
  -- The ticketing system's hold of the seats, and the payment order (payments module) that pays for them.
  hold_id uuid not null unique,
  payment_id uuid not null unique,
  total_fen integer not null check (total_fen > 0),
  status text not null check (status in ('awaiting_payment', 'paid', 'closed', 'failed')),
  failure_note text check (length(failure_note) <= 200),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  paid_at timestamptz,
  closed_at timestamptz,
  unique (account_id, submission_id)
);
create index coach_orders_account_idx on coach_orders (account_id, created_at desc);

create table coach_tickets (
  id uuid primary key,
  order_id uuid not null references coach_orders (id) on delete cascade,
  position smallint not null check (position between 1 and 5),
  seat text not null check (seat ~ '^[0-9]{2}$'),
  -- The passenger as typed by the buyer: encrypted (FieldCipher), with the masked copies that are shown.
  passenger_name_encrypted text not null,
  passenger_name_masked text not null,
  passenger_id_number_encrypted text not null,
  passenger_id_number_masked text not null,
  price_fen integer not null check (price_fen > 0),
  -- 票号, once the ticketing system issued the ticket.
  ticket_number text unique check (ticket_number ~ '^T[0-9]{16}$'),
  status text not null check (status in ('unpaid', 'issued', 'checked', 'boarded', 'refunded', 'void')),
  refund_fee_fen integer check (refund_fee_fen >= 0),
  refunded_fen integer check (refunded_fen >= 0),
  refunded_at timestamptz,
  checked_at timestamptz,
  boarded_at timestamptz,
  unique (order_id, position),
  check ((status = 'refunded') = (refunded_at is not null)),
  check (status in ('unpaid', 'void') or ticket_number is not null)
);

-- The e-ticket QR's ES256 key: private key encrypted with the data key; the public keys are the JWKS at
-- GET /api/v1/coach/ticket-keys. One current key (the partial unique index), retired ones stay published.
create table coach_ticket_keys (
  kid text primary key,
  public_jwk jsonb not null,
  private_jwk_encrypted text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
create unique index coach_ticket_keys_current on coach_ticket_keys ((true)) where retired_at is null;

-- Which station of the ticketing system a verifier organisation of kind coach-station is (its 验票 and 上车 happen
-- there). The demo's are seeded; a real deployment's operator writes them.
create table coach_station_links (
  organisation_id uuid primary key references verifier_organisations (id) on delete cascade,
  station_id text not null check (station_id ~ '^[A-Z]{2}[0-9]{2}$')
);
