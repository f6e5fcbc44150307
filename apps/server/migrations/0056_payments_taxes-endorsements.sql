-- 车船税缴款 (D4) and 港澳台通行证签注 (D6) paid through the payments module: their purposes, the
-- receipt a fulfiller hands back (完税凭证号码, 签注受理号), and each module's own row per payment order.
alter table payment_orders drop constraint payment_orders_purpose_check;
alter table payment_orders add constraint payment_orders_purpose_check
  check (purpose in ('utility-bill', 'coach-tickets', 'vehicle-tax', 'endorsement-fee'));
-- What the department answered once done (label/value lines, JSON encrypted bound to the order id).
alter table payment_orders add column receipt_encrypted text;

-- ---- 车船税: the tax item each payment order pays ----
create table tax_payments (
  id uuid primary key,
  -- The payment order (its purpose_ref is this row's id).
  payment_order_id uuid not null unique references payment_orders (id),
  account_id uuid not null references identity_accounts (id),
  submission_id uuid not null,
  kind text not null check (kind in ('vehicle-tax')),
  -- 车牌号码: someone else's vehicle may be paid for (他人清缴), so encrypted,
  -- with a keyed index of kind + vehicle + year to find the other payments of the same item.
  vehicle_encrypted text not null,
  item_index text not null,
  -- The owner's and the payer's ID numbers, as the tax department needs them (encrypted).
  owner_id_encrypted text not null,
  payer_id_encrypted text not null,
  tax_year integer check (tax_year between 2000 and 2100),
  amount_fen integer not null check (amount_fen > 0),
  -- The tax department's answer once paid: 完税凭证号码 and its date.
  certificate_number text check (length(certificate_number) <= 40),
  department_paid_on text check (department_paid_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  created_at timestamptz not null default now(),
  unique (account_id, submission_id)
);
create index tax_payments_item_idx on tax_payments (item_index);

-- ---- 港澳通行证再次签注 / 台湾通行证签注: the endorsement each payment order pays for ----
create table endorsement_applications (
  id uuid primary key,
  payment_order_id uuid not null unique references payment_orders (id),
  account_id uuid not null references identity_accounts (id),
  submission_id uuid not null,
  service_id text not null check (service_id in ('gangao-zaici-qianzhu', 'taiwan-qianzhu')),
  -- The permit number and the holder's ID number (encrypted), with a keyed index of permit + destination to find
  -- the other applications for the same endorsement.
  document_encrypted text not null,
  item_index text not null,
  id_number_encrypted text not null,
  destination text not null check (destination in ('hong-kong', 'macao', 'taiwan')),
  kind text not null check (kind in ('tourism-individual', 'tourism-group', 'visiting-relatives', 'business')),
  trips text not null check (trips in ('once', 'twice', 'multiple')),
  fee_fen integer not null check (fee_fen > 0),
  -- The exit-entry system's endorsement once it took the application.
  endorsement_id uuid,
  created_at timestamptz not null default now(),
  unique (account_id, submission_id)
);
create index endorsement_applications_item_idx on endorsement_applications (item_index);
