import type {
  CreateUtilityPaymentInput,
  PaymentChannel,
  PaymentOrder,
  PaymentPurpose,
  StartPaymentResult,
  UtilityAmountDue,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };
const order = (id: string) => `/api/v1/me/payments/${encodeURIComponent(id)}`;

/**
 * 支付 (收银台, 支付结果, 我的订单) and 燃气缴费 (G1). The orders are the citizen's own: pages wrap these calls in
 * withVerification like other personal data. Amounts are integer fen (formatFen shows them).
 */
export const paymentsApi = {
  /** The citizen's payment orders, newest first (optionally of one purpose). */
  list: (purpose: PaymentPurpose | undefined, o: Opts = {}) =>
    apiRequest<PaymentOrder[]>('/api/v1/me/payments', { ...o, query: { purpose } }),
  /** One order; while it is pending the server asks the provider first (主动查单), so polling this learns the outcome. */
  get: (id: string, o: Opts = {}) => apiRequest<PaymentOrder>(order(id), o),
  /** 立即支付: where the provider's cashier is (a full page load, not a route of this app). */
  start: (id: string, channel: PaymentChannel, o: Opts = {}) =>
    apiRequest<StartPaymentResult>(`${order(id)}/start`, {
      ...o,
      method: 'POST',
      body: { channel },
      timeoutMs: 30_000,
    }),
  /** 取消订单. */
  close: (id: string, o: Opts = {}) =>
    apiRequest<PaymentOrder>(`${order(id)}/close`, { ...o, method: 'POST', body: {} }),
  /** 替他人缴费: what anyone may see of a gas account before paying it (masked holder and address, unpaid months). */
  gasAmountDue: (city: string, account: string, o: Opts = {}) =>
    apiRequest<UtilityAmountDue>('/api/v1/utilities/gas/amount-due', { ...o, query: { city, account } }),
  /** 201 a new order for one month's bill; 200 the order already made with this submissionId (a retry). */
  createUtilityPayment: (body: CreateUtilityPaymentInput, o: Opts = {}) =>
    apiRequest<PaymentOrder>('/api/v1/me/utility-payments', { ...o, method: 'POST', body, timeoutMs: 30_000 }),
};
