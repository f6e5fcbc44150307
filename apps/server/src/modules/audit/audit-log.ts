import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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

function chainHash(prev: string, e: AuditEntry, at: string): string {
  const canonical = JSON.stringify([
    prev,
    at,
    e.action,
    e.result,
    e.actorAccountId ?? null,
    e.actorKind,
    e.subjectAccountId ?? null,
    e.detail ?? {},
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The append-only, hash-chained audit trail. Appends are serialised with a transaction-scoped advisory
 * lock so the chain has no forks when several requests (or server copies) write at once.
 */
export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(7420118)`.execute(tx);
      const last = await tx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const prev = last?.hash ?? GENESIS;
      const at = new Date().toISOString();
      await tx
        .insertInto('audit_log')
        .values({
          at: new Date(at),
          actor_account_id: entry.actorAccountId ?? null,
          actor_kind: entry.actorKind,
          subject_account_id: entry.subjectAccountId ?? null,
          action: entry.action,
          result: entry.result,
          detail: JSON.stringify(entry.detail ?? {}),
          request_id: entry.requestId ?? null,
          prev_hash: prev,
          hash: chainHash(prev, entry, at),
        })
        .execute();
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

  /** Recompute the chain; returns the first broken sequence number, or null when intact. */
  async verifyChain(): Promise<number | null> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = GENESIS;
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
      if (r.prev_hash !== prev || r.hash !== expected) return Number(r.seq);
      prev = r.hash;
    }
    return null;
  }
}
