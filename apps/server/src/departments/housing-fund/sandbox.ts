import { randomInt } from 'node:crypto';
import type { CityCode } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
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
import { maskBankCard } from './bank-card.js';
import {
  centreName,
  DECISION_DELAY_MS,
  type DepositMonth,
  type HousingFundLoan,
  type HousingFundSpec,
  NOT_CONNECTED_CITIES,
  NOT_CONNECTED_MESSAGE,
  ONLINE_WITHDRAWAL_CITIES,
  ONLINE_WITHDRAWAL_REASONS,
  type RewithdrawalResult,
  WITHDRAWAL_REASON_NAMES,
  type Withdrawal,
} from './contract.js';
import { depositFen } from './deposit-rules.js';
import { loanSchedule } from './loan-schedule.js';
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
    bankName: w.bank_name,
    bankCardMasked: w.bank_card_masked,
    refusalNote: w.refusal_note,
  });

  /**
   * The sandbox centre's back office: an online application waits DECISION_DELAY_MS, then is paid out
   * (已办结: the balance goes down by the amount) or, if the balance no longer covers it, refused (不予受理).
   * Run before every read of the account, so every answer is after the decisions that are due.
   */
  const settle = (idNumber: string, cityCode: string) =>
    db.transaction().execute(async (tx) => {
      const now = clock();
      const due = await tx
        .selectFrom('dept_gjj.withdrawals')
        .select(['application_number', 'amount_fen'])
        .where('id_number', '=', idNumber)
        .where('city_code', '=', cityCode)
        .where('status', '=', 'in-progress')
        .where('channel', '=', 'yueshengshi')
        .where('request_id', 'is not', null)
        .where('applied_at', '<=', new Date(now.getTime() - DECISION_DELAY_MS))
        .forUpdate()
        .execute();
      for (const w of due) {
        const paid = await tx
          .updateTable('dept_gjj.accounts')
          .set((eb) => ({ balance_fen: eb('balance_fen', '-', w.amount_fen), updated_at: now }))
          .where('id_number', '=', idNumber)
          .where('city_code', '=', cityCode)
          .where('balance_fen', '>=', w.amount_fen)
          .executeTakeFirst();
        const done = Number(paid.numUpdatedRows) === 1;
        await tx
          .updateTable('dept_gjj.withdrawals')
          .set({
            status: done ? 'completed' : 'rejected',
            completed_on: done ? sql<Date>`cast(${chinaDay(now)} as date)` : null,
            refusal_note: done ? null : '提取金额超过账户可提取金额',
          })
          .where('id_number', '=', idNumber)
          .where('city_code', '=', cityCode)
          .where('application_number', '=', w.application_number)
          .execute();
      }
    });

  type AccountRow = NonNullable<Awaited<ReturnType<typeof accountRow>>>;
  type Refusal = Extract<RewithdrawalResult, { outcome: 'refused' }>;
  /** The centre's rules of 再次提取, in order, short of the amount (the guide's words where it has them). */
  const rewithdrawalRefusal = (
    a: AccountRow,
    history: WithdrawalRow[],
    cityCode: string,
    phone: string,
  ): Refusal | null => {
    // The guide's words: the phone bound to the fund account is meant, not the profile phone.
    if (a.bound_phone !== phone) return refused('phone-mismatch', '手机号码不正确，请修改您的手机号');
    if (history.some((w) => w.status === 'in-progress')) {
      return refused('unfinished-service', '存在未办结服务不能提取');
    }
    if (!(ONLINE_WITHDRAWAL_CITIES as readonly string[]).includes(cityCode)) {
      return refused('counter-only', '请进行前台提取预约，并到公积金服务办理网点提取');
    }
    if (!history.some((w) => w.status === 'completed')) {
      return refused('first-withdrawal-at-counter', '首次提取需进行前台提取预约，并到公积金服务办理网点提取');
    }
    if (a.status !== 'normal') return refused('account-sealed', '账户处于封存状态，不符合该提取事项的提取条件');
    return null;
  };

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
      await settle(idNumber, cityCode);
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
      await settle(idNumber, cityCode);
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

    async rewithdrawalConditions({ idNumber, cityCode, phone }) {
      const off = notConnected(cityCode);
      if (off) return off;
      await settle(idNumber, cityCode);
      const a = await accountRow(idNumber, cityCode);
      if (!a) return { connected: true, conditions: null };
      const history = await withdrawalRows(idNumber, cityCode);
      const refusal = rewithdrawalRefusal(a, history, cityCode, phone);
      return {
        connected: true,
        conditions: {
          accountNumber: a.account_number,
          accountStatus: a.status,
          maxAmount: yuan(a.balance_fen),
          boundPhoneMasked: a.bound_phone ? maskPhone(a.bound_phone) : null,
          reasons: ONLINE_WITHDRAWAL_REASONS.map((code) => ({ code, name: WITHDRAWAL_REASON_NAMES[code] })),
          refusal: refusal && { reason: refusal.reason, message: refusal.message },
          updatedAt: history.reduce((t, w) => laterOf(t, w.applied), a.updated),
        },
      };
    },

    async withdrawal({ idNumber, cityCode, applicationNumber }) {
      if (notConnected(cityCode)) return { withdrawal: null };
      await settle(idNumber, cityCode);
      const row = (await withdrawalRows(idNumber, cityCode)).find((w) => w.application_number === applicationNumber);
      return { withdrawal: row ? toWithdrawal(row) : null };
    },

    async loan({ idNumber, cityCode }) {
      const off = notConnected(cityCode);
      if (off) return off;
      const l = await db
        .selectFrom('dept_gjj.loans')
        .selectAll()
        .select(daySql('settled_on').as('settled'))
        .where('id_number', '=', idNumber)
        .where('city_code', '=', cityCode)
        .orderBy('first_repayment_month', 'desc')
        .executeTakeFirst();
      if (!l) return { connected: true, loan: null };
      const now = clock();
      const today = chinaDay(now);
      const schedule = loanSchedule({
        principalFen: l.principal_fen,
        termMonths: l.term_months,
        annualRateBp: l.annual_rate_bp,
        method: l.repayment_method,
        firstRepaymentMonth: l.first_repayment_month,
      });
      const day = String(l.repayment_day).padStart(2, '0');
      // Periods whose repayment day has come, less those overdue (not repaid): what is repaid.
      const due = schedule.filter((p) => `${p.month}-${day}` <= today).length;
      const settled = l.settled_on !== null || due >= schedule.length;
      const repaid = settled ? schedule.length : Math.max(0, due - l.overdue_periods);
      const next = settled ? null : schedule[repaid];
      const remainingFen = repaid === 0 ? l.principal_fen : (schedule[repaid - 1]?.remainingFen ?? 0);
      const loan: HousingFundLoan = {
        contractNumber: l.contract_number,
        cityCode,
        centreName: centreName(cityCode),
        principal: yuan(l.principal_fen),
        termMonths: l.term_months,
        annualRate: l.annual_rate_bp / 100,
        repaymentMethod: l.repayment_method,
        lendingBank: l.lending_bank,
        firstRepaymentMonth: l.first_repayment_month,
        lastRepaymentMonth: schedule.at(-1)?.month ?? l.first_repayment_month,
        status: settled ? 'settled' : l.overdue_periods > 0 ? 'overdue' : 'repaying',
        repaidPeriods: repaid,
        remainingPeriods: schedule.length - repaid,
        remainingPrincipal: yuan(settled ? 0 : remainingFen),
        nextRepayment: next
          ? {
              dueOn: `${next.month}-${day}`,
              principal: yuan(next.principalFen),
              interest: yuan(next.interestFen),
              total: yuan(next.principalFen + next.interestFen),
            }
          : null,
        overduePeriods: settled ? 0 : l.overdue_periods,
        updatedAt: chinaTimestamp(now),
      };
      return { connected: true, loan };
    },

    async applyRewithdrawal({
      idNumber,
      cityCode,
      phone,
      reason,
      amount,
      requestId,
      bankCard,
    }): Promise<RewithdrawalResult> {
      if (notConnected(cityCode)) return refused('not-connected', NOT_CONNECTED_MESSAGE);
      await settle(idNumber, cityCode);
      const a = await accountRow(idNumber, cityCode);
      if (!a) return refused('no-account', '未查询到您在该市的住房公积金账户');
      const history = await withdrawalRows(idNumber, cityCode);
      // The same application again (the platform retried after a lost answer): the same answer.
      const again = history.find((w) => w.request_id === requestId);
      if (again) return { outcome: 'accepted', withdrawal: toWithdrawal(again) };
      const refusal = rewithdrawalRefusal(a, history, cityCode, phone);
      if (refusal) return refusal;
      const fen = Math.round(amount * 100);
      if (fen > a.balance_fen) return refused('amount-exceeds-balance', '提取金额超过账户可提取金额');
      const now = clock();
      const day = chinaDay(now);
      const applicationNumber = `${cityCode.slice(0, 4)}${day.replaceAll('-', '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
      const card = bankCard.cardNumber.replace(/[\s-]/g, '');
      // The partial unique indexes keep a concurrent second application out: it becomes a refusal below.
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
          request_id: requestId,
          bank_name: bankCard.bankName,
          bank_card_masked: maskBankCard(card),
          refusal_note: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('application_number')
        .executeTakeFirst();
      if (!inserted) {
        // Either this very request raced itself (answer it), or another application is unfinished.
        const same = (await withdrawalRows(idNumber, cityCode)).find((w) => w.request_id === requestId);
        if (same) return { outcome: 'accepted', withdrawal: toWithdrawal(same) };
        return refused('unfinished-service', '存在未办结服务不能提取');
      }
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
          bankName: bankCard.bankName,
          bankCardMasked: maskBankCard(card),
          refusalNote: null,
        },
      };
    },
  };
}
