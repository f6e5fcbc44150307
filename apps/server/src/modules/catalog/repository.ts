import { CITIES, type CityName, cityCodeOf } from '@yss/contracts';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DepartmentDefinition, FaqDefinition, ServiceDefinition } from '../../services/types.js';
import type { CatalogTables } from './tables.js';

export type ServiceRow = Selectable<CatalogTables['catalog_services']> & { cities: string[] };

export type FaqRow = Selectable<CatalogTables['catalog_faqs']> & { service_ids: string[] };
export type OverrideRow = Selectable<CatalogTables['catalog_service_overrides']>;

export interface CatalogRows {
  /** catalog_state.version when the rows were read (as text: a bigint). */
  version: string;
  cities: CatalogTables['catalog_cities'][];
  departments: CatalogTables['catalog_departments'][];
  services: ServiceRow[];
  /** The FAQs citizens see: neither hidden nor deleted. */
  faqs: FaqRow[];
  overrides: OverrideRow[];
}

/** The platform's operator (广东省政务服务数据管理局): owns the FAQs about several departments' services. */
export const PLATFORM_DEPARTMENT_ID = 'gd-government-services-data';

/** A seeded FAQ belongs to its services' department, or to the platform's operator when they are several. */
function seedFaqDepartment(f: FaqDefinition, departmentOf: Map<string, string>): string {
  const departments = new Set(f.serviceIds.map((id) => departmentOf.get(id) ?? PLATFORM_DEPARTMENT_ID));
  const [only] = departments;
  return departments.size === 1 && only ? only : PLATFORM_DEPARTMENT_ID;
}

/** Bump catalog_state in the caller's transaction: every copy's poll sees the catalog changed. */
export async function bumpCatalogVersion(tx: Db): Promise<void> {
  await tx.updateTable('catalog_state').set({ version: sql`version + 1` }).execute();
}

export async function readCatalogVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('catalog_state').select(sql<string>`version::text`.as('version')).executeTakeFirst();
  return row?.version ?? '0';
}

const cityCodeByName = new Map<string, string>(CITIES.map((c) => [c.name, c.code]));

/** A definition's `cityNames`, keyed by city code as the rest of the catalog is. */
function cityNamesByCode(s: ServiceDefinition): Record<string, { name: string; nameEn: string }> {
  return Object.fromEntries(
    Object.entries(s.cityNames ?? {}).map(([city, names]) => [
      cityCodeOf(city as CityName),
      { name: names.name, nameEn: names.nameEn },
    ]),
  );
}

/**
 * Write the reference data idempotently: insert what is new, update what changed, and remove city rules
 * and FAQ links that the definitions no longer have. Services are never deleted here (other modules will
 * refer to them); a service dropped from the definitions is disabled instead.
 */
export async function upsertReferenceData(
  db: Db,
  data: {
    departments: readonly DepartmentDefinition[];
    services: readonly ServiceDefinition[];
    faqs: readonly FaqDefinition[];
  },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('catalog_cities')
      .values(CITIES.map((c, i) => ({ code: c.code, name: c.name, name_en: c.nameEn, sort_order: i })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          name_en: eb.ref('excluded.name_en'),
          sort_order: eb.ref('excluded.sort_order'),
        })),
      )
      .execute();

    await tx
      .insertInto('catalog_departments')
      .values(data.departments.map((d) => ({ id: d.id, name: d.name, name_en: d.nameEn })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), name_en: eb.ref('excluded.name_en') })),
      )
      .execute();

    const serviceValues = data.services.map((s, i) => ({
      id: s.id,
      name: s.name,
      name_en: s.nameEn,
      city_names: JSON.stringify(cityNamesByCode(s)),
      group_id: s.group,
      zones: [...(s.zones ?? [])],
      department_id: s.department,
      feature_ids: [...s.featureIds],
      kind: s.kind,
      who_may_act: s.whoMayAct,
      requires_verification: s.requiresVerification,
      availability_mode: s.availability.mode,
      unavailable_reason: s.availability.mode === 'all' ? null : s.availability.reason,
      unavailable_reason_en: s.availability.mode === 'all' ? null : s.availability.reasonEn,
      description: s.description,
      description_en: s.descriptionEn,
      keywords: [...(s.keywords ?? [])],
      materials: JSON.stringify(s.materials ?? []),
      materials_en: JSON.stringify(s.materialsEn ?? []),
      time_limit: s.timeLimit ?? null,
      time_limit_en: s.timeLimitEn ?? null,
      notes: JSON.stringify(s.notes ?? []),
      notes_en: JSON.stringify(s.notesEn ?? []),
      enabled: true,
      sort_order: i,
    }));
    await tx
      .insertInto('catalog_services')
      .values(serviceValues)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => {
          const cols = [
            'name',
            'name_en',
            'city_names',
            'group_id',
            'zones',
            'department_id',
            'feature_ids',
            'kind',
            'who_may_act',
            'requires_verification',
            'availability_mode',
            'unavailable_reason',
            'unavailable_reason_en',
            'description',
            'description_en',
            'keywords',
            'materials',
            'materials_en',
            'time_limit',
            'time_limit_en',
            'notes',
            'notes_en',
            'enabled',
            'sort_order',
          ] as const;
          return {
            ...Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)])),
            updated_at: sql`now()`,
          };
        }),
      )
      .execute();
    const ids = data.services.map((s) => s.id);
    await tx.updateTable('catalog_services').set({ enabled: false }).where('id', 'not in', ids).execute();

    await tx.deleteFrom('catalog_service_cities').execute();
    const cityRules = data.services.flatMap((s) =>
      s.availability.mode === 'all'
        ? []
        : s.availability.cities.map((name) => {
            const code = cityCodeByName.get(name);
            if (!code) throw new Error(`service ${s.id}: unknown city ${name}`);
            return { service_id: s.id, city_code: code };
          }),
    );
    if (cityRules.length) await tx.insertInto('catalog_service_cities').values(cityRules).execute();

    // FAQs: the definitions' (origin 'seed') are rewritten unless the console edited or deleted them (`edited`);
    // those written in the console (origin 'staff') are never touched here.
    const kept = await tx
      .selectFrom('catalog_faqs')
      .select('id')
      .where((eb) => eb.or([eb('origin', '=', 'staff'), eb('edited', '=', true)]))
      .execute();
    const keptIds = new Set(kept.map((r) => r.id));
    await tx
      .deleteFrom('catalog_faq_services')
      .where('faq_id', 'in', (eb) =>
        eb.selectFrom('catalog_faqs').select('id').where('origin', '=', 'seed').where('edited', '=', false),
      )
      .execute();
    let stale = tx.deleteFrom('catalog_faqs').where('origin', '=', 'seed').where('edited', '=', false);
    if (data.faqs.length)
      stale = stale.where(
        'id',
        'not in',
        data.faqs.map((f) => f.id),
      );
    await stale.execute();
    const departmentOf = new Map(data.services.map((s) => [s.id, s.department]));
    const fresh = data.faqs.filter((f) => !keptIds.has(f.id));
    if (fresh.length) {
      await tx
        .insertInto('catalog_faqs')
        .values(
          fresh.map((f) => ({
            id: f.id,
            question: f.question,
            answer: f.answer,
            question_en: f.questionEn,
            answer_en: f.answerEn,
            feature_ids: [...f.featureIds],
            sort_order: data.faqs.indexOf(f),
            department_id: seedFaqDepartment(f, departmentOf),
            city_code: null,
          })),
        )
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              question: eb.ref('excluded.question'),
              answer: eb.ref('excluded.answer'),
              question_en: eb.ref('excluded.question_en'),
              answer_en: eb.ref('excluded.answer_en'),
              feature_ids: eb.ref('excluded.feature_ids'),
              sort_order: eb.ref('excluded.sort_order'),
              department_id: eb.ref('excluded.department_id'),
            }))
            // a row the console took over since `kept` was read is left alone too
            .where('catalog_faqs.edited', '=', false)
            .where('catalog_faqs.origin', '=', 'seed'),
        )
        .execute();
      const links = fresh.flatMap((f) => f.serviceIds.map((service_id) => ({ faq_id: f.id, service_id })));
      if (links.length)
        await tx
          .insertInto('catalog_faq_services')
          .values(links)
          .onConflict((oc) => oc.doNothing())
          .execute();
    }
    // The copies already running rebuild their snapshot (the definitions may have changed with this start).
    await bumpCatalogVersion(tx);
  });
}

/** Everything the catalog serves, read once and kept in memory (see catalog-snapshot.ts). */
export async function loadCatalogRows(db: Db): Promise<CatalogRows> {
  // The version first: a change committed while the rows are read makes the next poll read them again.
  const version = await readCatalogVersion(db);
  const [cities, departments, services, serviceCities, faqs, faqLinks, overrides] = await Promise.all([
    db.selectFrom('catalog_cities').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('catalog_departments').selectAll().orderBy('id').execute(),
    db.selectFrom('catalog_services').selectAll().where('enabled', '=', true).orderBy('sort_order').execute(),
    db.selectFrom('catalog_service_cities').selectAll().orderBy('city_code').execute(),
    db
      .selectFrom('catalog_faqs')
      .selectAll()
      .where('hidden', '=', false)
      .where('deleted_at', 'is', null)
      .orderBy('sort_order')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('catalog_faq_services').selectAll().execute(),
    db.selectFrom('catalog_service_overrides').selectAll().execute(),
  ]);
  const citiesOf = new Map<string, string[]>();
  for (const r of serviceCities) citiesOf.set(r.service_id, [...(citiesOf.get(r.service_id) ?? []), r.city_code]);
  const servicesOf = new Map<string, string[]>();
  for (const r of faqLinks) servicesOf.set(r.faq_id, [...(servicesOf.get(r.faq_id) ?? []), r.service_id]);
  return {
    version,
    cities,
    departments,
    services: services.map((s) => ({ ...s, cities: citiesOf.get(s.id) ?? [] })),
    faqs: faqs.map((f) => ({ ...f, service_ids: servicesOf.get(f.id) ?? [] })),
    overrides,
  };
}

// ---- the console's edits (catalog-admin.ts) ----

export type OverrideValues = Pick<OverrideRow, 'paused' | 'pause_reason' | 'notes' | 'description'>;

/** A service's override for a city, or its province-wide one (cityCode null). */
export async function findOverride(
  db: Db,
  serviceId: string,
  cityCode: string | null,
): Promise<OverrideRow | undefined> {
  return db
    .selectFrom('catalog_service_overrides')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where((eb) => (cityCode === null ? eb('city_code', 'is', null) : eb('city_code', '=', cityCode)))
    .executeTakeFirst();
}

/**
 * Write a scope's override if it is still at `expectedVersion` (0: none yet), with its history row, and bump the
 * catalog's version, all in one transaction. 'conflict' when someone else changed it first (the version moved, or
 * a concurrent first edit inserted the row).
 */
export async function saveOverride(
  db: Db,
  input: {
    serviceId: string;
    cityCode: string | null;
    expectedVersion: number;
    values: OverrideValues;
    staffId: string;
    event: { action: 'pause' | 'resume' | 'texts'; reason: string | null };
  },
): Promise<OverrideRow | 'conflict'> {
  return db.transaction().execute(async (tx) => {
    const values = {
      paused: input.values.paused,
      pause_reason: input.values.pause_reason,
      notes: input.values.notes === null ? null : JSON.stringify(input.values.notes),
      description: input.values.description,
      updated_by: input.staffId,
    };
    const row =
      input.expectedVersion === 0
        ? await tx
            .insertInto('catalog_service_overrides')
            .values({ ...values, service_id: input.serviceId, city_code: input.cityCode })
            .onConflict((oc) => oc.doNothing())
            .returningAll()
            .executeTakeFirst()
        : await tx
            .updateTable('catalog_service_overrides')
            .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
            .where('service_id', '=', input.serviceId)
            .where((eb) =>
              input.cityCode === null ? eb('city_code', 'is', null) : eb('city_code', '=', input.cityCode),
            )
            .where('version', '=', input.expectedVersion)
            .returningAll()
            .executeTakeFirst();
    if (!row) return 'conflict';
    await tx
      .insertInto('catalog_override_events')
      .values({
        service_id: input.serviceId,
        city_code: input.cityCode,
        action: input.event.action,
        reason: input.event.reason,
        notes: values.notes,
        description: values.description,
        staff_account_id: input.staffId,
      })
      .execute();
    await bumpCatalogVersion(tx);
    return row;
  });
}

/** A service's changes in a city and province-wide, newest first. */
export async function listOverrideEvents(db: Db, serviceId: string, cityCode: string, limit: number) {
  return db
    .selectFrom('catalog_override_events')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where((eb) => eb.or([eb('city_code', 'is', null), eb('city_code', '=', cityCode)]))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Every FAQ not deleted (hidden ones too), for the console; the caller narrows it to its scopes. */
export async function listConsoleFaqs(db: Db): Promise<FaqRow[]> {
  const [faqs, links] = await Promise.all([
    db
      .selectFrom('catalog_faqs')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('sort_order')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('catalog_faq_services').selectAll().execute(),
  ]);
  const servicesOf = new Map<string, string[]>();
  for (const r of links) servicesOf.set(r.faq_id, [...(servicesOf.get(r.faq_id) ?? []), r.service_id]);
  return faqs.map((f) => ({ ...f, service_ids: servicesOf.get(f.id) ?? [] }));
}

export async function findFaq(db: Db, id: string): Promise<FaqRow | undefined> {
  const row = await db
    .selectFrom('catalog_faqs')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const links = await db.selectFrom('catalog_faq_services').select('service_id').where('faq_id', '=', id).execute();
  return { ...row, service_ids: links.map((l) => l.service_id) };
}

export interface FaqText {
  question: string;
  answer: string;
  questionEn: string;
  answerEn: string;
  serviceIds: string[];
}

/** A FAQ written in the console: after the definitions' ones, in the order written. */
export async function insertFaq(
  db: Db,
  input: FaqText & { id: string; departmentId: string; cityCode: string | null; staffId: string },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('catalog_faqs')
      .values({
        id: input.id,
        question: input.question,
        answer: input.answer,
        question_en: input.questionEn,
        answer_en: input.answerEn,
        feature_ids: [],
        sort_order: 1_000_000,
        origin: 'staff',
        edited: true,
        department_id: input.departmentId,
        city_code: input.cityCode,
        created_by: input.staffId,
        updated_by: input.staffId,
      })
      .execute();
    if (input.serviceIds.length)
      await tx
        .insertInto('catalog_faq_services')
        .values(input.serviceIds.map((service_id) => ({ faq_id: input.id, service_id })))
        .execute();
    await bumpCatalogVersion(tx);
  });
}

/**
 * Change a FAQ if it is still at `expectedVersion`: its text and services, its visibility, or delete it (a
 * seeded one stays as a tombstone so the next start's upsert does not bring it back). Marks a seed `edited`.
 */
export async function changeFaq(
  db: Db,
  id: string,
  expectedVersion: number,
  staffId: string,
  change: { kind: 'text'; text: FaqText } | { kind: 'visibility'; hidden: boolean } | { kind: 'delete' },
): Promise<'ok' | 'conflict'> {
  return db.transaction().execute(async (tx) => {
    const base = { edited: true, version: sql<number>`version + 1`, updated_by: staffId, updated_at: sql<Date>`now()` };
    const set =
      change.kind === 'text'
        ? {
            ...base,
            question: change.text.question,
            answer: change.text.answer,
            question_en: change.text.questionEn,
            answer_en: change.text.answerEn,
          }
        : change.kind === 'visibility'
          ? { ...base, hidden: change.hidden }
          : { ...base, deleted_at: sql<Date>`now()` };
    const row = await tx
      .updateTable('catalog_faqs')
      .set(set)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('deleted_at', 'is', null)
      .returning(['origin'])
      .executeTakeFirst();
    if (!row) return 'conflict';
    if (change.kind === 'text') {
      await tx.deleteFrom('catalog_faq_services').where('faq_id', '=', id).execute();
      if (change.text.serviceIds.length)
        await tx
          .insertInto('catalog_faq_services')
          .values(change.text.serviceIds.map((service_id) => ({ faq_id: id, service_id })))
          .execute();
    }
    // A FAQ written in the console leaves no trace when deleted (the audit log keeps its text).
    if (change.kind === 'delete' && row.origin === 'staff')
      await tx.deleteFrom('catalog_faqs').where('id', '=', id).execute();
    await bumpCatalogVersion(tx);
    return 'ok';
  });
}
