import { CITIES } from '@yss/contracts';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DepartmentDefinition, FaqDefinition, ServiceDefinition } from '../../services/types.js';
import type { CatalogTables } from './tables.js';

export type ServiceRow = Selectable<CatalogTables['catalog_services']> & { cities: string[] };

export interface CatalogRows {
  cities: CatalogTables['catalog_cities'][];
  departments: CatalogTables['catalog_departments'][];
  services: ServiceRow[];
  faqs: (CatalogTables['catalog_faqs'] & { service_ids: string[] })[];
}

const cityCodeByName = new Map<string, string>(CITIES.map((c) => [c.name, c.code]));

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

    await tx.deleteFrom('catalog_faq_services').execute();
    await tx
      .deleteFrom('catalog_faqs')
      .where(
        'id',
        'not in',
        data.faqs.map((f) => f.id),
      )
      .execute();
    if (data.faqs.length) {
      await tx
        .insertInto('catalog_faqs')
        .values(
          data.faqs.map((f, i) => ({
            id: f.id,
            question: f.question,
            answer: f.answer,
            question_en: f.questionEn,
            answer_en: f.answerEn,
            feature_ids: [...f.featureIds],
            sort_order: i,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            question: eb.ref('excluded.question'),
            answer: eb.ref('excluded.answer'),
            question_en: eb.ref('excluded.question_en'),
            answer_en: eb.ref('excluded.answer_en'),
            feature_ids: eb.ref('excluded.feature_ids'),
            sort_order: eb.ref('excluded.sort_order'),
          })),
        )
        .execute();
      const links = data.faqs.flatMap((f) => f.serviceIds.map((service_id) => ({ faq_id: f.id, service_id })));
      if (links.length) await tx.insertInto('catalog_faq_services').values(links).execute();
    }
  });
}

/** Everything the catalog serves, read once and kept in memory (see catalog-snapshot.ts). */
export async function loadCatalogRows(db: Db): Promise<CatalogRows> {
  const [cities, departments, services, serviceCities, faqs, faqLinks] = await Promise.all([
    db.selectFrom('catalog_cities').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('catalog_departments').selectAll().orderBy('id').execute(),
    db.selectFrom('catalog_services').selectAll().where('enabled', '=', true).orderBy('sort_order').execute(),
    db.selectFrom('catalog_service_cities').selectAll().orderBy('city_code').execute(),
    db.selectFrom('catalog_faqs').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('catalog_faq_services').selectAll().execute(),
  ]);
  const citiesOf = new Map<string, string[]>();
  for (const r of serviceCities) citiesOf.set(r.service_id, [...(citiesOf.get(r.service_id) ?? []), r.city_code]);
  const servicesOf = new Map<string, string[]>();
  for (const r of faqLinks) servicesOf.set(r.faq_id, [...(servicesOf.get(r.faq_id) ?? []), r.service_id]);
  return {
    cities,
    departments,
    services: services.map((s) => ({ ...s, cities: citiesOf.get(s.id) ?? [] })),
    faqs: faqs.map((f) => ({ ...f, service_ids: servicesOf.get(f.id) ?? [] })),
  };
}
