-- 消息 about a case quote the note of its step (补正原因, 不予办理原因, 撤回原因). Since 0075 the quote is masked when the
-- message is written (cases/messages.ts), but a 消息 is kept as written: those delivered before 0075 still hold any
-- phone or ID number of the note in clear. The masking is JavaScript (privacy/free-text.ts), so SQL cannot do it:
-- this marks the messages written before now, and the platform masks them at start (cases/legacy-messages.ts,
-- prepareDatabase) in batches before it serves, clearing the mark. New messages are never marked.
alter table notifications add column quote_unchecked boolean not null default false;
update notifications set quote_unchecked = true where kind = 'case-update';
-- Only the marked rows are ever looked for; once all are done the index is empty.
create index notifications_quote_unchecked_idx on notifications (id) where quote_unchecked;
