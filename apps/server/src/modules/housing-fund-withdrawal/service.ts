import { randomUUID } from 'node:crypto';
import { type CityCode, findCity } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { maskBankCard, parseBankCard } from '../../departments/housing-fund/bank-card.js';
import {
  centreName,
  type RewithdrawalResult,
  WITHDRAWAL_REASON_NAMES,
  type Withdrawal,
} from '../../departments/housing-fund/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { IdentityService } from '../identity/index.js';
import type { OpenedLookup } from '../lookups/personal-gate.js';
import type { NotificationService } from '../notifications/index.js';
import type { FieldCipher } from '../privacy/index.js';

export const SERVICE_ID = 'gongjijin-zaici-tiqu';
/** The associated data of a withdrawal's sealed bank card number, bound to the row's id. */
export const bankCardAad = (id: string) => `housing_fund_withdrawals.card:${id}`;
/** 前台提取预约: where a first withdrawal (广州/深圳) or any withdrawal elsewhere starts. */
export const COUNTER_SERVICE_ID = 'gongjijin-qiantai-tiqu-yuyue';

/** The guide's answers (公积金服务常见疑问), added to the centre's words so the citizen knows what to do. */
export const PHONE_EXPLANATION =
  '“手机号码不正确”的提示并非说需修改个人中心的手机号，而是要修改您绑定公积金账户的手机号。需要您前往公积金管理中心网站，或公积金服务网点修改。';
export const UNFINISHED_EXPLANATION =
  '该提示由公积金服务部门返回，可能由于您以前通过其他渠道办理过提取服务仍未提取成功的，具体情况建议联系公积金中心咨询。';
export const COUNTER_EXPLANATION =
  '如果您是广州、深圳用户首次提取，需要进行前台提取预约，并到公积金服务办理网点提取；省内其他地市用户请进行前台提取预约，并到公积金服务办理网点提取。';

/** The centre's refusal as the citizen reads it: the centre's own words first, then the guide's explanation. */
export function refusalProblem(r: { reason: string; message: string }, boundPhoneMasked?: string | null): AppError {
  switch (r.reason) {
    case 'phone-mismatch':
      return new AppError(
        'HOUSING_FUND_PHONE_MISMATCH',
        `${r.message}。${PHONE_EXPLANATION}${boundPhoneMasked ? `（当前绑定公积金账户的手机号：${boundPhoneMasked}）` : ''}`,
      );
    case 'unfinished-service':
      return new AppError('HOUSING_FUND_UNFINISHED', `${r.message}。${UNFINISHED_EXPLANATION}`);
    case 'counter-only':
    case 'first-withdrawal-at-counter':
      return new AppError('HOUSING_FUND_COUNTER_REQUIRED', `${r.message}。可在“公积金前台提取预约”预约办理时间。`);
    case 'not-connected':
      return new AppError('SERVICE_NOT_IN_CITY', r.message);
    default:
      return new AppError('HOUSING_FUND_WITHDRAWAL_REFUSED', `${r.message}。`);
  }
}

/** 1234.5 or "1234.50" → 123450 fen, exactly (never through a binary fraction); null when not a money amount. */
export function toFen(amount: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
const yuanOf = (fen: number) => fen / 100;

export interface WithdrawalView {
  id: string;
  cityCode: string;
  centreName: string;
  reason: 'rent' | 'loan-repayment';
  reasonName: string;
  amount: number;
  bankName: string;
  bankCardMasked: string;
  status: 'in-progress' | 'completed' | 'rejected';
  applicationNumber: string;
  refusalNote: string | null;
  completedOn: string | null;
  submittedAt: string;
}

type Row = {
  id: string;
  city_code: string;
  reason: 'rent' | 'loan-repayment';
  amount_fen: number;
  bank_name: string;
  bank_card_masked: string;
  status: 'submitting' | 'in-progress' | 'completed' | 'rejected';
  application_number: string | null;
  refusal_note: string | null;
  completed_on: string | null;
  submitted_at: Date;
};

function present(r: Row): WithdrawalView {
  return {
    id: r.id,
    cityCode: r.city_code,
    centreName: centreName(r.city_code),
    reason: r.reason,
    reasonName: WITHDRAWAL_REASON_NAMES[r.reason],
    amount: yuanOf(r.amount_fen),
    bankName: r.bank_name,
    bankCardMasked: r.bank_card_masked,
    status: r.status === 'submitting' ? 'in-progress' : r.status,
    applicationNumber: r.application_number ?? '',
    refusalNote: r.refusal_note,
    completedOn: r.completed_on,
    submittedAt: r.submitted_at.toISOString(),
  };
}

export interface SubmitWithdrawal {
  submissionId: string;
  city: CityCode;
  reason: 'rent' | 'loan-repayment';
  amount: string;
  bankName: string;
  cardNumber: string;
}

/**
 * 公积金再次提取 (B6): the citizen applies, the centre decides. The platform keeps the application (for 我的提取,
 * its 消息 and the idempotent retry) but never decides: every rule and the amount limit are the centre's.
 */
export class HousingFundWithdrawals {
  constructor(
    private readonly d: {
      db: Db;
      cipher: FieldCipher;
      departments: Pick<Departments, 'housingFund'>;
      identity: IdentityService;
      notifications: NotificationService;
      audit: AuditLog;
    },
  ) {}

  private get hf() {
    return this.d.departments.housingFund.client;
  }

  async conditions(opened: OpenedLookup, city: CityCode) {
    const phone = await this.d.identity.accountPhone(opened.ctx.accountId);
    const answer = await this.hf.rewithdrawalConditions({ idNumber: opened.subject.idNumber, cityCode: city, phone });
    if (!answer.connected) throw new AppError('SERVICE_NOT_IN_CITY', answer.message);
    const c = answer.conditions;
    return {
      conditions: c && {
        accountNumberMasked: `${c.accountNumber.slice(0, 4)}${'*'.repeat(6)}${c.accountNumber.slice(-4)}`,
        accountStatus: c.accountStatus,
        maxAmount: c.maxAmount,
        boundPhoneMasked: c.boundPhoneMasked,
        reasons: c.reasons,
        refusal:
          c.refusal &&
          (({ code, detail }) => ({ code, message: detail }))(refusalProblem(c.refusal, c.boundPhoneMasked)),
      },
      source: { department: centreName(city), updatedAt: c?.updatedAt ?? null },
    };
  }

  private audit(opened: OpenedLookup, action: string, detail: Record<string, unknown>, result: 'success' | 'failure') {
    return this.d.audit.record({
      action,
      result,
      actorKind: 'citizen',
      actorAccountId: opened.ctx.accountId,
      subjectAccountId: opened.ctx.accountId,
      detail: { serviceId: SERVICE_ID, what: '公积金再次提取', subjectPersonId: opened.subject.personId, ...detail },
      requestId: opened.ctx.requestId,
    });
  }

  /** Apply; the same submissionId again answers the same application (`created: false`). */
  async submit(
    opened: OpenedLookup,
    input: SubmitWithdrawal,
  ): Promise<{ created: boolean; withdrawal: WithdrawalView }> {
    const accountId = opened.ctx.accountId;
    const existing = await this.row(accountId, { submissionId: input.submissionId });
    if (existing && existing.status !== 'submitting') return { created: false, withdrawal: present(existing) };
    const fen = toFen(input.amount);
    if (fen === null || fen === 0) {
      throw new AppError('VALIDATION_FAILED', '请输入正确的提取金额（元，最多两位小数）', [
        { path: 'amount', message: '请输入正确的提取金额（元，最多两位小数）' },
      ]);
    }
    const card = parseBankCard(input.cardNumber);
    if (!card.ok)
      throw new AppError('VALIDATION_FAILED', card.message, [{ path: 'cardNumber', message: card.message }]);
    let row = existing;
    if (!row) {
      const id = randomUUID();
      row = await this.d.db
        .insertInto('housing_fund_withdrawals')
        .values({
          id,
          account_id: accountId,
          submission_id: input.submissionId,
          city_code: input.city,
          reason: input.reason,
          amount_fen: fen,
          bank_name: input.bankName,
          bank_card_encrypted: this.d.cipher.encrypt(card.number, bankCardAad(id)),
          bank_card_masked: maskBankCard(card.number),
          status: 'submitting',
        })
        .onConflict((oc) => oc.columns(['account_id', 'submission_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      // Another request with this submissionId got there first: carry on with its row (same request id).
      row ??= await this.row(accountId, { submissionId: input.submissionId });
      if (!row) throw new AppError('INTERNAL', '系统繁忙，请稍后再试。');
      if (row.status !== 'submitting') return { created: false, withdrawal: present(row) };
    }
    // The row's own values are what is applied for (a retry cannot change the amount or the card).
    const cardNumber = this.d.cipher.decrypt(
      (
        await this.d.db
          .selectFrom('housing_fund_withdrawals')
          .select('bank_card_encrypted')
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow()
      ).bank_card_encrypted,
      bankCardAad(row.id),
    );
    const phone = await this.d.identity.accountPhone(accountId);
    let answer: RewithdrawalResult;
    try {
      answer = await this.hf.applyRewithdrawal({
        idNumber: opened.subject.idNumber,
        cityCode: row.city_code as CityCode,
        phone,
        reason: row.reason,
        amount: yuanOf(row.amount_fen),
        requestId: row.id,
        bankCard: { bankName: row.bank_name, cardNumber },
      });
    } catch (e) {
      // Unknown whether the centre has it: the row stays 'submitting'; the same submission asks again (same request id).
      await this.audit(opened, `application.${SERVICE_ID}`, { outcome: 'unanswered' }, 'failure');
      throw e;
    }
    if (answer.outcome === 'refused') {
      // Nothing was applied for: forget the row, so the citizen can correct and submit again.
      await this.d.db.deleteFrom('housing_fund_withdrawals').where('id', '=', row.id).execute();
      await this.audit(opened, `application.${SERVICE_ID}`, { outcome: answer.reason }, 'failure');
      throw refusalProblem(
        answer,
        answer.reason === 'phone-mismatch' ? await this.boundPhone(opened, row.city_code) : null,
      );
    }
    const updated = await this.apply(row, answer.withdrawal);
    await this.audit(opened, `application.${SERVICE_ID}`, { outcome: 'accepted', withdrawalId: row.id }, 'success');
    await this.notify(accountId, updated);
    return { created: true, withdrawal: present(updated) };
  }

  private async boundPhone(opened: OpenedLookup, city: string) {
    const a = await this.hf.account({ idNumber: opened.subject.idNumber, cityCode: city as CityCode });
    return a.connected ? (a.account?.boundPhoneMasked ?? null) : null;
  }

  /** The citizen's applications, newest first; those 办理中 asked again at the centre (its decision, with a 消息). */
  async list(opened: OpenedLookup): Promise<WithdrawalView[]> {
    const rows = await this.d.db
      .selectFrom('housing_fund_withdrawals')
      .selectAll()
      .where('account_id', '=', opened.ctx.accountId)
      .where('status', '!=', 'submitting')
      .orderBy('submitted_at', 'desc')
      .limit(50)
      .execute();
    const out: WithdrawalView[] = [];
    for (const r of rows) out.push(present(r.status === 'in-progress' ? await this.refresh(opened, r) : r));
    await this.audit(opened, `lookup.${SERVICE_ID}`, { count: out.length }, 'success');
    return out;
  }

  async detail(opened: OpenedLookup, id: string): Promise<WithdrawalView> {
    const r = await this.row(opened.ctx.accountId, { id });
    if (!r || r.status === 'submitting') throw new AppError('HOUSING_FUND_WITHDRAWAL_NOT_FOUND', '找不到该提取申请。');
    const fresh = r.status === 'in-progress' ? await this.refresh(opened, r) : r;
    await this.audit(opened, `lookup.${SERVICE_ID}`, { withdrawalId: id }, 'success');
    return present(fresh);
  }

  private async refresh(opened: OpenedLookup, r: Row & { account_id: string }) {
    const { withdrawal } = await this.hf.withdrawal({
      idNumber: opened.subject.idNumber,
      cityCode: r.city_code as CityCode,
      applicationNumber: r.application_number as string,
    });
    if (!withdrawal || withdrawal.status === 'in-progress') return r;
    const updated = await this.apply(r, withdrawal);
    await this.notify(r.account_id, updated);
    return updated;
  }

  /** Record the centre's answer; the status only moves forward (a concurrent refresh writes the same). */
  private async apply(r: Row, w: Withdrawal) {
    return this.d.db
      .updateTable('housing_fund_withdrawals')
      .set({
        status: w.status,
        application_number: w.applicationNumber,
        completed_on: w.completedOn,
        refusal_note: w.refusalNote ?? null,
        updated_at: new Date(),
      })
      .where('id', '=', r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  private notify(accountId: string, r: Row) {
    const amount = yuanOf(r.amount_fen).toFixed(2);
    const card = r.bank_card_masked.slice(-4);
    const city = findCity(r.city_code)?.name ?? '';
    const text =
      r.status === 'completed'
        ? {
            title: '您的公积金提取已办结',
            body: `${city}公积金中心已办结您的${WITHDRAWAL_REASON_NAMES[r.reason]}申请（受理号${r.application_number}），${amount}元已转入您尾号${card}的${r.bank_name}银行卡。`,
          }
        : r.status === 'rejected'
          ? {
              title: '您的公积金提取申请未通过',
              body: `${city}公积金中心不予受理您的提取申请（受理号${r.application_number}）：${r.refusal_note ?? '不符合提取条件'}。如有疑问请联系公积金中心。`,
            }
          : {
              title: '您的公积金提取申请已提交',
              body: `${WITHDRAWAL_REASON_NAMES[r.reason]}${amount}元已提交${city}公积金中心审核（受理号${r.application_number}），办结后将转入您尾号${card}的银行卡。`,
            };
    return this.d.notifications.deliver([
      {
        accountId,
        kind: 'case-update',
        dedupeKey: `gjj-withdrawal:${r.id}:${r.status}`,
        title: text.title,
        body: text.body,
        link: `/housing-fund/withdrawals/${r.id}`,
        occurredAt: new Date(),
      },
    ]);
  }

  private row(accountId: string, by: { id: string } | { submissionId: string }) {
    let q = this.d.db.selectFrom('housing_fund_withdrawals').selectAll().where('account_id', '=', accountId);
    q = 'id' in by ? q.where('id', '=', by.id) : q.where('submission_id', '=', by.submissionId);
    return q.executeTakeFirst();
  }
}
