-- Credit subscriptions (信用信息订阅, F3): a citizen follows an entity's public credit record (统一社会信用代码);
-- the poller (modules/credit/poller.ts) announces every later version of that record in the citizen's inbox.
create table credit_subscriptions (
  account_id uuid not null references identity_accounts (id) on delete cascade,
  uscc text not null check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  -- The entity's name when subscribed (public), for the list without asking the department.
  entity_name text not null check (length(entity_name) between 1 and 200),
  -- The credit record's version when subscribed: only later versions are announced.
  base_version integer not null check (base_version >= 1),
  -- The newest version announced so far (base_version until the first change) and what it was.
  seen_version integer not null,
  last_item text,
  last_changed_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (account_id, uscc),
  check (seen_version >= base_version)
);

-- The poller reads the subscribers of one entity, and the set of entities watched.
create index credit_subscriptions_uscc_idx on credit_subscriptions (uscc, base_version);
create index credit_subscriptions_account_idx on credit_subscriptions (account_id, created_at desc);
