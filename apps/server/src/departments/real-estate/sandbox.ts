import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { APPLICATION_STEPS, LEGACY_TITLE_NUMBER, type RealEstateSpec } from './contract.js';
import { type RealEstateTables, realEstateDb } from './tables.js';

const CHINA_TS = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;
const DATE_TEXT = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** Full-width parentheses as typed on a phone → the register's ASCII ones. */
export function normaliseTitleNumber(number: string): string {
  return number.trim().replace(/（/g, '(').replace(/）/g, ')');
}

/** The embedded sandbox of the real estate registration system: answers from its own schema only. */
export function realEstateSandbox<DB extends RealEstateTables>(
  handle: Kysely<DB>,
): DepartmentImplementation<RealEstateSpec> {
  const db = realEstateDb(handle);
  return {
    async propertiesOf({ idNumber }) {
      const titles = await db
        .selectFrom('dept_real_estate.titles as t')
        .innerJoin('dept_real_estate.title_holders as h', 'h.certificate_number', 't.certificate_number')
        .select([
          't.certificate_number',
          't.unit_number',
          't.city_code',
          't.location',
          't.use',
          't.floor_area_cm2',
          't.registration_type',
          't.share_kind',
          DATE_TEXT('t.land_use_until').as('land_use_until'),
          DATE_TEXT('t.registered_on').as('registered_on'),
          CHINA_TS('t.updated_at').as('updated_at'),
          sql<number>`(select count(*) from dept_real_estate.title_holders c
            where c.certificate_number = t.certificate_number)`.as('holders'),
        ])
        .where('h.id_number', '=', idNumber)
        .orderBy('t.registered_on')
        .orderBy('t.certificate_number')
        .execute();
      if (titles.length === 0) return { properties: [] };
      const mortgages = await db
        .selectFrom('dept_real_estate.proofs')
        .select([
          'proof_number',
          'unit_number',
          'counterparty',
          'amount_fen',
          DATE_TEXT('term_from').as('term_from'),
          DATE_TEXT('term_to').as('term_to'),
          DATE_TEXT('registered_on').as('registered_on'),
        ])
        .where(
          'unit_number',
          'in',
          titles.map((t) => t.unit_number),
        )
        .where('kind', '=', 'mortgage')
        .where('status', '=', '现势')
        .orderBy('registered_on')
        .execute();
      return {
        properties: titles.map((t) => {
          const own = mortgages
            .filter((m) => m.unit_number === t.unit_number)
            .map((m) => ({
              proofNumber: m.proof_number,
              mortgagee: m.counterparty,
              amount: Number(m.amount_fen) / 100,
              termFrom: m.term_from,
              termTo: m.term_to,
              registeredOn: m.registered_on,
            }));
          return {
            certificateNumber: t.certificate_number,
            certificateKind: LEGACY_TITLE_NUMBER.test(t.certificate_number)
              ? ('房地产权证' as const)
              : ('不动产权证书' as const),
            unitNumber: t.unit_number,
            cityCode: t.city_code,
            location: t.location,
            use: t.use,
            floorArea: t.floor_area_cm2 / 100,
            landUseUntil: t.land_use_until,
            registeredOn: t.registered_on,
            registrationType: t.registration_type,
            shareKind: t.share_kind,
            holderCount: Number(t.holders),
            status: own.length > 0 ? ('抵押' as const) : ('现势' as const),
            mortgages: own,
            updatedAt: t.updated_at,
          };
        }),
      };
    },

    async proofsOf({ idNumber }) {
      const rows = await db
        .selectFrom('dept_real_estate.proofs as p')
        .innerJoin('dept_real_estate.proof_parties as x', 'x.proof_number', 'p.proof_number')
        .select([
          'p.proof_number',
          'p.location',
          'p.counterparty',
          'p.status',
          DATE_TEXT('p.registered_on').as('registered_on'),
          CHINA_TS('p.updated_at').as('updated_at'),
        ])
        .where('x.id_number', '=', idNumber)
        .where('x.role', '=', 'right-holder')
        .where('p.kind', '=', 'pre-sale')
        .orderBy('p.registered_on')
        .execute();
      return {
        proofs: rows.map((r) => ({
          proofNumber: r.proof_number,
          kind: 'pre-sale' as const,
          kindName: '预告登记' as const,
          location: r.location,
          obligor: r.counterparty,
          registeredOn: r.registered_on,
          status: r.status,
          updatedAt: r.updated_at,
        })),
      };
    },

    async applicationProgress({ idNumber }) {
      const rows = await db
        .selectFrom('dept_real_estate.applications as a')
        .innerJoin('dept_real_estate.applicants as x', 'x.application_number', 'a.application_number')
        .select([
          'a.application_number',
          'a.city_code',
          'a.kind',
          'a.location',
          DATE_TEXT('a.submitted_on').as('submitted_on'),
          sql<string>`array_to_string(a.step_dates, ',')`.as('steps'),
          CHINA_TS('a.updated_at').as('updated_at'),
        ])
        .where('x.id_number', '=', idNumber)
        .orderBy('a.submitted_on', 'desc')
        .orderBy('a.application_number')
        .execute();
      return {
        applications: rows.map((r) => {
          const reached = r.steps.split(',');
          const done = reached.length === APPLICATION_STEPS.length;
          return {
            applicationNumber: r.application_number,
            cityCode: r.city_code as '441200' | '440900',
            kind: r.kind,
            location: r.location,
            submittedOn: r.submitted_on,
            // Every step reached is done, except the last one reached while the application is open.
            steps: APPLICATION_STEPS.map((name, i) => ({
              name,
              status:
                i < reached.length - (done ? 0 : 1)
                  ? ('done' as const)
                  : i === reached.length - 1
                    ? ('current' as const)
                    : ('pending' as const),
              reachedOn: reached[i] ?? null,
            })),
            status: done ? ('已办结' as const) : ('办理中' as const),
            updatedAt: r.updated_at,
          };
        }),
      };
    },

    async platMap({ idNumber, certificateNumber }) {
      const row = await db
        .selectFrom('dept_real_estate.plat_maps as m')
        .innerJoin('dept_real_estate.title_holders as h', 'h.certificate_number', 'm.certificate_number')
        .select([
          'm.certificate_number',
          'm.parcel_code',
          'm.parcel_area_cm2',
          'm.parcel',
          'm.building',
          'm.boundaries',
          DATE_TEXT('m.surveyed_on').as('surveyed_on'),
        ])
        .where('m.certificate_number', '=', normaliseTitleNumber(certificateNumber))
        .where('h.id_number', '=', idNumber)
        .executeTakeFirst();
      if (!row) return { platMap: null };
      const points = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as [number, number][];
      return {
        platMap: {
          certificateNumber: row.certificate_number,
          parcelCode: row.parcel_code,
          parcelArea: row.parcel_area_cm2 / 100,
          parcel: points(row.parcel),
          building: points(row.building),
          boundaries: row.boundaries,
          surveyedOn: row.surveyed_on,
        },
      };
    },
  };
}
