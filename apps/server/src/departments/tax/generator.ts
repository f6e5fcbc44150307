import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { PeopleBatch } from '../population-register/generator.js';
import { type Life, lifeOf } from '../province/life.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { taxAuthorityOf } from './authorities.js';
import { certificateNumber } from './certificates.js';
import { demoTaxRecords } from './demo.js';
import { personInvoices } from './invoices-gen.js';
import { lastDeclaredMonth, type TaxRecords } from './records.js';
import { declaredOn, RECORDS_FROM, type WagePeriod, wageMonths } from './rules.js';
import { addVehicles } from './vehicles-gen.js';

/** Everything the tax system holds for a batch of people (pure: no database). */
export function taxRecordsFor(batch: PeopleBatch, ctx: SeedContext): TaxRecords {
  const out: TaxRecords = {
    taxpayers: [],
    wagePeriods: [],
    vehicles: [],
    vehicleTaxYears: [],
    invoices: [],
    vehiclePurchases: [],
    lostInvoices: [],
    certificates: [],
  };
  const lastMonth = lastDeclaredMonth(ctx.asOf);
  for (const person of batch.people) {
    const life = lifeOf(person, ctx);
    const periods = wagePeriodsOf(person, life, lastMonth);
    const before = { vehicles: out.vehicles.length, certificates: out.certificates.length };
    out.wagePeriods.push(...periods);
    const demo = demoTaxRecords(person, ctx, life);
    if (person.status === 'normal') {
      if (demo) {
        out.vehicles.push(...demo.vehicles);
        out.vehicleTaxYears.push(...demo.vehicleTaxYears);
        out.invoices.push(...demo.invoices);
        out.lostInvoices.push(...demo.lostInvoices);
        out.vehiclePurchases.push(...demo.vehiclePurchases);
      } else {
        addVehicles(out, person, life, ctx);
        const invoices = personInvoices(person, life, ctx);
        out.invoices.push(...invoices.invoices);
        out.lostInvoices.push(...invoices.lost);
      }
      addCertificate(out, person, periods, ctx, demo?.certificateNumber);
    }
    const hasRecords =
      periods.length > 0 || out.vehicles.length > before.vehicles || out.certificates.length > before.certificates;
    if (!hasRecords) continue;
    const last =
      periods
        .map((p) => p.to)
        .sort()
        .at(-1) ?? '';
    const updatedOn = last ? declaredOn(last, periods.find((p) => p.to === last)?.agentUscc ?? '') : ctx.asOf;
    out.taxpayers.push({ idNumber: person.idNumber, name: person.name, updatedAt: `${updatedOn}T09:30:00+08:00` });
  }
  return out;
}

/** Jobs of the life as the tax system saw them: from 2016-01 to the last declared month. */
function wagePeriodsOf(person: RegisteredPerson, life: Life, lastMonth: string) {
  return life.jobs.flatMap((job) => {
    const from = job.from.localeCompare(RECORDS_FROM) > 0 ? job.from : RECORDS_FROM;
    const to = job.to === null || job.to > lastMonth ? lastMonth : job.to;
    if (from > to) return [];
    return [
      {
        idNumber: person.idNumber,
        agentUscc: job.employer.uscc,
        agentName: job.employer.name,
        agentRegionCode: job.employer.regionCode,
        monthlyWage: job.monthlyWage,
        from,
        to,
      },
    ];
  });
}

/**
 * 电子完税证明 already issued: some people with tax withheld before 2019 printed a certificate for one of
 * those years (粤省事 issues them for years before 2019). The total is the same computation the details use.
 */
function addCertificate(
  out: TaxRecords,
  person: RegisteredPerson,
  periods: WagePeriod[],
  ctx: SeedContext,
  fixedNumber: string | undefined,
) {
  const rng = ctx.rng('tax-certificates', person.personId);
  if (!fixedNumber && !rng.chance(0.15)) return;
  const byYear = new Map<string, ReturnType<typeof wageMonths>>();
  for (const m of wageMonths(periods)) {
    if (m.month >= '2019-01' || m.taxFen === 0) continue;
    byYear.set(m.month.slice(0, 4), [...(byYear.get(m.month.slice(0, 4)) ?? []), m]);
  }
  const years = [...byYear.keys()].sort();
  if (years.length === 0) return;
  const year = fixedNumber ? (years.at(-1) as string) : rng.pick(years);
  const months = byYear.get(year) ?? [];
  const latest = months.at(-1) as (typeof months)[number];
  const issuedOn = `${rng.int(2019, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const serial = String(rng.int(0, 99_999)).padStart(5, '0') + String(rng.int(0, 999_999)).padStart(6, '0');
  out.certificates.push({
    number: fixedNumber ?? certificateNumber(latest.period.agentRegionCode, issuedOn, serial),
    idNumber: person.idNumber,
    taxpayerName: person.name,
    kind: 'income-tax',
    fromMonth: `${year}-01`,
    toMonth: `${year}-12`,
    totalFen: months.reduce((s, m) => s + m.taxFen, 0),
    issuedOn: fixedNumber ? `20${fixedNumber.slice(5, 7)}-07-31` : issuedOn,
    taxAuthority: taxAuthorityOf(latest.period.agentRegionCode),
    deliveryMethod: rng.pick(['email', 'post', 'download'] as const),
  });
}

/** Write a batch's records (one transaction, one statement per table, `on conflict do nothing`). */
export async function insertTaxRecords(db: Db, records: TaxRecords): Promise<void> {
  const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);
  await db.transaction().execute(async (tx) => {
    const { taxpayers: tp, wagePeriods: wp, vehicles: v, vehicleTaxYears: vy, invoices: inv } = records;
    if (tp.length > 0)
      await sql`insert into dept_tax.taxpayers (id_number, name, updated_at)
        select * from unnest(${col(tp, 'idNumber')}::text[], ${col(tp, 'name')}::text[], ${col(tp, 'updatedAt')}::timestamptz[])
        on conflict do nothing`.execute(tx);
    if (wp.length > 0)
      await sql`insert into dept_tax.wage_periods
          (id_number, agent_uscc, agent_name, agent_region_code, monthly_wage, from_month, to_month)
        select * from unnest(${col(wp, 'idNumber')}::text[], ${col(wp, 'agentUscc')}::text[], ${col(wp, 'agentName')}::text[],
          ${col(wp, 'agentRegionCode')}::text[], ${col(wp, 'monthlyWage')}::int[], ${col(wp, 'from')}::text[], ${col(wp, 'to')}::text[])
        on conflict do nothing`.execute(tx);
    if (v.length > 0)
      await sql`insert into dept_tax.vehicles
          (plate, owner_id_number, vehicle_type, displacement_cc, energy, registered_on, updated_at)
        select * from unnest(${col(v, 'plate')}::text[], ${col(v, 'ownerIdNumber')}::text[], ${col(v, 'vehicleType')}::text[],
          ${col(v, 'displacementCc')}::int[], ${col(v, 'energy')}::text[], ${col(v, 'registeredOn')}::date[],
          ${col(v, 'updatedAt')}::timestamptz[])
        on conflict do nothing`.execute(tx);
    // A plate drawn twice (two owners) keeps its first owner; the second owner's tax years are not written.
    if (vy.length > 0)
      await sql`insert into dept_tax.vehicle_tax_years (plate, tax_year, amount_fen, status, paid_on, collected_by)
        select t.plate, t.tax_year, t.amount_fen, t.status, t.paid_on, t.collected_by
        from unnest(${col(vy, 'plate')}::text[], ${col(vy, 'ownerIdNumber')}::text[], ${col(vy, 'taxYear')}::int[],
          ${col(vy, 'amountFen')}::int[], ${col(vy, 'status')}::text[], ${col(vy, 'paidOn')}::date[], ${col(vy, 'collectedBy')}::text[])
          as t (plate, owner, tax_year, amount_fen, status, paid_on, collected_by)
        join dept_tax.vehicles v on v.plate = t.plate and v.owner_id_number = t.owner
        on conflict do nothing`.execute(tx);
    if (inv.length > 0)
      await sql`insert into dept_tax.invoices (code, number, kind, issued_on, seller_uscc, seller_name, buyer_name,
          buyer_tax_id, goods, amount_fen, tax_fen, check_code, status)
        select * from unnest(${col(inv, 'code')}::text[], ${col(inv, 'number')}::text[], ${col(inv, 'kind')}::text[],
          ${col(inv, 'issuedOn')}::date[], ${col(inv, 'sellerUscc')}::text[], ${col(inv, 'sellerName')}::text[],
          ${col(inv, 'buyerName')}::text[], ${col(inv, 'buyerTaxId')}::text[], ${col(inv, 'goods')}::text[],
          ${col(inv, 'amountFen')}::bigint[], ${col(inv, 'taxFen')}::bigint[], ${col(inv, 'checkCode')}::text[],
          ${col(inv, 'status')}::text[])
        on conflict do nothing`.execute(tx);
    const vp = records.vehiclePurchases;
    if (vp.length > 0)
      await sql`insert into dept_tax.vehicle_purchases (invoice_code, invoice_number, buyer_id_number, issued_on,
          seller_uscc, seller_name, total_fen, vin, model, vehicle_kind, status, paid_on, paid_fen, late_fee_fen,
          payment_reference, certificate_number)
        select * from unnest(${col(vp, 'invoiceCode')}::text[], ${col(vp, 'invoiceNumber')}::text[],
          ${col(vp, 'buyerIdNumber')}::text[], ${col(vp, 'issuedOn')}::date[], ${col(vp, 'sellerUscc')}::text[],
          ${col(vp, 'sellerName')}::text[], ${col(vp, 'totalFen')}::bigint[], ${col(vp, 'vin')}::text[],
          ${col(vp, 'model')}::text[], ${col(vp, 'vehicleKind')}::text[],
          ${vp.map((p) => (p.paid ? 'paid' : 'unpaid'))}::text[], ${vp.map((p) => p.paid?.paidOn ?? null)}::date[],
          ${vp.map((p) => p.paid?.paidFen ?? null)}::bigint[], ${vp.map((p) => p.paid?.lateFeeFen ?? null)}::bigint[],
          ${vp.map(() => null)}::text[], ${vp.map((p) => p.paid?.certificateNumber ?? null)}::text[])
        on conflict do nothing`.execute(tx);
    const lost = records.lostInvoices;
    if (lost.length > 0)
      await sql`insert into dept_tax.lost_invoices (code, number, reported_on, seller_uscc, seller_name, tax_authority)
        select * from unnest(${col(lost, 'code')}::text[], ${col(lost, 'number')}::text[], ${col(lost, 'reportedOn')}::date[],
          ${col(lost, 'sellerUscc')}::text[], ${col(lost, 'sellerName')}::text[], ${col(lost, 'taxAuthority')}::text[])
        on conflict do nothing`.execute(tx);
    const c = records.certificates;
    if (c.length > 0)
      await sql`insert into dept_tax.tax_certificates (number, id_number, taxpayer_name, kind, from_month, to_month,
          total_fen, issued_on, tax_authority, delivery_method)
        select * from unnest(${col(c, 'number')}::text[], ${col(c, 'idNumber')}::text[], ${col(c, 'taxpayerName')}::text[],
          ${col(c, 'kind')}::text[], ${col(c, 'fromMonth')}::text[], ${col(c, 'toMonth')}::text[], ${col(c, 'totalFen')}::bigint[],
          ${col(c, 'issuedOn')}::date[], ${col(c, 'taxAuthority')}::text[], ${col(c, 'deliveryMethod')}::text[])
        on conflict do nothing`.execute(tx);
  });
}

export const taxSeeder: DepartmentSeeder = {
  name: 'tax',
  async seedBatch(db, batch, ctx) {
    await insertTaxRecords(db, taxRecordsFor(batch, ctx));
  },
};
