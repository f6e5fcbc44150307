-- 公积金再次提取 (B6), 开具电子税票 (F4) with the sandbox e-mail outbox, 便捷开票 抬头 (F5): docs/taxfund.md.

-- An online withdrawal as the platform knows it: the centre's application number and what it decided. The row is
-- written before the centre is asked (status 'submitting'), so a repeated submission (same submission_id) finds it
-- and asks the centre again with the same request id (the row id): one application, whatever the retries.
create table housing_fund_withdrawals (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  submission_id uuid not null,
  city_code text not null check (city_code ~ '^[0-9]{6}$'),
  reason text not null check (reason in ('rent', 'loan-repayment')),
  amount_fen integer not null check (amount_fen > 0),
  bank_name text not null,
  -- The card number: encrypted (FieldCipher, bound to the row id); pages and logs see the masked copy only.
  bank_card_encrypted text not null,
  bank_card_masked text not null,
  status text not null check (status in ('submitting', 'in-progress', 'completed', 'rejected')),
  application_number text,
  refusal_note text,
  completed_on text,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, submission_id),
  check ((status = 'submitting') = (application_number is null))
);
create index housing_fund_withdrawals_account_idx on housing_fund_withdrawals (account_id, submitted_at desc);

-- The sandbox e-mail gateway: nothing leaves the machine. Address and content encrypted at rest.
create table email_outbox (
  id bigint generated always as identity primary key,
  address_index text not null,
  address_masked text not null,
  subject text not null,
  body_encrypted text not null,
  created_at timestamptz not null default now()
);
create index email_outbox_address_idx on email_outbox (address_index, id desc);

-- 开具电子税票: one request per submission; the certificate is the tax bureau's (its number and total kept here
-- to show the citizen what was sent where).
create table tax_certificate_requests (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  submission_id uuid not null,
  kind text not null check (kind in ('income-tax', 'social-insurance-fee')),
  year smallint not null check (year between 2000 and 2100),
  delivery_method text not null check (delivery_method in ('email', 'post')),
  -- The e-mail address or the postal address as JSON: encrypted; the masked copy is what pages show.
  delivery_encrypted text not null,
  delivery_masked text not null,
  status text not null check (status in ('submitting', 'issued')),
  certificate_number text,
  total_fen bigint,
  issued_on text,
  tax_authority text,
  created_at timestamptz not null default now(),
  unique (account_id, submission_id)
);
create index tax_certificate_requests_account_idx on tax_certificate_requests (account_id, created_at desc);

-- 便捷开票: the citizen's saved 发票抬头 (a person's or a company's), encrypted as one JSON document.
create table invoice_titles (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  title_encrypted text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index invoice_titles_account_idx on invoice_titles (account_id, created_at);
