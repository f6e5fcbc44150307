import type { NotificationKind } from '@yss/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface NewNotification {
  accountId: string;
  kind: NotificationKind;
  dedupeKey: string;
  title: string;
  body: string;
  link: string | null;
  occurredAt: Date | null;
}

/** Insert messages; one already delivered (same account and dedupe key) is skipped. Returns how many were new. */
export async function insertNotifications(db: Db, messages: NewNotification[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = await db
    .insertInto('notifications')
    .values(
      messages.map((m) => ({
        account_id: m.accountId,
        kind: m.kind,
        dedupe_key: m.dedupeKey,
        title: m.title,
        body: m.body,
        link: m.link,
        occurred_at: m.occurredAt,
      })),
    )
    .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/** One account's messages, newest first; `limit + 1` rows are read to tell whether there are more. */
export function listForAccount(db: Db, accountId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'occurred_at', 'created_at', 'read_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function countUnread(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mark one of the account's messages read (idempotent); false when the account has no such message. */
export async function markRead(db: Db, accountId: string, id: string): Promise<boolean> {
  const row = await db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markAllRead(db: Db, accountId: string): Promise<number> {
  const rows = await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** Messages marked by migrations/0077 (case 消息 written before it), in id order after `afterId`. */
export function listQuoteUnchecked(db: Db, afterId: string | undefined, limit: number) {
  let q = db.selectFrom('notifications').select(['id', 'body']).where('quote_unchecked', '=', true);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

/** Clear the mark of messages whose body needs no change (one statement for a batch). */
export async function clearQuoteUnchecked(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable('notifications')
    .set({ quote_unchecked: false })
    .where('id', 'in', ids)
    .where('quote_unchecked', '=', true)
    .execute();
}

/**
 * Clear the mark of one message, with its body rewritten when `body` differs from `was`. Only while the row is
 * still marked and still holds `was`: copies starting together each rewrite a row at most once.
 */
export async function settleQuoteUnchecked(db: Db, id: string, was: string, body: string) {
  await db
    .updateTable('notifications')
    .set({ body, quote_unchecked: false })
    .where('id', '=', id)
    .where('quote_unchecked', '=', true)
    .where('body', '=', was)
    .execute();
}
