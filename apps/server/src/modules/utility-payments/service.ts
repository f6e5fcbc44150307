import {
  type CityCode,
  type CreateUtilityPaymentInput,
  formatFen,
  type PaymentOrder,
  type UtilityAmountDue,
} from '@yss/contracts';
import { DepartmentUnavailable } from '../../departments/framework/errors.js';
import type { Departments } from '../../departments/registry.js';
import { companyById, type UtilityKind } from '../../departments/utilities/companies.js';
import { AppError } from '../../http/app-error.js';
import type { PersonalLookupGate } from '../lookups/index.js';
import type { FulfilmentOutcome, PaymentOrderRecord } from '../payments/index.js';
import type { PurposeRow } from '../payments/purpose-orders.js';
import { failedIfInputRefused, type PurposePaymentDeps, PurposePaymentService } from '../payments/purpose-payment.js';
import * as repo from './repository.js';

/** The catalog service of 燃气缴费 (G1): 广州 only, for oneself or for others (替他人缴费). */
export const GAS_PAYMENT_SERVICE = 'ranqi-jiaofei';
/** The associated data of a payment's sealed account number, then `:<the row's id>`. */
export const ACCOUNT_AAD = 'utility-payment.account';
const BILL_INDEX = 'utility-bill';
/** A department paidAt this much before our first attempt is still ours (the two clocks may differ a little). */
const CLOCK_SKEW_MS = 2_000;

const toFen = (yuan: number) => Math.round(yuan * 100);
/** 2025-11 → 2025年11月 */
const periodName = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
/** 广州燃气集团有限公司 → 广州燃气 */
const shortName = (companyName: string) => companyName.replace(/(集团)?(股份)?有限(责任)?公司$/u, '') || companyName;
const UTILITY_FEE: Record<UtilityKind, string> = { gas: '燃气费', power: '电费', water: '水费' };

export interface UtilityPaymentDeps extends PurposePaymentDeps<'utilities'> {
  /** The catalog's city rule, in its words (暂仅支持广州). */
  lookupGate: Pick<PersonalLookupGate, 'requireOfferedIn'>;
}

/**
 * 燃气缴费 (G1, 广州): what is due on an account (for anyone's account: masked), a payment order for one month's
 * bill, and the fulfiller that pays the bill at the gas company once the provider confirmed the payment. Payments
 * of this purpose are `utility-bill` orders whose purposeRef is the utility_payments row id.
 */
export class UtilityPaymentService extends PurposePaymentService<'utility_payments'> {
  constructor(private readonly d: UtilityPaymentDeps) {
    super(d, 'utility_payments', '未找到该笔缴费的账单信息，缴费未成功，款项已原路退回。');
  }

  /** The gas company of the city (after the catalog's rule); another city's says the guide's words. */
  private async gasCompany(city: CityCode) {
    this.d.lookupGate.requireOfferedIn(GAS_PAYMENT_SERVICE, city);
    const { companies } = await this.d.departments.utilities.client.companies({ cityCode: city });
    const company = companies.find((c) => c.utility === 'gas');
    if (!company) throw new AppError('SERVICE_NOT_IN_CITY', '当前城市的燃气公司暂未接入，请切换城市后重试。');
    const pattern = companyById(company.id)?.accountPattern;
    return { ...company, pattern };
  }

  private checkFormat(company: { name: string; accountFormat: string; pattern?: RegExp | undefined }, account: string) {
    if (company.pattern && !company.pattern.test(account)) {
      const message = `户号格式有误，${company.name}的户号为${company.accountFormat}`;
      throw new AppError('VALIDATION_FAILED', message, [{ path: 'account', message }]);
    }
  }

  /** 应缴查询 (替他人缴费): masked holder and address, the unpaid months (oldest first) and their sum. */
  async amountDue(city: CityCode, account: string): Promise<UtilityAmountDue> {
    const company = await this.gasCompany(city);
    this.checkFormat(company, account);
    const answer = await this.d.departments.utilities.client.bills({ companyId: company.id, accountNumber: account });
    if (!answer.account) {
      throw new AppError('UTILITY_ACCOUNT_NOT_FOUND', '未查询到该户号，请核对缴费通知单上的户号后重试。');
    }
    const unpaid = answer.bills
      .filter((b) => b.status === 'unpaid')
      .map((b) => ({ period: b.period, amountFen: toFen(b.amount), dueOn: b.dueOn }))
      .sort((a, b) => a.period.localeCompare(b.period));
    return {
      companyName: answer.account.companyName,
      accountNumber: answer.account.accountNumber,
      holderNameMasked: answer.account.holderNameMasked,
      addressMasked: answer.account.addressMasked,
      unpaid,
      totalDueFen: unpaid.reduce((sum, b) => sum + b.amountFen, 0),
    };
  }

  /**
   * A payment order for one month's bill, as the company has it now: it must exist (BILL_NOT_FOUND), be unpaid and
   * not already being paid here (BILL_ALREADY_PAID), and cost what the citizen saw (BILL_AMOUNT_CHANGED).
   */
  async create(
    accountId: string,
    input: CreateUtilityPaymentInput,
  ): Promise<{ order: PaymentOrder; created: boolean }> {
    const company = await this.gasCompany(input.city);
    const account = input.account.trim();
    this.checkFormat(company, account);
    const answer = await this.d.departments.utilities.client.bills({
      companyId: company.id,
      accountNumber: account,
      from: input.period,
      to: input.period,
    });
    const bill = answer.bills.find((b) => b.period === input.period);
    if (!answer.account || !bill) {
      throw new AppError('BILL_NOT_FOUND', `未查询到该户号${periodName(input.period)}的燃气账单，请核对户号和账期。`);
    }
    if (bill.status === 'paid') {
      throw new AppError('BILL_ALREADY_PAID', `该户号${periodName(input.period)}的燃气费已缴清，无需重复缴费。`);
    }
    const billFen = toFen(bill.amount);
    if (billFen !== input.amountFen) {
      throw new AppError(
        'BILL_AMOUNT_CHANGED',
        `该账单当前应缴${formatFen(billFen)}，与页面显示的${formatFen(input.amountFen)}不同，请刷新后重新缴费。`,
      );
    }
    const billIndex = this.d.cipher.blindIndex(`${company.id}:${account}:${input.period}`, BILL_INDEX);
    if (await this.orders.anyPaid(await repo.paymentsOfBill(this.d.db, billIndex))) {
      throw new AppError('BILL_ALREADY_PAID', '该账单已有一笔缴费正在处理，请稍后查看缴费结果，无需重复缴费。');
    }
    const subject = `${shortName(company.name)} ${periodName(input.period)}${UTILITY_FEE.gas}`;
    // The same submission committed meanwhile (a double tap): that order is the answer (placeOrder).
    return this.placeOrder(accountId, input.submissionId, (id) => ({
      order: {
        purpose: 'utility-bill',
        cityCode: input.city,
        subject,
        payeeName: company.name,
        amountFen: billFen,
        lines: [
          { label: '户号', value: account },
          { label: '户主', value: answer.account?.holderNameMasked ?? '' },
          { label: '账期', value: periodName(input.period) },
          { label: '金额', value: formatFen(billFen) },
        ],
        returnPath: `/utilities/gas/pay?account=${account}`,
      },
      row: {
        company_id: company.id,
        utility: 'gas',
        account_number_encrypted: this.d.cipher.encrypt(account, `${ACCOUNT_AAD}:${id}`),
        bill_index: billIndex,
        period: input.period,
        amount_fen: billFen,
        pay_attempted_at: null,
        department_reference: null,
        department_paid_at: null,
      },
    }));
  }

  /**
   * 履约: pay the bill at the company for its exact amount. payBill is a write the company never takes twice: a second
   * call for a bill we paid answers `already-paid`, the same as for a bill someone else paid. So the time of our
   * first attempt is written before the call; on a retry (a crash or timeout after the company may have paid), an
   * `already-paid` whose paidAt is not before that first attempt is our own payment (done), an earlier one is
   * someone else's (failed, refunded). A call refused before it was sent (circuit open, overloaded) is forgotten.
   */
  protected async fulfilRow(
    order: PaymentOrderRecord,
    row: PurposeRow<'utility_payments'>,
  ): Promise<FulfilmentOutcome> {
    if (row.department_reference || row.department_paid_at) return { outcome: 'done' };
    const account = this.d.cipher.decrypt(row.account_number_encrypted, `${ACCOUNT_AAD}:${row.id}`);
    const period = periodName(row.period);
    const attempt = await repo.markPayAttempt(this.d.db, row.id);
    let outcome: Awaited<ReturnType<Departments['utilities']['client']['payBill']>>;
    try {
      outcome = await this.d.departments.utilities.client.payBill({
        companyId: row.company_id,
        accountNumber: account,
        period: row.period,
        amount: row.amount_fen / 100,
      });
    } catch (err) {
      const neverSent =
        (err instanceof DepartmentUnavailable && (err.kind === 'circuit-open' || err.kind === 'overloaded')) ||
        (err instanceof AppError && err.code === 'DEPARTMENT_INPUT_INVALID');
      if (neverSent && !attempt.earlier) await repo.clearPayAttempt(this.d.db, row.id);
      return failedIfInputRefused(err, `${period}燃气费缴费信息有误，缴费未成功，款项已原路退回。`);
    }
    switch (outcome.outcome) {
      case 'paid':
        await repo.recordDepartmentPayment(this.d.db, row.id, outcome.paymentReference, new Date(outcome.paidAt));
        return { outcome: 'done' };
      case 'already-paid': {
        const paidAt = new Date(outcome.paidAt);
        if (attempt.earlier && paidAt.getTime() >= attempt.firstAttemptAt.getTime() - CLOCK_SKEW_MS) {
          this.d.log.info({ orderId: order.id }, 'gas bill found paid by our own earlier attempt');
          await repo.recordDepartmentPayment(this.d.db, row.id, null, paidAt);
          return { outcome: 'done' };
        }
        return { outcome: 'failed', note: `该户号${period}燃气费已缴清（可能已由他人缴纳），款项已原路退回。` };
      }
      case 'amount-mismatch':
        return {
          outcome: 'failed',
          note: `燃气公司账单金额已变为${formatFen(toFen(outcome.amountDue))}，缴费未成功，款项已原路退回，请重新缴费。`,
        };
      case 'not-found':
        return { outcome: 'failed', note: `燃气公司未查询到该户号${period}的账单，缴费未成功，款项已原路退回。` };
    }
  }
}
