import type { Db } from '../../db/database.js';

export interface NewFeedback {
  id: string;
  category: string;
  /** Sealed by the caller (stored-content.ts), bound to the id. */
  contentEncrypted: string;
  contactEncrypted: string | null;
  contactMasked: string | null;
  serviceId: string | null;
  cityCode: string | null;
}

export async function insertFeedback(db: Db, f: NewFeedback): Promise<{ id: string; createdAt: Date }> {
  const row = await db
    .insertInto('feedback')
    .values({
      id: f.id,
      category: f.category,
      content_encrypted: f.contentEncrypted,
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

// ---- the console (staff) ----

/** Feedback a staff grant covers: of these services (or of no service), in one city or any. */
export interface FeedbackScope {
  serviceIds: string[];
  /** Feedback given without a service (about the platform itself). */
  includeWithoutService: boolean;
  /** null: every city, and feedback given without a city. */
  cityCode: string | null;
}

/** Newest first, only within the union of the scopes; an empty scope list matches nothing. */
export async function listFeedbackInScopes(
  db: Db,
  scopes: FeedbackScope[],
  filter: { cityCode?: string; status?: string },
  limit = 200,
) {
  if (scopes.length === 0) return [];
  let q = db
    .selectFrom('feedback')
    .select([
      'id',
      'category',
      'content',
      'content_encrypted',
      'contact_masked',
      'service_id',
      'city_code',
      'status',
      'created_at',
    ])
    .where((eb) =>
      eb.or(
        scopes.map((s) => {
          const services = [];
          if (s.serviceIds.length) services.push(eb('service_id', 'in', s.serviceIds));
          if (s.includeWithoutService) services.push(eb('service_id', 'is', null));
          const inServices = services.length ? eb.or(services) : eb.val(false);
          return s.cityCode === null ? inServices : eb.and([inServices, eb('city_code', '=', s.cityCode)]);
        }),
      ),
    );
  if (filter.cityCode) q = q.where('city_code', '=', filter.cityCode);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export function findFeedback(db: Db, id: string) {
  return db
    .selectFrom('feedback')
    .select([
      'id',
      'category',
      'content',
      'content_encrypted',
      'contact_masked',
      'service_id',
      'city_code',
      'status',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setFeedbackStatus(db: Db, id: string, status: string) {
  return db
    .updateTable('feedback')
    .set({ status })
    .where('id', '=', id)
    .returning([
      'id',
      'category',
      'content',
      'content_encrypted',
      'contact_masked',
      'service_id',
      'city_code',
      'status',
      'created_at',
    ])
    .executeTakeFirstOrThrow();
}

// ---- sealing what was written in clear before migrations/0075 (stored-content.ts) ----

export function listLegacyContent(db: Db, limit: number) {
  return db.selectFrom('feedback').select(['id', 'content']).where('content', 'is not', null).limit(limit).execute();
}

export async function sealLegacyContent(db: Db, id: string, sealed: string) {
  await db
    .updateTable('feedback')
    .set({ content: null, content_encrypted: sealed })
    .where('id', '=', id)
    .where('content', 'is not', null)
    .execute();
}
