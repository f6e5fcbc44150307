import { hash } from 'node:crypto';
import { sql } from 'kysely';
import { stringify as canonicalJson } from 'safe-stable-stringify';
import { ADVISORY_LOCKS } from '../../db/advisory-locks.js';
import type { Db } from '../../db/database.js';

export type AuditResult = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  action: string;
  result: AuditResult;
  actorAccountId?: string | null;
  actorKind: 'citizen' | 'agent' | 'staff' | 'system' | 'anonymous';
  /** Whose data or account the action concerned (may equal the actor). */
  subjectAccountId?: string | null;
  /** Never personal data in clear: ids, masked values, reasons. */
  detail?: Record<string, unknown>;
  requestId?: string | null;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  action: string;
  result: AuditResult;
  actorAccountId: string | null;
  actorKind: string;
  subjectAccountId: string | null;
  detail: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/**
 * The hash of an entry chained to the previous one. Keys are sorted (canonical JSON) because the detail is
 * stored as jsonb, which keeps its own key order: a hash over the order the code happened to write would not
 * be reproducible from the stored row (it made every lookup entry, {serviceId, what, subjectPersonId}, look
 * tampered with).
 */
function chainHash(prev: string, e: AuditEntry, at: string): string {
  const canonical = canonicalJson([
    prev,
    at,
    e.action,
    e.result,
    e.actorAccountId ?? null,
    e.actorKind,
    e.subjectAccountId ?? null,
    e.detail ?? {},
  ]);
  return hash('sha256', canonical, 'hex');
}

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** At most this many entries go into one append transaction. */
const MAX_BATCH = 500;

/**
 * The append-only, hash-chained audit trail. Appends are serialised with a transaction-scoped advisory
 * lock so the chain has no forks when several requests (or server copies) write at once.
 *
 * Group commit: while one append transaction runs, the entries recorded meanwhile queue up and go in
 * the next transaction together (one lock, one chain read, one multi-row insert). A caller's promise
 * settles only once its own entry is committed, so "audited before answered" still holds — but under
 * load the lock is taken once per batch instead of once per request (issue 5 benchmark: every personal
 * lookup writes an entry, and one lock per entry capped the whole platform at the lock's round trips).
 */
export class AuditLog {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  record(entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.append(batch.map((p) => p.entry));
        for (const p of batch) p.resolve();
      } catch (err) {
        if (batch.length === 1) {
          batch[0]?.reject(err);
          continue;
        }
        // One entry the database refuses must not fail the others: append them one by one.
        for (const p of batch) await this.append([p.entry]).then(p.resolve, p.reject);
      }
    }
    // No await between the loop's last check and here: an entry queued later starts a new drain.
    this.draining = null;
  }

  private async append(entries: AuditEntry[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCKS.auditAppend)})`.execute(tx);
      const last = await tx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      let prev = last?.hash ?? GENESIS;
      const at = new Date().toISOString();
      const rows = entries.map((entry) => {
        const hash = chainHash(prev, entry, at);
        const row = {
          at: new Date(at),
          actor_account_id: entry.actorAccountId ?? null,
          actor_kind: entry.actorKind,
          subject_account_id: entry.subjectAccountId ?? null,
          action: entry.action,
          result: entry.result,
          detail: JSON.stringify(entry.detail ?? {}),
          request_id: entry.requestId ?? null,
          prev_hash: prev,
          hash,
        };
        prev = hash;
        return row;
      });
      // The sequence numbers of a multi-row VALUES insert follow the row order, so seq order = chain order.
      await tx.insertInto('audit_log').values(rows).execute();
    });
  }

  /**
   * What concerned this account, newest first (我的访问记录): rows about the account, and — given the
   * register person it is bound to — what agents did on that person's behalf, also before the account existed.
   */
  async listForSubject(accountId: string, limit = 100, personId?: string | null): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        personId
          ? eb.or([
              eb('subject_account_id', '=', accountId),
              eb.and([
                eb(sql`detail ? 'subjectPersonId'`, '=', true),
                eb(sql`detail ->> 'subjectPersonId'`, '=', personId),
              ]),
            ])
          : eb('subject_account_id', '=', accountId),
      )
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      action: r.action,
      result: r.result,
      actorAccountId: r.actor_account_id,
      actorKind: r.actor_kind,
      subjectAccountId: r.subject_account_id,
      detail: r.detail,
    }));
  }

  /**
   * A page of the log for the console's 审计日志, newest first: entries before `before`, filtered, and limited to a
   * department's reach when `reach` is given (entries about its services, or by its staff). Actions match by
   * prefix (`case.` finds every 办件 action).
   */
  async listPage(o: {
    limit: number;
    before?: number;
    actionPrefix?: string;
    result?: AuditResult;
    actorKind?: AuditEntry['actorKind'];
    from?: Date;
    to?: Date;
    reach?: { serviceIds: readonly string[]; staffIds: readonly string[] };
  }): Promise<AuditRecord[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (o.before !== undefined) q = q.where('seq', '<', o.before);
    if (o.actionPrefix) q = q.where('action', 'like', `${o.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`);
    if (o.result) q = q.where('result', '=', o.result);
    if (o.actorKind) q = q.where('actor_kind', '=', o.actorKind);
    if (o.from) q = q.where('at', '>=', o.from);
    if (o.to) q = q.where('at', '<', o.to);
    const reach = o.reach;
    if (reach) {
      q = q.where((eb) =>
        eb.or([
          ...(reach.serviceIds.length > 0
            ? [eb(sql<string>`detail ->> 'serviceId'`, 'in', [...reach.serviceIds])]
            : []),
          ...(reach.staffIds.length > 0
            ? [eb.and([eb('actor_kind', '=', 'staff'), eb('actor_account_id', 'in', [...reach.staffIds])])]
            : []),
          eb.val(false),
        ]),
      );
    }
    const rows = await q.orderBy('seq', 'desc').limit(o.limit).execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      action: r.action,
      result: r.result,
      actorAccountId: r.actor_account_id,
      actorKind: r.actor_kind,
      subjectAccountId: r.subject_account_id,
      detail: r.detail,
    }));
  }

  /** Recompute the chain; returns the first broken sequence number, or null when intact. */
  async verifyChain(): Promise<number | null> {
    return (await this.checkChain()).firstBroken;
  }

  /**
   * Recompute the whole chain in pages of `pageSize` rows by sequence number (memory stays flat however long the
   * log): the first entry whose stored hashes do not follow from the entry before, and how many were checked.
   */
  async checkChain(pageSize = 5_000): Promise<{ firstBroken: number | null; checked: number }> {
    let prev = GENESIS;
    let after = 0;
    let checked = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of rows) {
        const expected = chainHash(
          prev,
          {
            action: r.action,
            result: r.result,
            actorAccountId: r.actor_account_id,
            actorKind: r.actor_kind,
            subjectAccountId: r.subject_account_id,
            detail: r.detail,
          },
          r.at.toISOString(),
        );
        checked++;
        if (r.prev_hash !== prev || r.hash !== expected) return { firstBroken: Number(r.seq), checked };
        prev = r.hash;
      }
      if (rows.length < pageSize) return { firstBroken: null, checked };
      after = Number(rows[rows.length - 1]?.seq);
    }
  }
}
