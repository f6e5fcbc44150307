import { type Kysely, sql } from 'kysely';
import { CERTIFICATE_PREFIX } from './codes.js';
import { type CivilAffairsTables, civilAffairsDb } from './tables.js';

/**
 * Sandbox only, not part of the contract: a divorce registered at the civil-affairs office, as the
 * department's own system records it — the person's marriage in force becomes 已离婚 and a divorce registration
 * (离婚证) of both parties is added, in one transaction. For demos and for tests of the wallet's status
 * synchroniser. Returns the new 离婚证 number, or undefined when the person has no marriage in force.
 */
export async function registerDivorce<DB extends CivilAffairsTables>(
  handle: Kysely<DB>,
  idNumber: string,
): Promise<{ certificateNumber: string } | undefined> {
  const db = civilAffairsDb(handle);
  return db.transaction().execute(async (tx) => {
    const marriage = await tx
      .updateTable('dept_minzheng.marriage_records')
      .set({ status: 'dissolved', updated_at: sql`now()` })
      .where('kind', '=', 'marriage')
      .where('status', '=', 'married')
      .where((eb) => eb.or([eb('husband_id_number', '=', idNumber), eb('wife_id_number', '=', idNumber)]))
      .returning(['certificate_number', 'registry', 'husband_id_number', 'husband_name', 'wife_id_number', 'wife_name'])
      .executeTakeFirst();
    if (!marriage) return undefined;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // 字号 L<registry region>-<year>-<serial>, the region taken from the marriage's own number.
    const region = marriage.certificate_number.slice(1, 7);
    const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
    const certificateNumber = `${CERTIFICATE_PREFIX.divorce}${region}-${today.slice(0, 4)}-${serial}`;
    await tx
      .insertInto('dept_minzheng.marriage_records')
      .values({
        record_id: sql<string>`gen_random_uuid()` as unknown as string,
        kind: 'divorce',
        certificate_number: certificateNumber,
        registered_on: today,
        registry: marriage.registry,
        husband_id_number: marriage.husband_id_number,
        husband_name: marriage.husband_name,
        wife_id_number: marriage.wife_id_number,
        wife_name: marriage.wife_name,
        status: 'valid',
        updated_at: sql`now()` as unknown as string,
      })
      .execute();
    return { certificateNumber };
  });
}
