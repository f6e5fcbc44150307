-- 行程订阅 (智慧出行, D5): the citizen's saved trips. Account-scoped; no personal data of anyone (cities, a date, a
-- mode, a train or flight number). Trips dated before today (China) are deleted when the owner next lists or saves.
create table travel_trips (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  from_city text not null,
  to_city text not null,
  trip_date date not null,
  mode text not null check (mode in ('drive', 'rail', 'flight', 'coach')),
  train_number text,
  flight_number text,
  created_at timestamptz not null default now()
);
create index travel_trips_account_idx on travel_trips (account_id, trip_date, created_at);
