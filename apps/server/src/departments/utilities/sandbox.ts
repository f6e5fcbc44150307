import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DepartmentImplementation } from '../framework/contract.js';
import { normaliseRegisteredName } from '../population-register/contract.js';
import { COMPANIES, type Company, companyById, UTILITY_NAMES, UTILITY_UNITS } from './companies.js';
import type { CompanyInfo, UtilitiesSpec, UtilityAccount } from './contract.js';
import { districtOf, GUANGZHOU_DISTRICTS, gasInterruptions, powerInterruptions } from './outages.js';
import { type UtilitiesDb, type UtilitiesTables, utilitiesDb } from './tables.js';

const yuan = (fen: number) => Math.round(fen) / 100;
const at = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** 张伟 → *伟: enough for someone paying for a relative to recognise the account, no more. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return '*'.repeat(Math.max(0, chars.length - 1)) + (chars.at(-1) ?? '');
}

/** The address up to the district (区, 县, county-level 市, 镇 or 街道), the rest hidden. */
export function maskAddress(address: string): string {
  const m = address.match(/^(广东省[^市]+市)(.+?(?:区|县|市|镇|街道))/u);
  return `${m ? `${m[1] ?? ''}${m[2] ?? ''}` : Array.from(address).slice(0, 6).join('')}****`;
}

function companyInfo(c: Company): z.input<typeof CompanyInfo> {
  // Group the months by the tiers that apply (power: summer and the rest; gas, water: all year).
  const seasons: { months: number[]; tiers: ReturnType<Company['tariff']['tiers']> }[] = [];
  for (let month = 1; month <= 12; month++) {
    const tiers = c.tariff.tiers(month);
    const season = seasons.find((s) => s.tiers === tiers);
    if (season) season.months.push(month);
    else seasons.push({ months: [month], tiers });
  }
  return {
    id: c.id,
    name: c.name,
    utility: c.utility,
    utilityName: UTILITY_NAMES[c.utility],
    cityCodes: [...c.cityCodes],
    accountFormat: c.accountFormat,
    hotline: c.hotline,
    unit: UTILITY_UNITS[c.utility],
    tariff: {
      period: c.tariff.period,
      note: c.tariff.note,
      seasons: seasons.map((s) => ({
        months: s.months,
        tiers: s.tiers.map((t) => ({ tier: t.tier, upTo: t.upTo, unitPrice: yuan(t.priceFen) })),
      })),
    },
  };
}

/**
 * The embedded sandbox of the utility companies' billing systems, answering from schema dept_gongyong.
 * Paying marks one bill paid with a new payment reference (the payment provider itself is another issue's).
 */
export class SandboxUtilities {
  constructor(
    private readonly db: UtilitiesDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** 自报读数: the last reading is the newest bill's current reading; a lower one is refused. */
  async checkMeterReading(input: { companyId: string; accountNumber: string; reading: number }) {
    const account = await this.selectAccounts()
      .where('account_number', '=', input.accountNumber)
      .where('company_id', '=', input.companyId as Company['id'])
      .executeTakeFirst();
    if (!account) return { outcome: 'not-found' as const };
    const last = await this.db
      .selectFrom('dept_gongyong.bills')
      .select(['current_reading'])
      .select(day('issued_on').as('issued_on'))
      .where('account_number', '=', account.account_number)
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    const lastReading = last?.current_reading ?? 0;
    const lastReadOn = last?.issued_on ?? account.opened_on;
    return {
      outcome: input.reading >= lastReading ? ('accepted' as const) : ('below-last' as const),
      lastReading,
      lastReadOn,
    };
  }

  async gasInterruptions(input: { district?: string | undefined }) {
    return {
      districts: [...GUANGZHOU_DISTRICTS],
      interruptions: gasInterruptions(this.now(), input.district || undefined),
    };
  }

  async powerInterruptions(input: { companyId: string; accountNumber: string }) {
    const account = await this.selectAccounts()
      .where('account_number', '=', input.accountNumber)
      .where('company_id', '=', input.companyId as Company['id'])
      .executeTakeFirst();
    if (!account || companyById(account.company_id)?.utility !== 'power') return { account: null, interruptions: [] };
    return {
      account: {
        accountNumber: account.account_number,
        district: districtOf(account.address) ?? '市辖区',
        addressMasked: maskAddress(account.address),
      },
      interruptions: powerInterruptions(this.now(), account.city_code, account.address),
    };
  }

  async companies(input: { cityCode?: string | undefined }) {
    const list = input.cityCode
      ? COMPANIES.filter((c) => (c.cityCodes as readonly string[]).includes(input.cityCode as string))
      : COMPANIES;
    return { companies: list.map(companyInfo) };
  }

  async findAccount(input: { companyId: string; accountNumber: string; holderName: string }) {
    const row = await this.selectAccounts()
      .where('account_number', '=', input.accountNumber)
      .where('company_id', '=', input.companyId as Company['id'])
      .executeTakeFirst();
    // One answer for an unknown number and a wrong name: nothing tells which.
    if (!row || normaliseRegisteredName(row.holder_name) !== normaliseRegisteredName(input.holderName)) {
      return { account: null };
    }
    return { account: toAccount(row) };
  }

  async accountsOfHolder(input: { idNumber: string }) {
    const rows = await this.selectAccounts()
      .where('holder_id_number', '=', input.idNumber)
      .orderBy('company_id')
      .orderBy('account_number')
      .execute();
    return { accounts: rows.map(toAccount) };
  }

  async bills(input: { companyId: string; accountNumber: string; from?: string | undefined; to?: string | undefined }) {
    const account = await this.selectAccounts()
      .where('account_number', '=', input.accountNumber)
      .where('company_id', '=', input.companyId as Company['id'])
      .executeTakeFirst();
    if (!account) return { account: null, bills: [], amountDue: 0 };
    const company = companyById(account.company_id) as Company;
    let query = this.db
      .selectFrom('dept_gongyong.bills')
      .select(['period', 'previous_reading', 'current_reading', 'consumption', 'charges', 'amount_fen', 'status'])
      .select([day('issued_on').as('issued_on'), day('due_on').as('due_on')])
      .select([at('paid_at').as('paid_at'), at('updated_at').as('updated_at')])
      .where('account_number', '=', account.account_number);
    if (input.from) query = query.where('period', '>=', input.from);
    if (input.to) query = query.where('period', '<=', input.to);
    const [rows, due] = await Promise.all([
      query.orderBy('period', 'desc').execute(),
      this.db
        .selectFrom('dept_gongyong.bills')
        .select(sql<string | null>`sum(amount_fen)`.as('fen'))
        .where('account_number', '=', account.account_number)
        .where('status', '=', 'unpaid')
        .executeTakeFirstOrThrow(),
    ]);
    return {
      account: {
        accountNumber: account.account_number,
        companyId: account.company_id,
        companyName: company.name,
        utility: company.utility,
        holderNameMasked: maskName(account.holder_name),
        addressMasked: maskAddress(account.address),
      },
      bills: rows.map((b) => ({
        period: b.period,
        previousReading: b.previous_reading,
        currentReading: b.current_reading,
        consumption: b.consumption,
        unit: UTILITY_UNITS[company.utility],
        charges: b.charges.map((c) => ({
          tier: c.tier,
          quantity: c.quantity,
          unitPrice: yuan(c.priceFen),
          amount: yuan(c.amountFen),
        })),
        amount: yuan(b.amount_fen),
        issuedOn: b.issued_on,
        dueOn: b.due_on,
        status: b.status,
        statusName: b.status === 'paid' ? '已缴费' : '待缴费',
        paidAt: b.paid_at,
        updatedAt: b.updated_at,
      })),
      amountDue: yuan(Number(due.fen ?? 0)),
    };
  }

  async payBill(input: { companyId: string; accountNumber: string; period: string; amount: number }) {
    const fen = Math.round(input.amount * 100);
    const reference = paymentReference();
    const bill = this.db
      .selectFrom('dept_gongyong.accounts')
      .select('account_number')
      .where('account_number', '=', input.accountNumber)
      .where('company_id', '=', input.companyId as Company['id']);
    // One statement: only an unpaid bill of exactly this amount becomes paid, so two payments racing for
    // the same bill cannot both succeed.
    const paid = await this.db
      .updateTable('dept_gongyong.bills')
      .set({
        status: 'paid',
        paid_at: sql<string>`now()`,
        payment_reference: reference,
        updated_at: sql<string>`now()`,
      })
      .where('account_number', 'in', bill)
      .where('period', '=', input.period)
      .where('status', '=', 'unpaid')
      .where('amount_fen', '=', fen)
      .returning(at('paid_at').as('paid_at'))
      .executeTakeFirst();
    if (paid) return { outcome: 'paid' as const, paymentReference: reference, paidAt: paid.paid_at, amount: yuan(fen) };
    const existing = await this.db
      .selectFrom('dept_gongyong.bills')
      .select(['status', 'amount_fen'])
      .select(at('paid_at').as('paid_at'))
      .where('account_number', 'in', bill)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (!existing) return { outcome: 'not-found' as const };
    if (existing.status === 'paid') return { outcome: 'already-paid' as const, paidAt: existing.paid_at };
    return { outcome: 'amount-mismatch' as const, amountDue: yuan(existing.amount_fen) };
  }

  private selectAccounts() {
    return this.db
      .selectFrom('dept_gongyong.accounts')
      .select(['account_number', 'company_id', 'city_code', 'holder_name', 'address'])
      .select([day('opened_on').as('opened_on'), at('updated_at').as('updated_at')]);
  }
}

/** P + the time of payment (Beijing) + 8 random hex characters. */
function paymentReference(): string {
  const beijing = new Date(Date.now() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `P${beijing}${randomBytes(4).toString('hex').toUpperCase()}`;
}

function toAccount(row: {
  account_number: string;
  company_id: Company['id'];
  city_code: string;
  holder_name: string;
  address: string;
  opened_on: string;
  updated_at: string;
}): z.input<typeof UtilityAccount> {
  const company = companyById(row.company_id) as Company;
  return {
    accountNumber: row.account_number,
    companyId: row.company_id,
    companyName: company.name,
    utility: company.utility,
    utilityName: UTILITY_NAMES[company.utility],
    cityCode: row.city_code as z.input<typeof UtilityAccount>['cityCode'],
    holderName: row.holder_name,
    address: row.address,
    openedOn: row.opened_on,
    updatedAt: row.updated_at,
  };
}

export function utilitiesSandbox<DB extends UtilitiesTables>(db: Kysely<DB>): DepartmentImplementation<UtilitiesSpec> {
  const s = new SandboxUtilities(utilitiesDb(db));
  return {
    companies: (input) => s.companies(input),
    findAccount: (input) => s.findAccount(input),
    accountsOfHolder: (input) => s.accountsOfHolder(input),
    bills: (input) => s.bills(input),
    payBill: (input) => s.payBill(input),
    checkMeterReading: (input) => s.checkMeterReading(input),
    gasInterruptions: (input) => s.gasInterruptions(input),
    powerInterruptions: (input) => s.powerInterruptions(input),
  };
}
