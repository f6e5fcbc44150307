import type { PaymentOrder, UtilityAmountDue } from '@yss/contracts';

export const ORDER_ID = '6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b';

/** A gas bill's payment order as the server answers it (pending, 15 minutes from now). */
export function paymentOrder(over: Partial<PaymentOrder> = {}): PaymentOrder {
  return {
    id: ORDER_ID,
    orderNumber: 'P20261127440100123456',
    purpose: 'utility-bill',
    purposeName: '生活缴费',
    subject: '广州燃气 2026年10月燃气费',
    payeeName: '广州燃气集团有限公司',
    cityCode: '440100',
    amountFen: 8645,
    status: 'pending',
    statusLabel: '待支付',
    fulfilment: 'waiting',
    fulfilmentLabel: '待支付',
    fulfilmentNote: null,
    createdAt: '2026-11-27T02:00:00.000Z',
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    paidAt: null,
    channel: null,
    channelName: null,
    providerTransactionId: null,
    refunds: [],
    refundedFen: 0,
    returnPath: '/utilities/gas/pay',
    lines: [
      { label: '户号', value: '2000123456' },
      { label: '户主', value: '*伟' },
      { label: '账期', value: '2026年10月' },
    ],
    canPay: true,
    ...over,
  };
}

export const PAID = {
  status: 'paid',
  statusLabel: '已支付',
  fulfilment: 'done',
  fulfilmentLabel: '已完成',
  paidAt: '2026-11-27T02:03:00.000Z',
  channel: 'sandbox-wallet',
  channelName: '沙箱钱包（测试模式，不产生真实扣款）',
  providerTransactionId: 'SBX202611270203001',
  canPay: false,
} as const satisfies Partial<PaymentOrder>;

export function amountDue(over: Partial<UtilityAmountDue> = {}): UtilityAmountDue {
  return {
    companyName: '广州燃气集团有限公司',
    accountNumber: '2000765432',
    holderNameMasked: '*伟',
    addressMasked: '广州市天河区****号',
    unpaid: [
      { period: '2026-09', amountFen: 7230, dueOn: '2026-10-25' },
      { period: '2026-10', amountFen: 8645, dueOn: '2026-11-25' },
    ],
    totalDueFen: 15875,
    ...over,
  };
}
