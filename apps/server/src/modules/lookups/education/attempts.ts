import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import { AppError } from '../../../http/app-error.js';
import type { FieldCipher } from '../../privacy/index.js';

export type ExamKind = 'zhongkao' | 'gaokao';

export interface AttemptPolicy {
  /** Failed attempts on one exam number before it is locked. */
  maxPerNumber: number;
  /** Failed attempts by one account (any numbers) before it is locked. */
  maxPerAccount: number;
  /** Failures count within this window from the first one. */
  windowMs: number;
  /** How long a lock lasts. */
  lockMs: number;
}

export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = {
  maxPerNumber: 5,
  maxPerAccount: 10,
  windowMs: 30 * 60_000,
  lockMs: 30 * 60_000,
};

const NUMBER_WORD: Readonly<Record<ExamKind, string>> = { zhongkao: '准考证号', gaokao: '考生号' };

/** The one answer for a wrong number and a wrong password alike (no oracle). */
export function invalidCredentialsMessage(exam: ExamKind, policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY): string {
  return `${NUMBER_WORD[exam]}或密码错误，请核对后重新输入。连续错误${policy.maxPerNumber}次将暂停查询${Math.round(policy.lockMs / 60_000)}分钟。`;
}

function lockedMessage(until: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `密码错误次数过多，已暂停查询，请${minutes}分钟后再试。`;
}

interface Key {
  scope: 'account' | 'number';
  key: string;
}

/**
 * Attempt limits of the 中考/高考 queries by exam number + password: counted per account and per exam number
 * (stored, so every server copy shares them), locked after too many failures. The number is kept only as a
 * keyed blind index. Unknown numbers count exactly like real ones: the lock says nothing about existence.
 */
export class ExamAttemptGuard {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    readonly policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY,
  ) {}

  private keys(accountId: string, exam: ExamKind, number: string): Key[] {
    return [
      { scope: 'account', key: accountId },
      { scope: 'number', key: this.cipher.blindIndex(`${exam}:${number}`, 'exam-number') },
    ];
  }

  /** Throws EXAM_QUERY_LOCKED while the account or the number is locked (before the department is asked). */
  async assertOpen(accountId: string, exam: ExamKind, number: string) {
    const keys = this.keys(accountId, exam, number);
    const rows = await this.db
      .selectFrom('lookup_exam_attempts')
      .select('locked_until')
      .where((eb) => eb.or(keys.map((k) => eb.and([eb('scope', '=', k.scope), eb('key', '=', k.key)]))))
      .where('locked_until', '>', new Date())
      .execute();
    const until = rows.map((r) => r.locked_until as Date).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) throw new AppError('EXAM_QUERY_LOCKED', lockedMessage(until));
  }

  /**
   * Count a failed attempt against the account and the number; throws EXAM_QUERY_LOCKED if either is locked
   * now, else EXAM_CREDENTIALS_INVALID with the same words whatever was wrong.
   */
  async fail(accountId: string, exam: ExamKind, number: string): Promise<never> {
    const now = new Date();
    const windowStart = new Date(now.getTime() - this.policy.windowMs);
    const lockedUntil = new Date(now.getTime() + this.policy.lockMs);
    let locked = false;
    for (const k of this.keys(accountId, exam, number)) {
      const max = k.scope === 'account' ? this.policy.maxPerAccount : this.policy.maxPerNumber;
      // One statement: a stale window or an expired lock starts the count again; a live lock (set by a
      // concurrent request) stays.
      const row = await sql<{ failures: number; locked_until: Date | null }>`
        insert into lookup_exam_attempts as a (scope, key, failures, window_started_at, locked_until)
        values (${k.scope}, ${k.key}, 1, ${now}, null)
        on conflict (scope, key) do update set
          failures = case when a.window_started_at < ${windowStart} or a.locked_until <= ${now}
                          then 1 else a.failures + 1 end,
          window_started_at = case when a.window_started_at < ${windowStart} or a.locked_until <= ${now}
                                   then ${now} else a.window_started_at end,
          locked_until = case when a.locked_until <= ${now} then null else a.locked_until end
        returning failures, locked_until`
        .execute(this.db)
        .then((r) => r.rows[0]);
      if (row?.locked_until && new Date(row.locked_until).getTime() > now.getTime()) {
        locked = true;
        continue;
      }
      const failures = row?.failures ?? 0;
      if (failures >= max) {
        await this.db
          .updateTable('lookup_exam_attempts')
          .set({ failures: 0, locked_until: lockedUntil, window_started_at: now })
          .where('scope', '=', k.scope)
          .where('key', '=', k.key)
          .execute();
        locked = true;
      }
    }
    if (locked) throw new AppError('EXAM_QUERY_LOCKED', lockedMessage(lockedUntil));
    throw new AppError('EXAM_CREDENTIALS_INVALID', invalidCredentialsMessage(exam, this.policy));
  }

  /** The right password for a number clears that number's count (not the account's: it decays with time). */
  async succeed(exam: ExamKind, number: string) {
    await this.db
      .deleteFrom('lookup_exam_attempts')
      .where('scope', '=', 'number')
      .where('key', '=', this.cipher.blindIndex(`${exam}:${number}`, 'exam-number'))
      .execute();
  }
}
