-- 一键移车 (G6): each request a citizen made to have a car moved, kept for the harassment limits (per requester and
-- per plate, counted under an advisory lock of the plate) and for the requester's own list. The owner's phone is
-- never stored here: the traffic department gives it for the one SMS and it is forgotten.
create table move_car_requests (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  -- HMAC blind index of the normalised plate (FieldCipher.blindIndex, purpose 'plate'): counts per plate.
  plate_index text not null,
  plate_masked text not null,
  plate_encrypted text not null,
  contact_phone_encrypted text not null,
  contact_phone_masked text not null,
  place_encrypted text not null,
  reason text not null check (reason in ('blocking', 'parking-space', 'doors-windows', 'lights', 'other')),
  city_code text not null check (city_code ~ '^[0-9]{6}$'),
  -- sent: the owner was sent the SMS; no-owner: the department knows no owner's phone for the plate.
  status text not null check (status in ('sent', 'no-owner', 'failed')),
  created_at timestamptz not null default now()
);
create index move_car_requests_plate_idx on move_car_requests (plate_index, created_at desc);
create index move_car_requests_account_idx on move_car_requests (account_id, created_at desc);
