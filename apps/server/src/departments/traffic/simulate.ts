import { type Kysely, sql } from 'kysely';
import type { LicenceStatus } from './codes.js';
import { type TrafficTables, trafficDb } from './tables.js';

/**
 * Sandbox only, not part of the contract: how a licence decision appears in the traffic police's own system —
 * 暂扣 (suspended), 吊销 (revoked), or the licence handed back after a 暂扣 (normal) — for demos and for tests of
 * the wallet's status synchroniser. A revoked licence stays revoked (吊销 is final: a new licence is a new
 * application). Returns the status afterwards, or undefined when the person holds no licence.
 */
export async function setLicenceStatus<DB extends TrafficTables>(
  handle: Kysely<DB>,
  idNumber: string,
  status: Extract<LicenceStatus, 'normal' | 'suspended' | 'revoked'>,
): Promise<LicenceStatus | undefined> {
  const db = trafficDb(handle);
  const row = await db
    .updateTable('dept_jiaoguan.driving_licences')
    .set({ status: sql<string>`case when status = 'revoked' then status else ${status} end`, updated_at: sql`now()` })
    .where('id_number', '=', idNumber)
    .returning('status')
    .executeTakeFirst();
  return row?.status as LicenceStatus | undefined;
}
