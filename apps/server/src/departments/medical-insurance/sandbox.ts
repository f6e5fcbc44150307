import type { CityCode } from '@yss/contracts';
import type { Kysely } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { addMonths } from '../province/life.js';
import { type Clock, systemClock, yuan } from '../social-insurance/shared-schemas.js';
import { chinaTimestamp, chinaTimestampSql } from '../social-insurance/sql-time.js';
import { type ActivationResult, type MedicalInsuranceSpec, PAYMENT_ACTIVATION_CITIES } from './contract.js';
import { type MedicalInsuranceTables, medicalInsuranceDb } from './tables.js';

/** The start of a month in China time, as a timestamp PostgreSQL reads. */
const monthStart = (month: string) => `${month}-01T00:00:00+08:00`;

/**
 * The embedded sandbox of the 医保 system: answers from its own schema (dept_yibao) only. `clock` dates an
 * activation (tests pass a fixed one).
 */
export function medicalInsuranceSandbox<DB extends MedicalInsuranceTables>(
  handle: Kysely<DB>,
  clock: Clock = systemClock,
): DepartmentImplementation<MedicalInsuranceSpec> {
  const db = medicalInsuranceDb(handle);

  const accountRow = (idNumber: string) =>
    db
      .selectFrom('dept_yibao.accounts as a')
      .leftJoin('dept_yibao.payment_activations as p', 'p.id_number', 'a.id_number')
      .selectAll('a')
      .select(chinaTimestampSql('a.updated_at').as('updated'))
      .select(chinaTimestampSql('p.activated_at').as('activated'))
      .where('a.id_number', '=', idNumber)
      .executeTakeFirst();

  return {
    async account({ idNumber }) {
      const row = await accountRow(idNumber);
      if (!row) return { account: null };
      return {
        account: {
          idNumber: row.id_number,
          name: row.name,
          scheme: row.scheme,
          status: row.status,
          insuredCityCode: row.insured_city_code as CityCode,
          balance: row.balance_fen === null ? null : yuan(row.balance_fen),
          paymentActivation: { activated: row.activated !== null, activatedAt: row.activated },
          updatedAt: row.updated,
        },
      };
    },

    async transactions({ idNumber, from, to }) {
      const row = await accountRow(idNumber);
      if (!row || row.balance_fen === null) return { statement: null };
      const transactions = await db
        .selectFrom('dept_yibao.account_transactions as t')
        .select(['t.kind', 't.description', 't.place', 't.amount_fen', 't.balance_after_fen'])
        .select(chinaTimestampSql('t.occurred_at').as('at'))
        .where('t.id_number', '=', idNumber)
        .where('t.occurred_at', '>=', new Date(monthStart(from)))
        .where('t.occurred_at', '<', new Date(monthStart(addMonths(to, 1))))
        .orderBy('t.occurred_at')
        .orderBy('t.seq')
        .execute();
      return {
        statement: {
          idNumber,
          from,
          to,
          transactions: transactions.map((t) => ({
            occurredAt: t.at,
            kind: t.kind,
            description: t.description,
            place: t.place,
            amount: yuan(t.amount_fen),
            balanceAfter: yuan(t.balance_after_fen),
          })),
          updatedAt: row.updated,
        },
      };
    },

    async activatePayment({ idNumber }): Promise<ActivationResult> {
      const row = await accountRow(idNumber);
      if (!row) return { outcome: 'refused', reason: 'no-account', message: '未查询到您的医保参保信息' };
      if (row.status === 'terminated') {
        return { outcome: 'refused', reason: 'terminated', message: '您的医保已终止参保，无法开通医保支付' };
      }
      if (!(PAYMENT_ACTIVATION_CITIES as readonly string[]).includes(row.insured_city_code)) {
        return { outcome: 'refused', reason: 'city-not-supported', message: '开通医保支付暂仅支持广州、深圳参保人员' };
      }
      if (row.activated) return { outcome: 'activated', activatedAt: row.activated, alreadyActivated: true };
      const now = clock();
      const inserted = await db
        .insertInto('dept_yibao.payment_activations')
        .values({ id_number: idNumber, city_code: row.insured_city_code, activated_at: now, channel: '粤省事' })
        .onConflict((oc) => oc.column('id_number').doNothing())
        .returning('id_number')
        .executeTakeFirst();
      if (!inserted) {
        // Activated by a concurrent request in between: report that one.
        const again = await accountRow(idNumber);
        return { outcome: 'activated', activatedAt: again?.activated ?? chinaTimestamp(now), alreadyActivated: true };
      }
      return { outcome: 'activated', activatedAt: chinaTimestamp(now), alreadyActivated: false };
    },
  };
}
