-- 生活缴费 户号绑定 (G1, issue 5): the utility accounts a citizen bound by account number + holder name, besides
-- the accounts in their own name (which the companies answer by ID number and are not stored here).
--
-- The citizen is the register's opaque person id (a binding follows the person, not one login). The account
-- number reads someone's bills (替他人缴费), so it is kept encrypted, with a keyed index to find and de-duplicate
-- it; the holder's name and address are kept masked only (*伟, the address up to the district), as the
-- company itself shows them to anyone holding the number.
create table utility_bindings (
  id uuid primary key default gen_random_uuid(),
  person_id text not null,
  company_id text not null check (company_id in ('guangzhou-gas', 'csg-guangdong-power', 'yangjiang-water')),
  utility text not null check (utility in ('gas', 'power', 'water')),
  account_number_encrypted text not null,
  account_number_index text not null,
  holder_name_masked text not null,
  address_masked text not null,
  created_at timestamptz not null default now()
);
create unique index utility_bindings_person_account_idx
  on utility_bindings (person_id, company_id, account_number_index);
create index utility_bindings_person_idx on utility_bindings (person_id, utility, created_at);

-- Failed binding attempts (wrong number or wrong name: one answer), so that holder names cannot be guessed
-- by trying: a person is paused after a few failures within the hour. Rows older than a day are pruned.
create table utility_bind_failures (
  person_id text not null,
  failed_at timestamptz not null default now()
);
create index utility_bind_failures_person_idx on utility_bind_failures (person_id, failed_at);
