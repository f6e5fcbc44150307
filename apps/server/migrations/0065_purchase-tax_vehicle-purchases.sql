-- 车辆购置税 (D4): the tax department's new-vehicle purchases (sandbox), the payment purpose, and the platform's
-- own row per payment order.

-- ---- sandbox: 国家税务总局广东省税务局 ----
-- One row per 机动车销售统一发票 (a new vehicle bought); its 车辆购置税 unpaid until declared and paid.
create table dept_tax.vehicle_purchases (
  invoice_code text not null check (invoice_code ~ '^[0-9]{10,12}$'),
  invoice_number text not null check (invoice_number ~ '^[0-9]{8}$'),
  buyer_id_number text not null references dept_tax.taxpayers (id_number) on delete cascade,
  issued_on date not null,
  seller_uscc text not null,
  seller_name text not null,
  -- 价税合计 (fen)
  total_fen bigint not null check (total_fen > 0),
  -- 车辆识别代号 (17 characters, no I, O or Q)
  vin text not null unique check (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
  model text not null,
  vehicle_kind text not null check (vehicle_kind in ('fuel', 'new-energy')),
  status text not null check (status in ('unpaid', 'paid')),
  paid_on date,
  paid_fen bigint check (paid_fen >= 0),
  late_fee_fen bigint check (late_fee_fen >= 0),
  -- The payer's payment reference (a retried payment is the same payment) and the 完税证明 number.
  payment_reference text unique,
  certificate_number text unique,
  primary key (invoice_code, invoice_number),
  check ((status = 'paid') = (paid_on is not null and certificate_number is not null))
);
create index vehicle_purchases_buyer_idx on dept_tax.vehicle_purchases (buyer_id_number);

-- ---- platform: the purpose and the purchase each payment order pays ----
alter table payment_orders drop constraint payment_orders_purpose_check;
alter table payment_orders add constraint payment_orders_purpose_check
  check (purpose in ('utility-bill', 'coach-tickets', 'vehicle-tax', 'endorsement-fee', 'vehicle-purchase-tax'));

create table purchase_tax_payments (
  id uuid primary key,
  payment_order_id uuid not null unique references payment_orders (id),
  account_id uuid not null references identity_accounts (id),
  submission_id uuid not null,
  -- 发票代码:发票号码 (encrypted) with a keyed index to find the other payments of the same purchase.
  invoice_encrypted text not null,
  item_index text not null,
  -- The buyer's (= the payer's) ID number, as the tax department needs it (encrypted).
  id_number_encrypted text not null,
  amount_fen integer not null check (amount_fen > 0),
  -- The tax department's answer once paid: 完税证明 number and its date.
  certificate_number text check (length(certificate_number) <= 40),
  department_paid_on text check (department_paid_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  created_at timestamptz not null default now(),
  unique (account_id, submission_id)
);
create index purchase_tax_payments_item_idx on purchase_tax_payments (item_index);
