-- 支付 (payments): one payment order (支付订单) per thing a citizen pays for, paid at a payment provider's cashier
-- (收银台); the provider's signed notification or the platform's own query (主动查单) says paid; then the purpose's
-- fulfiller does the thing paid for (履约), or the money goes back (自动退款). Amounts are integer fen.
-- Three parts, each owned by its own code: the payments module (payment_*), the sandbox payment provider that
-- stands in for a real one (sandbox_pay_*: only connectors/payments/sandbox touches them), and 燃气缴费 (G1,
-- utility_payments: modules/utility-payments).

-- ---- payments module ----

create table payment_orders (
  id uuid primary key,
  -- 支付订单号: P + yyyymmdd (China time) + city code + 6 random digits; shown to the citizen and sent to the
  -- provider as the merchant's order number.
  order_number text not null unique check (order_number ~ '^P[0-9]{20}$'),
  account_id uuid not null references identity_accounts (id),
  purpose text not null check (purpose in ('utility-bill', 'coach-tickets')),
  -- The owning module's id of the thing paid for.
  purpose_ref text not null check (length(purpose_ref) between 1 and 200),
  city_code text not null check (city_code ~ '^[0-9]{6}$'),
  subject text not null check (length(subject) between 1 and 100),
  payee_name text not null check (length(payee_name) between 1 and 100),
  amount_fen integer not null check (amount_fen > 0 and amount_fen <= 100000000),
  -- The summary shown at the cashier ([{label, value}]): it may carry personal data (户号, masked names), so it is
  -- encrypted (FieldCipher, bound to the order id).
  lines_encrypted text not null,
  return_path text not null check (return_path ~ '^/[^/]' and length(return_path) <= 300),
  status text not null default 'pending'
    check (status in ('pending', 'paid', 'closed', 'refunded', 'partially_refunded')),
  fulfilment text not null default 'waiting' check (fulfilment in ('waiting', 'processing', 'done', 'failed')),
  fulfilment_note text check (length(fulfilment_note) <= 300),
  -- The provider (PAYMENT_PROVIDER) and what it said.
  provider text not null check (length(provider) between 1 and 40),
  channel text check (channel in ('sandbox-wallet', 'sandbox-card')),
  provider_payment_id text check (length(provider_payment_id) <= 100),
  checkout_url text check (length(checkout_url) <= 500),
  started_at timestamptz,
  -- 交易流水号
  provider_transaction_id text check (length(provider_transaction_id) <= 100),
  paid_at timestamptz,
  closed_at timestamptz,
  close_reason text check (length(close_reason) <= 200),
  -- Refunds the provider confirmed (payment_refunds with status succeeded).
  refunded_fen integer not null default 0 check (refunded_fen >= 0 and refunded_fen <= amount_fen),
  expires_at timestamptz not null,
  -- Fulfilment bookkeeping: a runner claims the order until claimed_until (one runner at a time); a fulfiller
  -- that threw is tried again at fulfilment_next_at.
  fulfilment_attempts integer not null default 0,
  fulfilment_next_at timestamptz,
  fulfilment_claimed_until timestamptz,
  -- The fulfiller's `closed` hook ran (it runs once per closed order).
  closed_hook_done boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (purpose, purpose_ref),
  unique (provider, provider_payment_id),
  check ((provider_payment_id is null) = (started_at is null)),
  check ((paid_at is not null) = (status in ('paid', 'refunded', 'partially_refunded'))),
  -- closed: never paid. (An order the provider paid after it was closed here is `paid` with closed_at kept, and
  -- refunded in full: see PaymentService.applyProviderState.)
  check ((status = 'closed') = (closed_at is not null and paid_at is null)),
  check (paid_at is null or provider_transaction_id is not null),
  check ((fulfilment = 'waiting') = (paid_at is null)),
  check (status <> 'refunded' or refunded_fen = amount_fen),
  check (status <> 'partially_refunded' or (refunded_fen > 0 and refunded_fen < amount_fen)),
  check (status not in ('pending', 'paid', 'closed') or refunded_fen = 0)
);
-- 我的支付订单, newest first
create index payment_orders_account_idx on payment_orders (account_id, created_at desc);
-- The sweep: unpaid orders by expiry, fulfilments to (re)run, closed orders whose hook has not run.
create index payment_orders_pending_idx on payment_orders (expires_at) where status = 'pending';
create index payment_orders_fulfilment_idx on payment_orders (fulfilment_next_at) where fulfilment = 'processing';
create index payment_orders_closed_hook_idx on payment_orders (closed_at)
  where status = 'closed' and not closed_hook_done;

-- What happened to an order, in order: append-only (a trigger refuses update and delete).
create table payment_events (
  id bigint generated always as identity primary key,
  order_id uuid not null references payment_orders (id),
  kind text not null check (
    kind in (
      'created', 'started', 'paid', 'closed', 'fulfilled', 'fulfilment_failed', 'fulfilment_error',
      'refund_requested', 'refunded', 'anomaly'
    )
  ),
  -- Ids, amounts, sources and reasons; never personal data.
  detail jsonb not null default '{}',
  at timestamptz not null default now()
);
create index payment_events_order_idx on payment_events (order_id, id);

create function payment_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'payment_events is append-only';
end;
$$;
create trigger payment_events_no_change before update or delete on payment_events
  for each row execute function payment_events_append_only();

-- Refunds (原路退款) of an order. A refund is written `pending` with its refund number before the provider is asked
-- (so that the amount is reserved under the order's lock and a retry asks with the same number), and becomes
-- `succeeded` once the provider confirmed it. refund_key is the caller's: the same key refunds once.
create table payment_refunds (
  id uuid primary key,
  order_id uuid not null references payment_orders (id),
  -- 退款单号: R + yyyymmdd (China time) + 12 random digits
  refund_number text not null unique check (refund_number ~ '^R[0-9]{20}$'),
  refund_key text not null check (length(refund_key) between 1 and 200),
  amount_fen integer not null check (amount_fen > 0),
  reason text not null check (length(reason) between 1 and 300),
  status text not null check (status in ('pending', 'succeeded')),
  provider_refund_id text check (length(provider_refund_id) <= 100),
  requested_at timestamptz not null default now(),
  refunded_at timestamptz,
  unique (order_id, refund_key),
  check ((status = 'succeeded') = (refunded_at is not null and provider_refund_id is not null))
);
create index payment_refunds_pending_idx on payment_refunds (requested_at) where status = 'pending';

-- ---- the sandbox payment provider (沙箱支付: a provider's test mode; no real money) ----

-- Its ES256 signing key for notifications. Persisted (not one per start) so that every server copy, and a
-- notification retried after a restart, verify with the same key; the private JWK is encrypted (FieldCipher).
create table sandbox_pay_keys (
  kid text primary key check (length(kid) between 1 and 100),
  public_jwk jsonb not null,
  private_jwk_encrypted text not null,
  created_at timestamptz not null default now()
);

create table sandbox_pay_payments (
  id text primary key check (id ~ '^sbp_[0-9a-f]{32}$'),
  merchant_order_number text not null unique check (length(merchant_order_number) between 1 and 64),
  amount_fen integer not null check (amount_fen > 0),
  subject text not null check (length(subject) between 1 and 200),
  payee_name text not null check (length(payee_name) between 1 and 100),
  channel text not null check (length(channel) between 1 and 40),
  notify_url text not null check (length(notify_url) <= 500),
  return_url text not null check (length(return_url) <= 500),
  cancel_url text not null check (length(cancel_url) <= 500),
  expires_at timestamptz not null,
  status text not null check (status in ('pending', 'paid', 'closed')),
  transaction_id text unique check (length(transaction_id) <= 64),
  paid_at timestamptz,
  closed_at timestamptz,
  declined_attempts integer not null default 0,
  created_at timestamptz not null default now(),
  check ((status = 'paid') = (paid_at is not null and transaction_id is not null)),
  check ((status = 'closed') = (closed_at is not null))
);

create table sandbox_pay_refunds (
  -- The merchant's refund number: asking again with it answers the same refund.
  refund_number text primary key check (length(refund_number) between 1 and 64),
  payment_id text not null references sandbox_pay_payments (id),
  provider_refund_id text not null unique,
  amount_fen integer not null check (amount_fen > 0),
  reason text not null check (length(reason) <= 300),
  refunded_at timestamptz not null default now()
);
create index sandbox_pay_refunds_payment_idx on sandbox_pay_refunds (payment_id);

-- Payment notifications to the merchant, retried with backoff until answered SUCCESS (`lost`: the test password
-- 999999 paid but the notification is never sent).
create table sandbox_pay_notifications (
  id text primary key check (length(id) between 1 and 64),
  payment_id text not null references sandbox_pay_payments (id),
  url text not null check (length(url) <= 500),
  jws text not null,
  status text not null check (status in ('pending', 'delivered', 'lost', 'given_up')),
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  last_error text check (length(last_error) <= 300),
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  check ((status = 'pending') = (next_attempt_at is not null))
);
create index sandbox_pay_notifications_due_idx on sandbox_pay_notifications (next_attempt_at) where status = 'pending';

-- ---- 燃气缴费 (G1): the bill each payment order pays ----

create table utility_payments (
  id uuid primary key,
  -- The payment order (its purpose_ref is this row's id).
  payment_order_id uuid not null unique references payment_orders (id),
  account_id uuid not null references identity_accounts (id),
  -- Chosen by the app once per attempt: a retry finds the first order.
  submission_id uuid not null,
  company_id text not null check (company_id in ('guangzhou-gas', 'csg-guangdong-power', 'yangjiang-water')),
  utility text not null check (utility in ('gas', 'power', 'water')),
  -- 户号: anyone's (替他人缴费), so encrypted, with a keyed index of company + number + period to find the other
  -- payments of the same bill.
  account_number_encrypted text not null,
  bill_index text not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount_fen integer not null check (amount_fen > 0),
  -- The company's payBill is a write that cannot be asked twice safely: the first attempt's time is written
  -- before the call, so that a retry after a crash knows it may already have paid (see fulfiller.ts).
  pay_attempted_at timestamptz,
  department_reference text check (length(department_reference) <= 64),
  department_paid_at timestamptz,
  created_at timestamptz not null default now(),
  unique (account_id, submission_id)
);
create index utility_payments_bill_idx on utility_payments (bill_index);
