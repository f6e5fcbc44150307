import type { CredentialType, LinkStatus, LinkSummary } from '@yss/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type BitsPerStatus, getStatus, STATUS } from './status-bits.js';

/** The only file that queries the link tables (wallet_links, wallet_link_certificates). */

export interface LinkRow {
  id: string;
  credential_type: string;
  certificate_id: string;
  summary: LinkSummary;
  linked_at: Date;
  issued_at: Date;
  expires_at: Date;
  /** The current certificate's status as its status list says (one entry of the batch; all are set alike). */
  status: LinkStatus;
}

const linkColumns = (db: Db) =>
  db
    .selectFrom('wallet_links as l')
    .innerJoin('wallet_certificates as c', 'c.id', 'l.certificate_id')
    .select([
      'l.id',
      'l.credential_type',
      'l.certificate_id',
      'l.summary',
      'l.linked_at',
      'c.issued_at',
      'c.expires_at',
      'c.status as certificate_status',
      // The status-list byte holding one entry of the batch, and where in it the entry sits.
      (eb) =>
        eb
          .selectFrom('wallet_status_entries as e')
          .innerJoin('wallet_status_lists as s', 's.id', 'e.status_list_id')
          .select(sql<string>`concat(s.bits, ':', e.idx, ':', get_byte(s.statuses, (e.idx * s.bits) / 8))`.as('x'))
          .whereRef('e.certificate_id', '=', 'c.id')
          .orderBy('e.status_list_id')
          .orderBy('e.idx')
          .limit(1)
          .as('status_byte'),
    ])
    .where('l.unlinked_at', 'is', null);

type Raw = Awaited<ReturnType<ReturnType<typeof linkColumns>['execute']>>[number];

function statusOf(r: Raw, now: number): LinkStatus {
  let status: 'valid' | 'revoked' | 'suspended' = r.certificate_status;
  if (r.status_byte) {
    const [bits, idx, byte] = r.status_byte.split(':').map(Number) as [number, number, number];
    const perByte = 8 / bits;
    const value = getStatus(new Uint8Array([byte]), bits as BitsPerStatus, idx % perByte);
    status = value === STATUS.invalid ? 'revoked' : value === STATUS.suspended ? 'suspended' : 'valid';
  }
  if (status === 'valid' && r.expires_at.getTime() <= now) return 'expired';
  return status;
}

const toRow = (r: Raw, now: number): LinkRow => ({
  id: r.id,
  credential_type: r.credential_type,
  certificate_id: r.certificate_id,
  summary: r.summary,
  linked_at: r.linked_at,
  issued_at: r.issued_at,
  expires_at: r.expires_at,
  status: statusOf(r, now),
});

export async function listLinks(db: Db, accountId: string, now = Date.now()): Promise<LinkRow[]> {
  const rows = await linkColumns(db).where('l.account_id', '=', accountId).orderBy('l.linked_at').execute();
  return rows.map((r) => toRow(r, now));
}

export async function findLink(db: Db, accountId: string, id: string, now = Date.now()): Promise<LinkRow | undefined> {
  const r = await linkColumns(db).where('l.account_id', '=', accountId).where('l.id', '=', id).executeTakeFirst();
  return r && toRow(r, now);
}

export async function findLinkByType(
  db: Db,
  accountId: string,
  type: CredentialType,
  now = Date.now(),
): Promise<LinkRow | undefined> {
  const r = await linkColumns(db)
    .where('l.account_id', '=', accountId)
    .where('l.credential_type', '=', type)
    .executeTakeFirst();
  return r && toRow(r, now);
}

/**
 * Whether an account holds a live, valid link of a certificate type (for the services the guide opens only after
 * linking, e.g. 开通医保支付 after 关联社保卡); false for no account.
 */
export async function hasValidLink(db: Db, accountId: string | null, type: CredentialType): Promise<boolean> {
  if (!accountId) return false;
  return (await findLinkByType(db, accountId, type))?.status === 'valid';
}

/** A new live link with its first certificate; undefined when the account linked this type meanwhile. */
export async function insertLink(
  db: Db,
  v: { accountId: string; type: CredentialType; certificateId: string; summary: LinkSummary },
): Promise<string | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('wallet_links')
      .values({
        account_id: v.accountId,
        credential_type: v.type,
        certificate_id: v.certificateId,
        summary: JSON.stringify(v.summary) as unknown as LinkSummary,
      })
      .onConflict((oc) => oc.columns(['account_id', 'credential_type']).where('unlinked_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return undefined;
    await tx
      .insertInto('wallet_link_certificates')
      .values({ certificate_id: v.certificateId, link_id: row.id })
      .execute();
    return row.id;
  });
}

/**
 * Points a live link at a newly issued certificate, only if it still points at `previous` (two refreshes at
 * once: one wins). Returns false when the link moved or went meanwhile.
 */
export async function replaceCertificate(
  db: Db,
  v: { linkId: string; previous: string; certificateId: string; summary: LinkSummary },
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const moved = await tx
      .updateTable('wallet_links')
      .set({
        certificate_id: v.certificateId,
        summary: JSON.stringify(v.summary) as unknown as LinkSummary,
        refreshed_at: new Date(),
      })
      .where('id', '=', v.linkId)
      .where('certificate_id', '=', v.previous)
      .where('unlinked_at', 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return false;
    await tx
      .insertInto('wallet_link_certificates')
      .values({ certificate_id: v.certificateId, link_id: v.linkId })
      .execute();
    return true;
  });
}

/** Ends a live link; returns the ids of every certificate it ever had (to revoke), or undefined if none. */
export async function unlink(db: Db, accountId: string, id: string): Promise<string[] | undefined> {
  return db.transaction().execute(async (tx) => {
    const ended = await tx
      .updateTable('wallet_links')
      .set({ unlinked_at: new Date() })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('unlinked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!ended) return undefined;
    const certs = await tx
      .selectFrom('wallet_link_certificates')
      .select('certificate_id')
      .where('link_id', '=', id)
      .execute();
    return certs.map((c) => c.certificate_id);
  });
}

/**
 * Every certificate a live link of the account has had (the first and each refresh), or undefined when the account
 * has no such live link (another's, unlinked, unknown): the 核验记录 of one certificate.
 */
export async function certificatesOfLink(db: Db, accountId: string, linkId: string): Promise<string[] | undefined> {
  const rows = await db
    .selectFrom('wallet_links as l')
    .leftJoin('wallet_link_certificates as lc', 'lc.link_id', 'l.id')
    .select('lc.certificate_id')
    .where('l.id', '=', linkId)
    .where('l.account_id', '=', accountId)
    .where('l.unlinked_at', 'is', null)
    .execute();
  if (rows.length === 0) return undefined;
  return rows.flatMap((r) => (r.certificate_id ? [r.certificate_id] : []));
}

/** The account a certificate was issued to through a link (for the verification log), if any. */
export async function accountOfCertificate(
  db: Db,
  certificateId: string,
): Promise<{ accountId: string; linkId: string } | undefined> {
  const r = await db
    .selectFrom('wallet_link_certificates as lc')
    .innerJoin('wallet_links as l', 'l.id', 'lc.link_id')
    .select(['l.account_id', 'l.id'])
    .where('lc.certificate_id', '=', certificateId)
    .executeTakeFirst();
  return r && { accountId: r.account_id, linkId: r.id };
}

// ---------------------------------------------------------------------------------------------------------
// The status synchroniser (modules/wallet-sync) reads and marks links through these two.
// ---------------------------------------------------------------------------------------------------------

export type SyncStanding = 'in-force' | 'suspended' | 'ended';

export interface SyncCandidate {
  linkId: string;
  accountId: string;
  type: CredentialType;
  certificateId: string;
  issuerId: string;
  certificateStatus: 'valid' | 'revoked' | 'suspended';
  documentIndex: string | null;
  sourceCity: string | null;
  checkedAt: Date;
  standing: SyncStanding | null;
  changes: number;
}

/**
 * Live links checked before `before`, oldest-checked first, after the keyset position `after` (a round reads
 * page after page when it has to pass over links of a department that is down this round).
 */
export async function linksDueForSync(
  db: Db,
  v: { before: Date; after?: { checkedAt: Date; linkId: string }; limit: number },
): Promise<SyncCandidate[]> {
  let q = db
    .selectFrom('wallet_links as l')
    .innerJoin('wallet_certificates as c', 'c.id', 'l.certificate_id')
    .select([
      'l.id',
      'l.account_id',
      'l.credential_type',
      'l.certificate_id',
      'l.sync_checked_at',
      'l.sync_standing',
      'l.sync_changes',
      'c.issuer_id',
      'c.status',
      'c.document_index',
      'c.source_city',
    ])
    .where('l.unlinked_at', 'is', null)
    .where('l.sync_checked_at', '<', v.before);
  const after = v.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('l.sync_checked_at', '>', after.checkedAt),
        eb.and([eb('l.sync_checked_at', '=', after.checkedAt), eb('l.id', '>', after.linkId)]),
      ]),
    );
  }
  const rows = await q.orderBy('l.sync_checked_at').orderBy('l.id').limit(v.limit).execute();
  return rows.map((r) => ({
    linkId: r.id,
    accountId: r.account_id,
    type: r.credential_type as CredentialType,
    certificateId: r.certificate_id,
    issuerId: r.issuer_id,
    certificateStatus: r.status,
    documentIndex: r.document_index,
    sourceCity: r.source_city,
    checkedAt: r.sync_checked_at,
    standing: r.sync_standing,
    changes: r.sync_changes,
  }));
}

/**
 * A link was read: `at` is its check time; `standing` (when given) is what the department said and `changes` the
 * count of changes announced. Only while the link is live and still holds the certificate that was read.
 */
export async function markSynced(
  db: Db,
  v: { linkId: string; certificateId: string; at: Date; standing?: SyncStanding; changes?: number },
): Promise<void> {
  await db
    .updateTable('wallet_links')
    .set({
      sync_checked_at: v.at,
      ...(v.standing ? { sync_standing: v.standing } : {}),
      ...(v.changes !== undefined ? { sync_changes: v.changes } : {}),
    })
    .where('id', '=', v.linkId)
    .where('certificate_id', '=', v.certificateId)
    .where('unlinked_at', 'is', null)
    .execute();
}
