import { type Kysely, sql } from 'kysely';
import { type CreditTables, creditDb } from './tables.js';

/**
 * Sandbox only, not part of the contract: how a change appears in the department's own system (a new
 * administrative penalty), for demos and for tests of subscriptions (issue 5). Appends the penalty, a new
 * version in the change log stamped now, and bumps the entity's version, in one transaction.
 */
export async function recordPenalty<DB extends CreditTables>(
  handle: Kysely<DB>,
  penalty: {
    uscc: string;
    decisionNumber: string;
    authority: string;
    violation: string;
    content: string;
    fineYuan?: number;
  },
): Promise<{ version: number }> {
  const db = creditDb(handle);
  return db.transaction().execute(async (tx) => {
    const entity = await tx
      .updateTable('dept_credit.enterprises')
      .set({ version: sql`version + 1`, updated_at: sql`now()` })
      .where('uscc', '=', penalty.uscc)
      .returning('version')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('dept_credit.penalties')
      .values({
        uscc: penalty.uscc,
        decision_number: penalty.decisionNumber,
        authority: penalty.authority,
        decided_on: sql<string>`(now() at time zone 'Asia/Shanghai')::date` as unknown as string,
        violation: penalty.violation,
        content: penalty.content,
        fine_fen: penalty.fineYuan ? Math.round(penalty.fineYuan * 100) : null,
      })
      .execute();
    await tx
      .insertInto('dept_credit.changes')
      .values({
        uscc: penalty.uscc,
        version: entity.version,
        changed_at: sql`now()` as unknown as string,
        item: '行政处罚',
        summary: `${penalty.authority}：${penalty.violation}，${penalty.content}`,
      })
      .execute();
    return { version: entity.version };
  });
}
