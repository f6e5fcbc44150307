import { randomInt } from 'node:crypto';
import { normalizePlate, parseInvoiceCode } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DepartmentImplementation } from '../framework/contract.js';
import { taxAuthorityOf } from './authorities.js';
import { certificateNumber, maskIdNumber, maskName, purchaseCertificateNumber } from './certificates.js';
import {
  CERTIFICATE_KIND_NAMES,
  INVOICE_STATUS_NAMES,
  type IssueCertificateInput,
  type TaxCertificate,
  type TaxedVehicle,
  type TaxSpec,
  VERIFIED_BY_AMOUNT,
  type VehiclePurchase,
  type VerifyInvoiceInput,
} from './contract.js';
import { computePurchaseTax } from './purchase-tax.js';
import { declaredOn, type WageMonth, type WagePeriod, wageMonths, yuan } from './rules.js';
import { type TaxDb, type TaxTables, taxDb } from './tables.js';

/** Timestamps as the department states them: China time, to the second. */
const CHINA_TS = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;
const DATE_TEXT = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** Today in China, YYYY-MM-DD (writes happen now, not on the synthetic province's date). */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The embedded sandbox of the tax system: answers from its own schema (dept_tax) only. Monthly income-tax
 * and fee details are expanded from the stored wage declarations by the rules of rules.ts.
 */
export function taxSandbox<DB extends TaxTables>(handle: Kysely<DB>): DepartmentImplementation<TaxSpec> {
  const db = taxDb(handle);

  /** An issued e-tax certificate by its number, as verification reads it (the taxpayer is masked on the way out). */
  async function certificateByNumber(number: string) {
    const row = await db
      .selectFrom('dept_tax.tax_certificates')
      .select([
        'number',
        'kind',
        'taxpayer_name',
        'id_number',
        'from_month',
        'to_month',
        'total_fen',
        'tax_authority',
        DATE_TEXT('issued_on').as('issued_on'),
      ])
      .where('number', '=', number)
      .executeTakeFirst();
    return row && { ...row, total_fen: Number(row.total_fen) };
  }

  async function taxpayerWithMonths(idNumber: string) {
    const taxpayer = await db
      .selectFrom('dept_tax.taxpayers')
      .select(['name', CHINA_TS('updated_at').as('updated_at')])
      .where('id_number', '=', idNumber)
      .executeTakeFirst();
    if (!taxpayer) return undefined;
    const rows = await db
      .selectFrom('dept_tax.wage_periods')
      .select(['agent_uscc', 'agent_name', 'agent_region_code', 'monthly_wage', 'from_month', 'to_month'])
      .where('id_number', '=', idNumber)
      .execute();
    const periods: WagePeriod[] = rows.map((r) => ({
      agentUscc: r.agent_uscc,
      agentName: r.agent_name,
      agentRegionCode: r.agent_region_code,
      monthlyWage: r.monthly_wage,
      from: r.from_month,
      to: r.to_month,
    }));
    return { taxpayer, months: wageMonths(periods) };
  }

  const inPeriod = (months: WageMonth[], from: string, to: string) =>
    months.filter((m) => m.month >= from && m.month <= to);

  return {
    async incomeTaxDetails({ idNumber, from, to }) {
      const found = await taxpayerWithMonths(idNumber);
      if (!found) return { details: null };
      const months = inPeriod(found.months, from, to);
      return {
        details: {
          from,
          to,
          records: months.map((m) => ({
            month: m.month,
            incomeItem: '正常工资薪金所得' as const,
            withholdingAgent: { name: m.period.agentName, uscc: m.period.agentUscc },
            income: yuan(m.incomeFen),
            basicDeduction: yuan(m.basicDeductionFen),
            socialInsurance: yuan(m.insuranceFen),
            tax: yuan(m.taxFen),
            declaredOn: declaredOn(m.month, m.period.agentUscc),
            taxAuthority: taxAuthorityOf(m.period.agentRegionCode),
          })),
          totalIncome: yuan(months.reduce((s, m) => s + m.incomeFen, 0)),
          totalTax: yuan(months.reduce((s, m) => s + m.taxFen, 0)),
          updatedAt: found.taxpayer.updated_at,
        },
      };
    },

    async socialInsuranceFeeDetails({ idNumber, from, to }) {
      const found = await taxpayerWithMonths(idNumber);
      if (!found) return { details: null };
      const months = inPeriod(found.months, from, to);
      const unit = (m: WageMonth) => m.insurances.reduce((s, i) => s + i.unitFen, 0);
      return {
        details: {
          from,
          to,
          records: months.map((m) => ({
            month: m.month,
            payer: { name: m.period.agentName, uscc: m.period.agentUscc },
            contributionBase: m.contributionBase,
            items: m.insurances.map((i) => ({
              kind: i.kind,
              name: i.name,
              unitAmount: yuan(i.unitFen),
              personalAmount: yuan(i.personalFen),
            })),
            unitTotal: yuan(unit(m)),
            personalTotal: yuan(m.insuranceFen),
            paidOn: declaredOn(m.month, m.period.agentUscc),
            taxAuthority: taxAuthorityOf(m.period.agentRegionCode),
          })),
          unitTotal: yuan(months.reduce((s, m) => s + unit(m), 0)),
          personalTotal: yuan(months.reduce((s, m) => s + m.insuranceFen, 0)),
          updatedAt: found.taxpayer.updated_at,
        },
      };
    },

    async issueTaxCertificate(input: z.output<typeof IssueCertificateInput>) {
      const found = await taxpayerWithMonths(input.idNumber);
      const months = found ? inPeriod(found.months, input.from, input.to) : [];
      if (!found || months.length === 0) return { issued: false as const, reason: 'no-records' as const };
      const totalFen =
        input.kind === 'income-tax'
          ? months.reduce((s, m) => s + m.taxFen, 0)
          : months.reduce((s, m) => s + m.insuranceFen, 0);
      const latest = months[months.length - 1] as WageMonth;
      const authority = taxAuthorityOf(latest.period.agentRegionCode);
      const issuedOn = chinaToday();
      // A fresh number: retried on the (unlikely) clash with one already issued.
      for (let attempt = 0; ; attempt++) {
        const number = certificateNumber(latest.period.agentRegionCode, issuedOn, randomSerial());
        const inserted = await db
          .insertInto('dept_tax.tax_certificates')
          .values({
            number,
            id_number: input.idNumber,
            taxpayer_name: found.taxpayer.name,
            kind: input.kind,
            from_month: input.from,
            to_month: input.to,
            total_fen: totalFen,
            issued_on: issuedOn,
            tax_authority: authority,
            delivery_method: input.delivery.method,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('number')
          .executeTakeFirst();
        if (inserted) {
          return {
            issued: true as const,
            certificate: certificateOut({
              number,
              kind: input.kind,
              taxpayer_name: found.taxpayer.name,
              id_number: input.idNumber,
              from_month: input.from,
              to_month: input.to,
              total_fen: totalFen,
              issued_on: issuedOn,
              tax_authority: authority,
            }),
          };
        }
        if (attempt > 5) throw new Error('could not draw a free certificate number');
      }
    },

    async verifyTaxCertificate({ number }) {
      const row = await certificateByNumber(number);
      return { certificate: row ? certificateOut(row) : null };
    },

    async verifyTaxList({ number, idNumberTail }) {
      const row = await certificateByNumber(number);
      // The same answer for "no such list", "not an income-tax certificate" and "the tail does not match": a wrong
      // tail teaches nothing.
      if (!row) return { list: null };
      if (row.kind !== 'income-tax' || !row.id_number.toUpperCase().endsWith(idNumberTail)) return { list: null };
      const found = await taxpayerWithMonths(row.id_number);
      const months = found ? inPeriod(found.months, row.from_month, row.to_month) : [];
      return {
        list: {
          certificate: certificateOut(row),
          records: months.map((m) => ({
            month: m.month,
            incomeItem: '正常工资薪金所得' as const,
            withholdingAgentName: m.period.agentName,
            income: yuan(m.incomeFen),
            tax: yuan(m.taxFen),
          })),
        },
      };
    },

    async vehicleTaxOf({ idNumber }) {
      return { vehicles: await vehicles(db, { owner: idNumber }) };
    },

    async vehicleTaxByPlate({ plate, ownerIdNumber }) {
      const [vehicle] = await vehicles(db, { owner: ownerIdNumber, plate: normalizePlate(plate) });
      return { vehicle: vehicle ?? null };
    },

    async payVehicleTax(input) {
      const plate = normalizePlate(input.plate);
      return db.transaction().execute(async (tx) => {
        const replay = await receiptOf(tx, input.paymentReference);
        if (replay) return { paid: true as const, receipt: replay };
        const vehicle = await tx
          .selectFrom('dept_tax.vehicles')
          .select('plate')
          .where('plate', '=', plate)
          .where('owner_id_number', '=', input.ownerIdNumber)
          .executeTakeFirst();
        if (!vehicle) return { paid: false as const, reason: 'vehicle-not-found' as const };
        const paidOn = chinaToday();
        // Claim the unpaid years in one statement: a concurrent payment of the same years claims none.
        const claimed = await tx
          .updateTable('dept_tax.vehicle_tax_years')
          .set({ status: 'paid', paid_on: paidOn, collected_by: '粤省事' })
          .where('plate', '=', plate)
          .where('status', '=', 'unpaid')
          .where('tax_year', 'in', input.years)
          .returning(['tax_year', 'amount_fen'])
          .execute();
        if (claimed.length === 0) return { paid: false as const, reason: 'nothing-due' as const };
        const years = claimed.map((c) => c.tax_year).sort((a, b) => a - b);
        const amountFen = claimed.reduce((s, c) => s + c.amount_fen, 0);
        await tx
          .insertInto('dept_tax.vehicle_tax_payments')
          .values({
            payment_reference: input.paymentReference,
            plate,
            payer_id_number: input.payerIdNumber,
            years,
            amount_fen: amountFen,
            paid_on: paidOn,
            certificate_number: certificateNumber('440000', paidOn, randomSerial()),
          })
          .execute();
        return { paid: true as const, receipt: (await receiptOf(tx, input.paymentReference)) as NonNullable<Receipt> };
      });
    },

    async vehiclePurchasesOf({ idNumber }) {
      const rows = await db
        .selectFrom('dept_tax.vehicle_purchases')
        .select(PURCHASE_COLUMNS)
        .where('buyer_id_number', '=', idNumber)
        .orderBy('issued_on', 'desc')
        .orderBy('invoice_number')
        .execute();
      const today = chinaToday();
      return { purchases: rows.map((r) => purchaseOut(r, today)) };
    },

    async payPurchaseTax(input) {
      return db.transaction().execute(async (tx) => {
        const replay = await tx
          .selectFrom('dept_tax.vehicle_purchases')
          .select(PURCHASE_COLUMNS)
          .where('payment_reference', '=', input.paymentReference)
          .executeTakeFirst();
        if (replay) return { paid: true as const, receipt: purchaseReceipt(replay) };
        const row = await tx
          .selectFrom('dept_tax.vehicle_purchases')
          .select(PURCHASE_COLUMNS)
          .where('invoice_code', '=', input.invoiceCode)
          .where('invoice_number', '=', input.invoiceNumber)
          .where('buyer_id_number', '=', input.idNumber)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return { paid: false as const, reason: 'not-found' as const };
        if (row.status === 'paid') return { paid: false as const, reason: 'already-paid' as const };
        const today = chinaToday();
        const due = computePurchaseTax(
          { totalFen: Number(row.total_fen), purchasedOn: row.issued_on, kind: row.vehicle_kind },
          today,
        );
        if (Math.round(input.amount * 100) !== due.totalDueFen) {
          return { paid: false as const, reason: 'amount-mismatch' as const, amountDue: yuan(due.totalDueFen) };
        }
        // Claim it in one statement: a concurrent payment of the same purchase claims nothing.
        const claimed = await tx
          .updateTable('dept_tax.vehicle_purchases')
          .set({
            status: 'paid',
            paid_on: today,
            paid_fen: due.totalDueFen,
            late_fee_fen: due.lateFeeFen,
            payment_reference: input.paymentReference,
            certificate_number: purchaseCertificateNumber(today, randomSerial()),
          })
          .where('invoice_code', '=', row.invoice_code)
          .where('invoice_number', '=', row.invoice_number)
          .where('status', '=', 'unpaid')
          .returning(PURCHASE_COLUMNS)
          .executeTakeFirst();
        if (!claimed) return { paid: false as const, reason: 'already-paid' as const };
        return { paid: true as const, receipt: purchaseReceipt(claimed) };
      });
    },

    async verifyInvoice(input: z.output<typeof VerifyInvoiceInput>) {
      const code = input.code?.replace(/\s/g, '') || null;
      const number = input.number.replace(/\s/g, '');
      const row = await db
        .selectFrom('dept_tax.invoices')
        .selectAll()
        .select(DATE_TEXT('issued_on').as('issued_on_text'))
        .where(sql`coalesce(code, '')`, '=', code ?? '')
        .where('number', '=', number)
        .executeTakeFirst();
      if (!row) return { result: 'not-found' as const };
      const amountFen = Number(row.amount_fen);
      const taxFen = Number(row.tax_fen);
      let matches = row.issued_on_text === input.issuedOn;
      const typedFen = input.amount === undefined ? undefined : Math.round(input.amount * 100);
      if (code === null) matches &&= typedFen === amountFen + taxFen;
      else if (VERIFIED_BY_AMOUNT.has(kindOfCode(code))) matches &&= typedFen === amountFen;
      else {
        const typed = (input.checkCode ?? '').replace(/\s/g, '').slice(-6);
        matches &&= typed.length === 6 && (row.check_code ?? '').endsWith(typed);
      }
      if (!matches) return { result: 'inconsistent' as const };
      return {
        result: 'consistent' as const,
        invoice: {
          kind: row.kind,
          code: row.code,
          number: row.number,
          issuedOn: row.issued_on_text,
          seller: { name: row.seller_name, uscc: row.seller_uscc },
          buyer: { name: row.buyer_name, taxId: row.buyer_tax_id },
          goods: row.goods,
          amount: yuan(amountFen),
          tax: yuan(taxFen),
          total: yuan(amountFen + taxFen),
          checkCode: row.check_code,
          status: row.status,
          statusName: INVOICE_STATUS_NAMES[row.status],
        },
      };
    },

    async lostInvoiceCheck({ code, number }) {
      const row = await db
        .selectFrom('dept_tax.lost_invoices')
        .select(['seller_uscc', 'seller_name', 'tax_authority', DATE_TEXT('reported_on').as('reported_on')])
        .where('code', '=', code.replace(/\s/g, ''))
        .where('number', '=', number.replace(/\s/g, ''))
        .executeTakeFirst();
      if (!row) return { reported: false as const };
      return {
        reported: true as const,
        kind: kindName(code.replace(/\s/g, '')),
        reportedOn: row.reported_on,
        seller: { name: row.seller_name, uscc: row.seller_uscc },
        taxAuthority: row.tax_authority,
      };
    },
  };
}

const PURCHASE_COLUMNS = [
  'invoice_code',
  'invoice_number',
  DATE_TEXT('issued_on').as('issued_on'),
  'seller_uscc',
  'seller_name',
  'total_fen',
  'vin',
  'model',
  'vehicle_kind',
  'status',
  DATE_TEXT('paid_on').as('paid_on'),
  'paid_fen',
  'late_fee_fen',
  'payment_reference',
  'certificate_number',
] as const;

interface PurchaseRow {
  invoice_code: string;
  invoice_number: string;
  issued_on: string;
  seller_uscc: string;
  seller_name: string;
  total_fen: number | string;
  vin: string;
  model: string;
  vehicle_kind: 'fuel' | 'new-energy';
  status: 'unpaid' | 'paid';
  paid_on: string | null;
  paid_fen: number | string | null;
  late_fee_fen: number | string | null;
  payment_reference: string | null;
  certificate_number: string | null;
}

/** A purchase with its tax: as owed on `today` while unpaid; as it was when paid (the late fee then) once paid. */
function purchaseOut(r: PurchaseRow, today: string): z.input<typeof VehiclePurchase> {
  const paid = r.status === 'paid' && r.paid_on !== null && r.certificate_number !== null;
  const c = computePurchaseTax(
    { totalFen: Number(r.total_fen), purchasedOn: r.issued_on, kind: r.vehicle_kind },
    paid ? (r.paid_on as string) : today,
  );
  return {
    invoice: {
      code: r.invoice_code,
      number: r.invoice_number,
      issuedOn: r.issued_on,
      seller: { name: r.seller_name, uscc: r.seller_uscc },
      total: yuan(Number(r.total_fen)),
    },
    vin: r.vin,
    model: r.model,
    vehicleKind: r.vehicle_kind,
    taxablePrice: yuan(c.taxablePriceFen),
    tax: yuan(c.taxFen),
    relief: yuan(c.reliefFen),
    reliefRule: c.reliefRule,
    payableTax: yuan(c.payableTaxFen),
    deadline: c.deadline,
    overdueDays: c.overdueDays,
    lateFee: yuan(paid ? Number(r.late_fee_fen ?? 0) : c.lateFeeFen),
    totalDue: paid ? 0 : yuan(c.totalDueFen),
    status: paid ? 'paid' : 'unpaid',
    paid: paid
      ? {
          paidOn: r.paid_on as string,
          amount: yuan(Number(r.paid_fen ?? 0)),
          lateFee: yuan(Number(r.late_fee_fen ?? 0)),
          certificateNumber: r.certificate_number as string,
        }
      : null,
  };
}

function purchaseReceipt(r: PurchaseRow) {
  return {
    paymentReference: r.payment_reference as string,
    vin: r.vin,
    amount: yuan(Number(r.paid_fen ?? 0)),
    lateFee: yuan(Number(r.late_fee_fen ?? 0)),
    paidOn: r.paid_on as string,
    certificateNumber: r.certificate_number as string,
  };
}

type Receipt = Awaited<ReturnType<typeof receiptOf>>;

async function receiptOf(db: TaxDb, reference: string) {
  const row = await db
    .selectFrom('dept_tax.vehicle_tax_payments')
    .select([
      'payment_reference',
      'plate',
      'years',
      'amount_fen',
      'certificate_number',
      DATE_TEXT('paid_on').as('paid_on'),
    ])
    .where('payment_reference', '=', reference)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    paymentReference: row.payment_reference,
    plate: row.plate,
    years: [...row.years].map(Number).sort((a, b) => a - b),
    amount: yuan(row.amount_fen),
    paidOn: row.paid_on,
    certificateNumber: row.certificate_number,
  };
}

async function vehicles(db: TaxDb, where: { owner: string; plate?: string }): Promise<z.input<typeof TaxedVehicle>[]> {
  let query = db
    .selectFrom('dept_tax.vehicles')
    .select([
      'plate',
      'vehicle_type',
      'displacement_cc',
      'energy',
      DATE_TEXT('registered_on').as('registered_on'),
      CHINA_TS('updated_at').as('updated_at'),
    ])
    .where('owner_id_number', '=', where.owner);
  if (where.plate) query = query.where('plate', '=', where.plate);
  const rows = await query.orderBy('registered_on').orderBy('plate').execute();
  if (rows.length === 0) return [];
  const years = await db
    .selectFrom('dept_tax.vehicle_tax_years')
    .select(['plate', 'tax_year', 'amount_fen', 'status', 'collected_by', DATE_TEXT('paid_on').as('paid_on')])
    .where(
      'plate',
      'in',
      rows.map((r) => r.plate),
    )
    .orderBy('tax_year')
    .execute();
  return rows.map((r) => {
    const own = years.filter((y) => y.plate === r.plate);
    return {
      plate: r.plate,
      vehicleType: r.vehicle_type,
      displacementLitres: r.displacement_cc === null ? null : Math.round(r.displacement_cc / 100) / 10,
      energy: r.energy,
      registeredOn: r.registered_on,
      years: own.map((y) => ({
        year: y.tax_year,
        amount: yuan(y.amount_fen),
        status: y.status,
        paidOn: y.paid_on,
        collectedBy: y.collected_by,
      })),
      amountDue: yuan(own.filter((y) => y.status === 'unpaid').reduce((s, y) => s + y.amount_fen, 0)),
      updatedAt: r.updated_at,
    };
  });
}

function kindOfCode(code: string): string {
  const parsed = parseInvoiceCode(code);
  return parsed.ok ? parsed.kind : 'general';
}

function kindName(code: string): string {
  const parsed = parseInvoiceCode(code);
  return parsed.ok ? parsed.kindName : '发票';
}

function randomSerial(): string {
  return String(randomInt(0, 100_000_000_000)).padStart(11, '0');
}

function certificateOut(row: {
  number: string;
  kind: z.infer<typeof TaxCertificate>['kind'];
  taxpayer_name: string;
  id_number: string;
  from_month: string;
  to_month: string;
  total_fen: number;
  issued_on: string;
  tax_authority: string;
}): z.input<typeof TaxCertificate> {
  return {
    number: row.number,
    kind: row.kind,
    kindName: CERTIFICATE_KIND_NAMES[row.kind],
    taxpayerName: maskName(row.taxpayer_name),
    idNumberMasked: maskIdNumber(row.id_number),
    from: row.from_month,
    to: row.to_month,
    total: yuan(row.total_fen),
    issuedOn: row.issued_on,
    taxAuthority: row.tax_authority,
  };
}
