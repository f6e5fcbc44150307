-- Wallet status synchroniser (issue 6 item 4, "the department updates it"): linked certificates follow their
-- department's record. A background job re-reads each live link's document from the issuing department,
-- oldest-checked first, and revokes, suspends or reinstates the certificate when the record changed.

-- Which of the person's documents a certificate was issued from (a person may hold two vehicles, a new and an
-- old passport …): an HMAC blind index of its number, never the number. Null for certificates issued before
-- this migration (the synchroniser then follows a type only while the person holds one document of it).
alter table wallet_certificates add column document_index text;
-- The city the citizen had chosen at issuance (公积金, 社保卡 answer per city); null when issued without one.
alter table wallet_certificates add column source_city text check (source_city ~ '^[0-9]{6}$');

-- Per live link: when the department was last read, and what its record said then — 'in-force', 'suspended'
-- or 'ended' (null: never read since linking). Status changes follow changes of that word, so a staff
-- member's own decision in the console is not undone while the department's record stays as it was.
-- Milliseconds, like the synchroniser's own clock, so its keyset paging (checked_at, id) compares like for like.
alter table wallet_links add column sync_checked_at timestamptz not null default date_trunc('milliseconds', now());
alter table wallet_links add column sync_standing text check (sync_standing in ('in-force', 'suspended', 'ended'));
-- Bumped at every change announced: the inbox message's dedupe key, so a round repeated after a crash never
-- announces one change twice.
alter table wallet_links add column sync_changes integer not null default 0;
create index wallet_links_sync_idx on wallet_links (sync_checked_at, id) where unlinked_at is null;

-- 消息: the citizen hears of a status change of a linked certificate.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in ('credit-change', 'wallet-status'));
