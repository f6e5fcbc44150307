import {
  type CreatePurchaseTaxPaymentInput,
  formatFen,
  type MyVehiclePurchases,
  maskVin,
  type PaymentOrder,
  PURCHASE_TAX_STATUS_NAMES,
  VEHICLE_PURCHASE_KIND_NAMES,
  type VehiclePurchaseView,
} from '@yss/contracts';
import type { z } from 'zod';
import type { VehiclePurchase } from '../../departments/tax/contract.js';
import { AppError } from '../../http/app-error.js';
import type { NotificationService } from '../notifications/index.js';
import type { FulfilmentOutcome, PaymentOrderLine, PaymentOrderRecord } from '../payments/index.js';
import type { PurposeRow } from '../payments/purpose-orders.js';
import {
  failedIfInputRefused,
  notifyFulfilment,
  type PurposePaymentDeps,
  PurposePaymentService,
} from '../payments/purpose-payment.js';
import * as repo from './repository.js';

/** The catalog service of 车辆购置税 (D4): every city, the buyer's own purchases. */
export const PURCHASE_TAX_SERVICE = 'cheliang-gouzhishui';
/** 收款单位 */
export const PURCHASE_TAX_PAYEE = '国家税务总局广东省税务局';
/** The associated data of a payment's sealed fields, then `:<the row's id>`. */
export const INVOICE_AAD = 'purchase-tax.invoice';
export const ID_AAD = 'purchase-tax.id';
const ITEM_INDEX = 'purchase-tax-item';

const toFen = (yuan: number) => Math.round(yuan * 100);
type DeptPurchase = z.infer<typeof VehiclePurchase>;

export interface PurchaseTaxDeps extends PurposePaymentDeps<'tax'> {
  notifications: NotificationService;
}

/**
 * 车辆购置税 (D4): the buyer's new-vehicle purchases as the tax department has them (the tax computed by it, with
 * its breakdown), a payment order per purchase for its 应缴合计 (tax + any 滞纳金), and the fulfiller that declares
 * and pays it at the tax department once the provider confirmed the payment; the 车辆购置税完税证明（电子版） number
 * goes to the result page and 消息. Orders of this purpose are `vehicle-purchase-tax` orders whose purposeRef is the
 * purchase_tax_payments row id.
 */
export class PurchaseTaxService extends PurposePaymentService<'purchase_tax_payments'> {
  constructor(private readonly d: PurchaseTaxDeps) {
    super(d, 'purchase_tax_payments', '未找到该笔缴款的购置信息，缴款未成功，款项已原路退回。');
  }

  private present(p: DeptPurchase): VehiclePurchaseView {
    return {
      invoiceCode: p.invoice.code,
      invoiceNumber: p.invoice.number,
      purchasedOn: p.invoice.issuedOn,
      sellerName: p.invoice.seller.name,
      invoiceTotalFen: toFen(p.invoice.total),
      vinMasked: maskVin(p.vin),
      model: p.model,
      vehicleKind: p.vehicleKind,
      vehicleKindName: VEHICLE_PURCHASE_KIND_NAMES[p.vehicleKind],
      taxablePriceFen: toFen(p.taxablePrice),
      taxFen: toFen(p.tax),
      reliefFen: toFen(p.relief),
      reliefRule: p.reliefRule,
      payableTaxFen: toFen(p.payableTax),
      deadline: p.deadline,
      overdue: p.overdueDays > 0,
      overdueDays: p.overdueDays,
      lateFeeFen: toFen(p.lateFee),
      totalDueFen: toFen(p.totalDue),
      status: p.status,
      statusName: PURCHASE_TAX_STATUS_NAMES[p.status],
      paid: p.paid
        ? {
            paidOn: p.paid.paidOn,
            amountFen: toFen(p.paid.amount),
            lateFeeFen: toFen(p.paid.lateFee),
            certificateNumber: p.paid.certificateNumber,
          }
        : null,
    };
  }

  /** The purchases the tax department has under the citizen's ID number (newest first). */
  async mine(idNumber: string): Promise<MyVehiclePurchases> {
    const { purchases } = await this.d.departments.tax.client.vehiclePurchasesOf({ idNumber });
    return {
      purchases: purchases.map((p) => this.present(p)),
      source: { department: PURCHASE_TAX_PAYEE, updatedAt: new Date().toISOString() },
    };
  }

  /**
   * A payment order for one purchase's 应缴合计 as the tax department computes it now: the purchase must be the
   * citizen's (BILL_NOT_FOUND), unpaid and not being paid here already (BILL_ALREADY_PAID), with something to pay
   * (BILL_NOT_FOUND: the relief covers it) and cost what the citizen saw (BILL_AMOUNT_CHANGED: e.g. a day's 滞纳金).
   */
  async create(
    accountId: string,
    idNumber: string,
    input: CreatePurchaseTaxPaymentInput,
  ): Promise<{ order: PaymentOrder; created: boolean }> {
    const code = input.invoiceCode.trim();
    const number = input.invoiceNumber.trim();
    const { purchases } = await this.d.departments.tax.client.vehiclePurchasesOf({ idNumber });
    const purchase = purchases.find((p) => p.invoice.code === code && p.invoice.number === number);
    if (!purchase) {
      throw new AppError('BILL_NOT_FOUND', '未查询到您名下该发票对应的新车购置信息，请核对后重试。');
    }
    if (purchase.status === 'paid') {
      throw new AppError('BILL_ALREADY_PAID', '该车辆的车辆购置税已缴纳，无需重复缴款，可在“完税证明查询”中查看。');
    }
    const dueFen = toFen(purchase.totalDue);
    if (dueFen === 0) {
      throw new AppError(
        'BILL_NOT_FOUND',
        '该车辆的车辆购置税经减免后应纳税额为0，无需缴款；免税申报请到主管税务机关办理。',
      );
    }
    if (dueFen !== input.amountFen) {
      throw new AppError(
        'BILL_AMOUNT_CHANGED',
        `该车辆的车辆购置税当前应缴${formatFen(dueFen)}（含滞纳金），与页面显示的${formatFen(input.amountFen)}不同，请刷新后重新缴款。`,
      );
    }
    const itemIndex = this.d.cipher.blindIndex(`purchase-tax:${code}:${number}`, ITEM_INDEX);
    if (await this.orders.anyPaid(await repo.paymentsOfPurchase(this.d.db, itemIndex))) {
      throw new AppError(
        'BILL_ALREADY_PAID',
        '该车辆的车辆购置税已有一笔缴款正在处理，请稍后查看缴款结果，无需重复缴款。',
      );
    }
    const lateFeeFen = toFen(purchase.lateFee);
    return this.placeOrder(accountId, input.submissionId, (id) => ({
      order: {
        purpose: 'vehicle-purchase-tax',
        cityCode: '440000',
        subject: `车辆购置税 ${purchase.model}`,
        payeeName: PURCHASE_TAX_PAYEE,
        amountFen: dueFen,
        lines: [
          { label: '厂牌型号', value: purchase.model },
          { label: '车辆识别代号', value: maskVin(purchase.vin) },
          { label: '发票号码', value: `${code} ${number}` },
          { label: '计税价格', value: formatFen(toFen(purchase.taxablePrice)) },
          { label: '应纳税额', value: formatFen(toFen(purchase.payableTax)) },
          ...(lateFeeFen > 0
            ? [{ label: '滞纳金', value: `${formatFen(lateFeeFen)}（逾期${purchase.overdueDays}天）` }]
            : []),
          { label: '金额', value: formatFen(dueFen) },
        ],
        returnPath: '/tax/purchase-tax',
      },
      row: {
        invoice_encrypted: this.d.cipher.encrypt(`${code}:${number}`, `${INVOICE_AAD}:${id}`),
        item_index: itemIndex,
        id_number_encrypted: this.d.cipher.encrypt(idNumber, `${ID_AAD}:${id}`),
        amount_fen: dueFen,
        certificate_number: null,
        department_paid_on: null,
      },
    }));
  }

  private receipt(certificate: string, paidOn: string): PaymentOrderLine[] {
    return [
      { label: '车辆购置税完税证明号码', value: certificate },
      { label: '入库日期', value: paidOn },
    ];
  }

  /**
   * 履约: declare and pay the purchase at the tax department. payPurchaseTax is keyed by our payment reference (the
   * 支付订单号): asked again after a crash or a lost answer, the department answers the payment it already recorded,
   * so this is safe to retry. The department checks the amount against what is due today: a different amount (the
   * order paid on a later day, with more 滞纳金), a purchase paid meanwhile or not found fails with a note, and the
   * money goes back in full.
   */
  protected async fulfilRow(
    order: PaymentOrderRecord,
    row: PurposeRow<'purchase_tax_payments'>,
  ): Promise<FulfilmentOutcome> {
    if (row.certificate_number && row.department_paid_on) {
      return { outcome: 'done', receipt: this.receipt(row.certificate_number, row.department_paid_on) };
    }
    const [invoiceCode = '', invoiceNumber = ''] = this.d.cipher
      .decrypt(row.invoice_encrypted, `${INVOICE_AAD}:${row.id}`)
      .split(':');
    const idNumber = this.d.cipher.decrypt(row.id_number_encrypted, `${ID_AAD}:${row.id}`);
    const tax = this.d.departments.tax.client;
    let answer: Awaited<ReturnType<typeof tax.payPurchaseTax>>;
    try {
      answer = await tax.payPurchaseTax({
        invoiceCode,
        invoiceNumber,
        idNumber,
        amount: row.amount_fen / 100,
        paymentReference: order.orderNumber,
      });
    } catch (err) {
      return failedIfInputRefused(err, '车辆购置税缴款信息有误，缴款未成功，款项已原路退回。');
    }
    if (!answer.paid) {
      const notes = {
        'not-found': '税务部门未查询到该车辆的购置信息，缴款未成功，款项已原路退回。',
        'already-paid': '该车辆的车辆购置税已缴纳，款项已原路退回。',
        'amount-mismatch': `税务部门核定的应缴金额已变为${formatFen(toFen(answer.amountDue ?? 0))}（滞纳金按日计算），缴款未成功，款项已原路退回，请重新缴款。`,
      } as const;
      return { outcome: 'failed', note: notes[answer.reason] };
    }
    const { certificateNumber, paidOn } = answer.receipt;
    await repo.recordCertificate(this.d.db, row.id, certificateNumber, paidOn);
    await notifyFulfilment(this.d.notifications, order, {
      key: 'purchase-tax',
      what: 'certificate',
      title: `车辆购置税完税证明：${maskVin(answer.receipt.vin)}`,
      body:
        `您缴纳的车辆购置税${formatFen(row.amount_fen)}已入库。车辆购置税完税证明（电子版）号码：${certificateNumber}；` +
        `入库日期：${paidOn}；收款单位：${PURCHASE_TAX_PAYEE}；支付订单号：${order.orderNumber}。` +
        '可在“车辆购置税 → 完税证明查询”中查看。',
      link: '/tax/purchase-tax/certificates',
    });
    return { outcome: 'done', receipt: this.receipt(certificateNumber, paidOn) };
  }
}
