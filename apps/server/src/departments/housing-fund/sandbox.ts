import { randomInt } from 'node:crypto';
import type { CityCode } from '@yss/contracts';
import type { Kysely } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { addMonths } from '../province/life.js';
import {
  type Clock,
  chinaDay,
  earlierOf,
  laterOf,
  maskPhone,
  systemClock,
  yuan,
} from '../social-insurance/shared-schemas.js';
import { chinaTimestamp, chinaTimestampSql, daySql } from '../social-insurance/sql-time.js';
import {
  centreName,
  type DepositMonth,
  type HousingFundSpec,
  NOT_CONNECTED_CITIES,
  NOT_CONNECTED_MESSAGE,
  ONLINE_WITHDRAWAL_CITIES,
  type RewithdrawalResult,
  type Withdrawal,
} from './contract.js';
import { depositFen } from './deposit-rules.js';
import { type HousingFundTables, housingFundDb } from './tables.js';

const notConnected = (cityCode: CityCode) =>
  (NOT_CONNECTED_CITIES as readonly string[]).includes(cityCode)
    ? ({ connected: false, cityCode, message: NOT_CONNECTED_MESSAGE } as const)
    : null;

const refused = (reason: Extract<RewithdrawalResult, { outcome: 'refused' }>['reason'], message: string) =>
  ({ outcome: 'refused', reason, message }) as const;

/**
 * The embedded sandbox of the connected housing-fund centres: answers from its own schema (dept_gjj) only.
 * `clock` dates an application (tests pass a fixed one).
 */
export function housingFundSandbox<DB extends HousingFundTables>(
  handle: Kysely<DB>,
  clock: Clock = systemClock,
): DepartmentImplementation<HousingFundSpec> {
  const db = housingFundDb(handle);

  const accountRow = (idNumber: string, cityCode: string) =>
    db
      .selectFrom('dept_gjj.accounts as a')
      .selectAll('a')
      .select(daySql('a.opened_on').as('opened'))
      .select(chinaTimestampSql('a.updated_at').as('updated'))
      .where('a.id_number', '=', idNumber)
      .where('a.city_code', '=', cityCode)
      .executeTakeFirst();

  const withdrawalRows = (idNumber: string, cityCode: string) =>
    db
      .selectFrom('dept_gjj.withdrawals as w')
      .selectAll('w')
      .select(chinaTimestampSql('w.applied_at').as('applied'))
      .select(daySql('w.completed_on').as('completed'))
      .where('w.id_number', '=', idNumber)
      .where('w.city_code', '=', cityCode)
      .orderBy('w.applied_at')
      .orderBy('w.application_number')
      .execute();
  type WithdrawalRow = Awaited<ReturnType<typeof withdrawalRows>>[number];

  const toWithdrawal = (w: WithdrawalRow): Withdrawal => ({
    applicationNumber: w.application_number,
    reason: w.reason,
    amount: yuan(w.amount_fen),
    status: w.status,
    channel: w.channel,
    appliedAt: w.applied,
    completedOn: w.completed_on === null ? null : w.completed,
  });

  return {
    async accounts({ idNumber }) {
      const rows = await db
        .selectFrom('dept_gjj.accounts')
        .select(['city_code', 'account_number', 'status'])
        .where('id_number', '=', idNumber)
        .orderBy('city_code')
        .execute();
      return {
        accounts: rows.map((r) => ({
          cityCode: r.city_code as CityCode,
          centreName: centreName(r.city_code),
          accountNumber: r.account_number,
          status: r.status,
        })),
      };
    },

    async account({ idNumber, cityCode }) {
      const off = notConnected(cityCode);
      if (off) return off;
      const a = await accountRow(idNumber, cityCode);
      if (!a) return { connected: true, account: null };
      const employee = depositFen(a.base_yuan, a.employee_rate_bp);
      const employer = depositFen(a.base_yuan, a.employer_rate_bp);
      return {
        connected: true,
        account: {
          accountNumber: a.account_number,
          cityCode,
          centreName: centreName(cityCode),
          status: a.status,
          balance: yuan(a.balance_fen),
          depositBase: a.base_yuan,
          employeeRate: a.employee_rate_bp / 100,
          employerRate: a.employer_rate_bp / 100,
          monthlyDeposit: { employee: yuan(employee), employer: yuan(employer), total: yuan(employee + employer) },
          unit: { name: a.unit_name, uscc: a.unit_uscc },
          openedOn: a.opened,
          lastDepositMonth: a.last_deposit_month,
          boundPhoneMasked: a.bound_phone ? maskPhone(a.bound_phone) : null,
          updatedAt: a.updated,
        },
      };
    },

    async deposits({ idNumber, cityCode, from, to }) {
      const off = notConnected(cityCode);
      if (off) return off;
      const a = await accountRow(idNumber, cityCode);
      if (!a) return { connected: true, statement: null };
      // All spans and completed withdrawals of the account (a few dozen rows): the month-end balance of a
      // month depends on everything before it.
      const [spans, withdrawals] = await Promise.all([
        db
          .selectFrom('dept_gjj.deposit_spans')
          .selectAll()
          .where('id_number', '=', idNumber)
          .where('city_code', '=', cityCode)
          .where('from_month', '<=', to)
          .orderBy('from_month')
          .execute(),
        withdrawalRows(idNumber, cityCode),
      ]);
      const taken = withdrawals
        .filter((w) => w.status === 'completed')
        .map((w) => ({ month: w.completed.slice(0, 7), fen: w.amount_fen }));
      let deposited = 0;
      let employeeSum = 0;
      let employerSum = 0;
      const months: DepositMonth[] = [];
      for (const s of spans) {
        const employee = depositFen(s.base_yuan, s.employee_rate_bp);
        const employer = depositFen(s.base_yuan, s.employer_rate_bp);
        for (let m = s.from_month; m <= earlierOf(s.to_month, to); m = addMonths(m, 1)) {
          deposited += employee + employer;
          if (m < from) continue;
          employeeSum += employee;
          employerSum += employer;
          const withdrawn = taken.filter((w) => w.month <= m).reduce((sum, w) => sum + w.fen, 0);
          months.push({
            month: m,
            unit: { name: s.unit_name, uscc: s.unit_uscc },
            base: s.base_yuan,
            employeeRate: s.employee_rate_bp / 100,
            employerRate: s.employer_rate_bp / 100,
            employeeAmount: yuan(employee),
            employerAmount: yuan(employer),
            total: yuan(employee + employer),
            balance: yuan(deposited - withdrawn),
          });
        }
      }
      return {
        connected: true,
        statement: {
          accountNumber: a.account_number,
          from,
          to,
          months,
          totals: { employee: yuan(employeeSum), employer: yuan(employerSum), total: yuan(employeeSum + employerSum) },
          updatedAt: a.updated,
        },
      };
    },

    async withdrawals({ idNumber, cityCode }) {
      const off = notConnected(cityCode);
      if (off) return off;
      const a = await accountRow(idNumber, cityCode);
      if (!a) return { connected: true, history: null };
      const rows = await withdrawalRows(idNumber, cityCode);
      const latest = rows.reduce((t, w) => laterOf(t, w.applied), a.updated);
      return {
        connected: true,
        history: {
          withdrawals: rows.map(toWithdrawal),
          unfinished: rows.some((w) => w.status === 'in-progress'),
          updatedAt: latest,
        },
      };
    },

    async applyRewithdrawal({ idNumber, cityCode, phone, reason, amount }): Promise<RewithdrawalResult> {
      if (notConnected(cityCode)) return refused('not-connected', NOT_CONNECTED_MESSAGE);
      const a = await accountRow(idNumber, cityCode);
      if (!a) return refused('no-account', '未查询到您在该市的住房公积金账户');
      // The guide's words: the phone bound to the fund account is meant, not the profile phone.
      if (a.bound_phone !== phone) return refused('phone-mismatch', '手机号码不正确，请修改您的手机号');
      const history = await withdrawalRows(idNumber, cityCode);
      if (history.some((w) => w.status === 'in-progress')) {
        return refused('unfinished-service', '存在未办结服务不能提取');
      }
      if (!(ONLINE_WITHDRAWAL_CITIES as readonly string[]).includes(cityCode)) {
        return refused('counter-only', '请进行前台提取预约，并到公积金服务办理网点提取');
      }
      if (!history.some((w) => w.status === 'completed')) {
        return refused('first-withdrawal-at-counter', '首次提取需进行前台提取预约，并到公积金服务办理网点提取');
      }
      if (a.status !== 'normal') {
        return refused('account-sealed', '账户处于封存状态，不符合该提取事项的提取条件');
      }
      const fen = Math.round(amount * 100);
      if (fen > a.balance_fen) return refused('amount-exceeds-balance', '提取金额超过账户可提取金额');
      const now = clock();
      const day = chinaDay(now);
      const applicationNumber = `${cityCode.slice(0, 4)}${day.replaceAll('-', '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
      // The partial unique index keeps a concurrent second application out: it becomes the refusal above.
      const inserted = await db
        .insertInto('dept_gjj.withdrawals')
        .values({
          id_number: idNumber,
          city_code: cityCode,
          application_number: applicationNumber,
          reason,
          amount_fen: fen,
          status: 'in-progress',
          channel: 'yueshengshi',
          applied_at: now,
          completed_on: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('application_number')
        .executeTakeFirst();
      if (!inserted) return refused('unfinished-service', '存在未办结服务不能提取');
      return {
        outcome: 'accepted',
        withdrawal: {
          applicationNumber,
          reason,
          amount: yuan(fen),
          status: 'in-progress',
          channel: 'yueshengshi',
          appliedAt: chinaTimestamp(now),
          completedOn: null,
        },
      };
    },
  };
}
