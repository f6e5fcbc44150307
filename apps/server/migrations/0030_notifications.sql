-- Notifications module (消息, the citizen's inbox): reminders the platform writes for one account, e.g. a change
-- of an entity the citizen subscribed to (信用信息变更提醒, F3). A message is about public records only; it
-- never carries another person's personal data.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references identity_accounts (id) on delete cascade,
  kind text not null check (kind in ('credit-change')),
  -- The event announced, unique per account (credit: 'credit:<uscc>:<version>'): an event is delivered once,
  -- however many times a poller sees it, and whichever server copy delivers it.
  dedupe_key text not null check (length(dedupe_key) between 1 and 200),
  title text not null check (length(title) between 1 and 100),
  body text not null check (length(body) between 1 and 1000),
  -- A path inside the citizen app, never an outside address.
  link text check (link ~ '^/[A-Za-z0-9/_-]{0,199}$'),
  occurred_at timestamptz,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (account_id, dedupe_key)
);

create index notifications_account_idx on notifications (account_id, created_at desc, id desc);
create index notifications_unread_idx on notifications (account_id) where read_at is null;
