import { type Kysely, sql } from 'kysely';
import { DEMO_PEOPLE, type PeopleBatch } from '../population-register/generator.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { accountNumber, accountsOf, type GeneratedAccount, householdsOf } from './accounts.js';
import { type UtilitiesTables, utilitiesDb } from './tables.js';

/**
 * The utilities part of the synthetic province: per household of a batch, an account with each company
 * serving its city and 24 monthly bills. Written per batch: accounts in one unnest() insert (re-drawing the
 * numbers of the few that collide with an existing number), then their bills in another.
 *
 * Idempotent on the natural key (company, household head): a holder who has an account with the company
 * already is skipped with their bills. Deterministic per seed: a person's accounts come from their own
 * streams; only which of two colliding households keeps a drawn number depends on the order of seeding
 * (same seed, same order, same result).
 */

/** The README's demo people: their households have every account their city offers. */
const DEMO_HOLDERS: ReadonlySet<string> = new Set(DEMO_PEOPLE.map((p) => p.personId));

export function utilityAccounts(batch: PeopleBatch, ctx: SeedContext): GeneratedAccount[] {
  return householdsOf(batch, ctx.asOf).flatMap((h) => accountsOf(h, ctx, DEMO_HOLDERS));
}

/** The reference of a payment the generator records: P + the month + the account number (unique per bill). */
export function generatedPaymentReference(accountNumber: string, period: string): string {
  return `P${period.replace('-', '')}${accountNumber}`;
}

const MAX_ATTEMPTS = 20;

export async function insertUtilityAccounts<DB extends UtilitiesTables>(
  handle: Kysely<DB>,
  accounts: GeneratedAccount[],
  ctx: SeedContext,
): Promise<void> {
  if (accounts.length === 0) return;
  const db = utilitiesDb(handle);
  await db.transaction().execute(async (tx) => {
    const holders = [...new Set(accounts.map((a) => a.household.holder.personId))];
    const existing = await tx
      .selectFrom('dept_gongyong.accounts')
      .select(['company_id', 'holder_person_id'])
      .where(sql<boolean>`holder_person_id = any(${holders}::uuid[])`)
      .execute();
    const had = new Set(existing.map((r) => `${r.company_id}|${r.holder_person_id}`));
    const keyOf = (a: GeneratedAccount) => `${a.company.id}|${a.household.holder.personId}`;
    let pending = accounts.filter((a) => !had.has(keyOf(a)));
    const numbered = new Map<GeneratedAccount, string>();
    for (let attempt = 0; pending.length > 0 && attempt < MAX_ATTEMPTS; attempt++) {
      const numbers = pending.map((a) => accountNumber(a, ctx, attempt));
      const col = <T>(f: (a: GeneratedAccount) => T) => pending.map(f);
      const inserted = await sql<{ account_number: string }>`
        insert into dept_gongyong.accounts (account_number, company_id, city_code, holder_person_id, holder_id_number,
          holder_name, address, opened_on, updated_at)
        select n, c, ci, p, i, na, ad, o::date, (o || 'T09:00:00+08:00')::timestamptz from unnest(
          ${numbers}::text[], ${col((a) => a.company.id)}::text[], ${col((a) => a.household.cityCode)}::text[],
          ${col((a) => a.household.holder.personId)}::uuid[], ${col((a) => a.household.holder.idNumber)}::text[],
          ${col((a) => a.household.holder.name)}::text[], ${col((a) => a.household.address)}::text[],
          ${col((a) => a.openedOn)}::text[]) as x(n, c, ci, p, i, na, ad, o)
        on conflict do nothing
        returning account_number`.execute(tx);
      const taken = new Set(inserted.rows.map((r) => r.account_number));
      pending.forEach((a, i) => {
        const n = numbers[i] as string;
        if (taken.has(n)) {
          numbered.set(a, n);
          taken.delete(n); // two of this batch may have drawn the same number: only the first has it
        }
      });
      pending = pending.filter((a) => !numbered.has(a));
    }
    if (pending.length > 0) throw new Error(`utilities: no free account number for ${pending.length} accounts`);

    const rows = [...numbered].flatMap(([a, number]) => a.bills.map((b) => ({ number, b })));
    if (rows.length === 0) return;
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    await sql`
      insert into dept_gongyong.bills (account_number, period, previous_reading, current_reading, consumption, charges,
        amount_fen, issued_on, due_on, status, paid_at, payment_reference, updated_at)
      select n, p, pr, cr, c, ch::jsonb, a, i, d, s, pa, ref, u from unnest(
        ${col((r) => r.number)}::text[], ${col((r) => r.b.period)}::text[], ${col((r) => r.b.previousReading)}::int[],
        ${col((r) => r.b.currentReading)}::int[], ${col((r) => r.b.consumption)}::int[],
        ${col((r) => JSON.stringify(r.b.charges))}::text[], ${col((r) => r.b.amountFen)}::int[],
        ${col((r) => r.b.issuedOn)}::date[], ${col((r) => r.b.dueOn)}::date[],
        ${col((r) => (r.b.paid ? 'paid' : 'unpaid'))}::text[], ${col((r) => r.b.paidAt)}::timestamptz[],
        ${col((r) => (r.b.paid ? generatedPaymentReference(r.number, r.b.period) : null))}::text[],
        ${col((r) => r.b.paidAt ?? `${r.b.issuedOn}T09:00:00+08:00`)}::timestamptz[])
        as x(n, p, pr, cr, c, ch, a, i, d, s, pa, ref, u)
      on conflict do nothing`.execute(tx);
  });
}

export const utilitiesSeeder: DepartmentSeeder = {
  name: 'utilities',
  seedBatch: (db, batch, ctx) => insertUtilityAccounts(db, utilityAccounts(batch, ctx), ctx),
};
