import { z } from 'zod';
import { CITY_CODES } from './cities.js';

/**
 * 支付 (payments): one payment order (支付订单) per thing a citizen pays for — a gas bill (G1 燃气缴费), a coach
 * order (D1 长途车) — paid through a payment provider's own cashier (收银台). The platform never sees card
 * details or payment passwords: it creates the order at the provider, sends the citizen to the provider's
 * checkout, and learns the outcome from the provider's signed notification (支付结果通知) or by asking the
 * provider (主动查单). Only then does the thing paid for happen (履约: the bill is written off at the gas company,
 * the tickets are issued). If that fails, the money goes back by itself (自动退款).
 *
 * Amounts are integer fen (分) everywhere; `formatFen` is the one way to show them as yuan.
 *
 * This repository ships one provider: the sandbox (沙箱支付, a provider's test mode). No real money moves.
 */

export const PAYMENT_PURPOSES = [
  'utility-bill',
  'coach-tickets',
  'vehicle-tax',
  'endorsement-fee',
  'vehicle-purchase-tax',
] as const;
export const PaymentPurpose = z.enum(PAYMENT_PURPOSES).meta({
  id: 'PaymentPurpose',
  description:
    'utility-bill 生活缴费（燃气费）; coach-tickets 长途车票; vehicle-tax 车船税; endorsement-fee 出入境签注费; ' +
    'vehicle-purchase-tax 车辆购置税',
});
export type PaymentPurpose = z.infer<typeof PaymentPurpose>;

export const PAYMENT_PURPOSE_NAMES = {
  'utility-bill': { name: '生活缴费', nameEn: 'Utility bill' },
  'coach-tickets': { name: '长途车票', nameEn: 'Coach tickets' },
  'vehicle-tax': { name: '车船税', nameEn: 'Vehicle and vessel tax' },
  'endorsement-fee': { name: '签注费', nameEn: 'Endorsement fee' },
  'vehicle-purchase-tax': { name: '车辆购置税', nameEn: 'Vehicle purchase tax' },
} as const satisfies Record<PaymentPurpose, { name: string; nameEn: string }>;

/**
 * The order's money state. `pending` until the provider says paid; `closed` when it was never paid (expired,
 * or cancelled by the citizen); `refunded` / `partially_refunded` after money went back.
 */
export const PAYMENT_STATUSES = ['pending', 'paid', 'closed', 'refunded', 'partially_refunded'] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES).meta({ id: 'PaymentStatus' });
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PAYMENT_STATUS_LABELS = {
  pending: { label: '待支付', labelEn: 'Awaiting payment' },
  paid: { label: '已支付', labelEn: 'Paid' },
  closed: { label: '已关闭', labelEn: 'Closed' },
  refunded: { label: '已退款', labelEn: 'Refunded' },
  partially_refunded: { label: '部分退款', labelEn: 'Partly refunded' },
} as const satisfies Record<PaymentStatus, { label: string; labelEn: string }>;

/**
 * What happened to the thing paid for. `waiting` before payment; `processing` between the provider's "paid" and
 * the department's answer; `done` when the bill was written off or the tickets issued; `failed` when the
 * department refused (the payment was then refunded in full, see `fulfilmentNote`).
 */
export const FULFILMENT_STATUSES = ['waiting', 'processing', 'done', 'failed'] as const;
export const FulfilmentStatus = z.enum(FULFILMENT_STATUSES).meta({ id: 'FulfilmentStatus' });
export type FulfilmentStatus = z.infer<typeof FulfilmentStatus>;

export const FULFILMENT_STATUS_LABELS = {
  waiting: { label: '待支付', labelEn: 'Not paid yet' },
  processing: { label: '处理中', labelEn: 'Processing' },
  done: { label: '已完成', labelEn: 'Completed' },
  failed: { label: '办理失败，已原路退款', labelEn: 'Failed; refunded to the original method' },
} as const satisfies Record<FulfilmentStatus, { label: string; labelEn: string }>;

/** The payment methods a provider offers at its cashier. The sandbox offers two pretend ones. */
export const PAYMENT_CHANNELS = ['sandbox-wallet', 'sandbox-card'] as const;
export const PaymentChannel = z.enum(PAYMENT_CHANNELS, { error: '请选择支付方式' }).meta({ id: 'PaymentChannel' });
export type PaymentChannel = z.infer<typeof PaymentChannel>;

export const PAYMENT_CHANNEL_NAMES = {
  'sandbox-wallet': {
    name: '沙箱钱包（测试模式，不产生真实扣款）',
    nameEn: 'Sandbox wallet (test mode, no real charge)',
  },
  'sandbox-card': {
    name: '沙箱银行卡（测试模式，不产生真实扣款）',
    nameEn: 'Sandbox bank card (test mode, no real charge)',
  },
} as const satisfies Record<PaymentChannel, { name: string; nameEn: string }>;

/**
 * The sandbox cashier's test passwords, as a provider's test mode documents its test cards: any other six digits
 * pay. Shown on the sandbox cashier itself so nobody mistakes it for a real one.
 */
export const SANDBOX_PAYMENT_PASSWORDS = {
  /** Declined: 余额不足. */
  insufficientFunds: '000000',
  /** Paid, but the notification to the platform is lost (the platform must find out by 主动查单). */
  notificationLost: '999999',
} as const;

/** An unpaid order closes after this many minutes (and a coach order's seats are released). */
export const PAYMENT_EXPIRY_MINUTES = 15;

/** "¥12.30" — the one way amounts are shown. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const Fen = z.number().int().meta({ description: '金额（分）' });

export const PaymentRefund = z
  .object({
    /** 退款单号 */
    refundNumber: z.string(),
    amountFen: Fen,
    reason: z.string(),
    refundedAt: z.iso.datetime(),
  })
  .meta({ id: 'PaymentRefund' });
export type PaymentRefund = z.infer<typeof PaymentRefund>;

/** A payment order as its payer sees it (收银台, 支付结果, 订单详情). */
export const PaymentOrder = z
  .object({
    id: z.uuid(),
    /** 支付订单号, e.g. P20261127440100123456 */
    orderNumber: z.string(),
    purpose: PaymentPurpose,
    purposeName: z.string(),
    /** One line: 广州燃气 2026年10月燃气费 / 广州 → 深圳 长途车票 2张 */
    subject: z.string(),
    /** 收款单位 */
    payeeName: z.string(),
    cityCode: z.string(),
    amountFen: Fen,
    status: PaymentStatus,
    statusLabel: z.string(),
    fulfilment: FulfilmentStatus,
    fulfilmentLabel: z.string(),
    /** Why fulfilment failed, in Chinese (e.g. 账单已由他人缴纳，款项已原路退回). */
    fulfilmentNote: z.string().nullable(),
    createdAt: z.iso.datetime(),
    /** When an unpaid order closes. */
    expiresAt: z.iso.datetime(),
    paidAt: z.iso.datetime().nullable(),
    channel: PaymentChannel.nullable(),
    channelName: z.string().nullable(),
    /** 交易流水号 from the provider, once paid. */
    providerTransactionId: z.string().nullable(),
    refunds: z.array(PaymentRefund),
    refundedFen: Fen,
    /** The app page of the thing paid for (e.g. /coach/orders/<id>); the result page links to it. */
    returnPath: z.string(),
    /** The order summary shown at the cashier (label → value, in order). */
    lines: z.array(z.object({ label: z.string(), value: z.string() })),
    /**
     * What the department answered once the thing paid for was done (label → value, e.g. 完税凭证号码), shown on the
     * result page with the receipt; empty until then and for purposes whose department gives nothing to show.
     */
    receipt: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
    /** Pending and not yet expired. */
    canPay: z.boolean(),
  })
  .meta({ id: 'PaymentOrder' });
export type PaymentOrder = z.infer<typeof PaymentOrder>;

/** 去支付: the citizen picked a method; the answer is where the provider's cashier is. */
export const StartPaymentInput = z.object({ channel: PaymentChannel }).strict().meta({ id: 'StartPaymentInput' });
export type StartPaymentInput = z.input<typeof StartPaymentInput>;

export const StartPaymentResult = z
  .object({
    /** The provider's cashier page; the app navigates there (a full page load, not a route of the app). */
    checkoutUrl: z.string(),
  })
  .meta({ id: 'StartPaymentResult' });
export type StartPaymentResult = z.infer<typeof StartPaymentResult>;

export const PaymentOrderListQuery = z.object({ purpose: PaymentPurpose.optional() }).strict();

// ---------------------------------------------------------------------------------------------------------------
// G1 燃气缴费 (广州): pay one month's gas bill, for one's own or bound account or for someone else's (替他人缴费)
// ---------------------------------------------------------------------------------------------------------------

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式有误');
const AccountNumber = z
  .string()
  .trim()
  .regex(/^\d{8,13}$/, '户号格式有误，请输入8至13位数字');

/** 替他人缴费: what anyone may see of an account before paying its bills — masked, only what is unpaid. */
export const UtilityAmountDueQuery = z
  .object({
    city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }),
    account: AccountNumber,
  })
  .strict();

export const UtilityAmountDue = z
  .object({
    companyName: z.string(),
    accountNumber: z.string(),
    /** *伟 */
    holderNameMasked: z.string(),
    addressMasked: z.string(),
    unpaid: z.array(z.object({ period: Month, amountFen: Fen, dueOn: z.iso.date() })),
    totalDueFen: Fen,
  })
  .meta({ id: 'UtilityAmountDue' });
export type UtilityAmountDue = z.infer<typeof UtilityAmountDue>;

export const CreateUtilityPaymentInput = z
  .object({
    city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }),
    account: AccountNumber,
    period: Month,
    /** The amount the citizen saw; refused with BILL_AMOUNT_CHANGED if the bill now says otherwise. */
    amountFen: z.number().int('金额有误').positive('缴费金额须大于0'),
    /** Chosen by the app once per attempt: a retry returns the first order instead of a second. */
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'CreateUtilityPaymentInput' });
export type CreateUtilityPaymentInput = z.input<typeof CreateUtilityPaymentInput>;
