import type { Db } from '../../db/database.js';

export interface NewFeedback {
  category: string;
  content: string;
  contactEncrypted: string | null;
  contactMasked: string | null;
  serviceId: string | null;
  cityCode: string | null;
}

export async function insertFeedback(db: Db, f: NewFeedback): Promise<{ id: string; createdAt: Date }> {
  const row = await db
    .insertInto('feedback')
    .values({
      category: f.category,
      content: f.content,
      contact_encrypted: f.contactEncrypted,
      contact_masked: f.contactMasked,
      service_id: f.serviceId,
      city_code: f.cityCode,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: row.created_at };
}

export async function countFeedback(db: Db): Promise<number> {
  const row = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
