import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { RealEstateRecords } from './records.js';

/**
 * Write a batch's records: one transaction, one statement per table, `on conflict do nothing` (seeding again
 * adds nothing). Holders, proof parties and plat maps are joined to the row they belong to by unit number, so a
 * number drawn twice (two generated titles with one certificate number) keeps the first title whole and adds
 * nothing of the second.
 */
export async function insertRealEstateRecords(db: Db, r: RealEstateRecords): Promise<void> {
  const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((x) => x[key]);
  await db.transaction().execute(async (tx) => {
    const t = r.titles;
    if (t.length > 0)
      await sql`insert into dept_real_estate.titles (certificate_number, unit_number, city_code, region_code, location, use,
          floor_area_cm2, land_use_until, registered_on, registration_type, share_kind, updated_at)
        select * from unnest(${col(t, 'certificateNumber')}::text[], ${col(t, 'unitNumber')}::text[],
          ${col(t, 'cityCode')}::text[], ${col(t, 'regionCode')}::text[], ${col(t, 'location')}::text[],
          ${col(t, 'use')}::text[], ${col(t, 'floorAreaCm2')}::int[], ${col(t, 'landUseUntil')}::date[],
          ${col(t, 'registeredOn')}::date[], ${col(t, 'registrationType')}::text[], ${col(t, 'shareKind')}::text[],
          ${col(t, 'updatedAt')}::timestamptz[])
        on conflict do nothing`.execute(tx);
    const h = r.holders;
    if (h.length > 0)
      await sql`insert into dept_real_estate.title_holders (certificate_number, id_number, name)
        select t.certificate_number, h.id_number, h.name
        from unnest(${col(h, 'unitNumber')}::text[], ${col(h, 'certificateNumber')}::text[], ${col(h, 'idNumber')}::text[],
          ${col(h, 'name')}::text[]) as h (unit_number, certificate_number, id_number, name)
        join dept_real_estate.titles t on t.unit_number = h.unit_number and t.certificate_number = h.certificate_number
        on conflict do nothing`.execute(tx);
    const p = r.proofs;
    if (p.length > 0)
      await sql`insert into dept_real_estate.proofs (proof_number, kind, unit_number, location, counterparty, amount_fen,
          term_from, term_to, registered_on, status, cancelled_on, updated_at)
        select * from unnest(${col(p, 'proofNumber')}::text[], ${col(p, 'kind')}::text[], ${col(p, 'unitNumber')}::text[],
          ${col(p, 'location')}::text[], ${col(p, 'counterparty')}::text[], ${col(p, 'amountFen')}::bigint[],
          ${col(p, 'termFrom')}::date[], ${col(p, 'termTo')}::date[], ${col(p, 'registeredOn')}::date[],
          ${col(p, 'status')}::text[], ${col(p, 'cancelledOn')}::date[], ${col(p, 'updatedAt')}::timestamptz[])
        on conflict do nothing`.execute(tx);
    const pp = r.proofParties;
    if (pp.length > 0)
      await sql`insert into dept_real_estate.proof_parties (proof_number, id_number, role)
        select x.proof_number, x.id_number, x.role
        from unnest(${col(pp, 'proofNumber')}::text[], ${col(pp, 'unitNumber')}::text[], ${col(pp, 'idNumber')}::text[],
          ${col(pp, 'role')}::text[]) as x (proof_number, unit_number, id_number, role)
        join dept_real_estate.proofs p on p.proof_number = x.proof_number and p.unit_number = x.unit_number
        on conflict do nothing`.execute(tx);
    const a = r.applications;
    if (a.length > 0) {
      // Step dates travel as one comma-separated text per application (unnest cannot take an array of arrays
      // of different lengths).
      await sql`insert into dept_real_estate.applications (application_number, city_code, kind, location, submitted_on,
          step_dates, updated_at)
        select x.application_number, x.city_code, x.kind, x.location, x.submitted_on,
          string_to_array(x.steps, ',')::date[], x.updated_at
        from unnest(${col(a, 'applicationNumber')}::text[], ${col(a, 'cityCode')}::text[], ${col(a, 'kind')}::text[],
          ${col(a, 'location')}::text[], ${col(a, 'submittedOn')}::date[], ${a.map((x) => x.stepDates.join(','))}::text[],
          ${col(a, 'updatedAt')}::timestamptz[])
          as x (application_number, city_code, kind, location, submitted_on, steps, updated_at)
        on conflict do nothing`.execute(tx);
      const ap = r.applicants;
      await sql`insert into dept_real_estate.applicants (application_number, id_number)
        select x.application_number, x.id_number
        from unnest(${col(ap, 'applicationNumber')}::text[], ${col(ap, 'location')}::text[], ${col(ap, 'idNumber')}::text[])
          as x (application_number, location, id_number)
        join dept_real_estate.applications a on a.application_number = x.application_number and a.location = x.location
        on conflict do nothing`.execute(tx);
    }
    const m = r.platMaps;
    if (m.length > 0)
      await sql`insert into dept_real_estate.plat_maps (certificate_number, parcel_code, parcel_area_cm2, parcel, building,
          boundaries, surveyed_on)
        select x.certificate_number, x.parcel_code, x.parcel_area_cm2, x.parcel, x.building, x.boundaries, x.surveyed_on
        from unnest(${col(m, 'certificateNumber')}::text[], ${col(m, 'unitNumber')}::text[], ${col(m, 'parcelCode')}::text[],
          ${col(m, 'parcelAreaCm2')}::int[], ${m.map((x) => JSON.stringify(x.parcel))}::jsonb[],
          ${m.map((x) => JSON.stringify(x.building))}::jsonb[], ${col(m, 'boundaries')}::text[], ${col(m, 'surveyedOn')}::date[])
          as x (certificate_number, unit_number, parcel_code, parcel_area_cm2, parcel, building, boundaries, surveyed_on)
        join dept_real_estate.titles t on t.certificate_number = x.certificate_number and t.unit_number = x.unit_number
        on conflict do nothing`.execute(tx);
  });
}
