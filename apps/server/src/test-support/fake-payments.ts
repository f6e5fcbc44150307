import { randomUUID } from 'node:crypto';
import type { PaymentPurpose } from '@yss/contracts';
import { AppError } from '../http/app-error.js';
import type {
  DbExecutor,
  NewPaymentOrder,
  PaymentFulfiller,
  PaymentOrderRecord,
  PaymentRefundRecord,
  Payments,
  RefundRequest,
} from '../modules/payments/port.js';

/**
 * TEST DOUBLE — an in-memory stand-in for the payments module, honouring what modules/payments/port.ts documents:
 * one fulfiller per purpose; createOrder (pending, purposeRef unique per purpose, default expiry 15 minutes);
 * close (only pending: else PAYMENT_NOT_PAYABLE) runs the `closed` hook once; refund never beyond what was paid
 * minus earlier refunds and once per refundKey; and, for tests, `pay(id)` as if the provider confirmed payment
 * (the fulfiller runs: done, or failed → refunded in full) and `expire(id)` as if the order's time ran out.
 *
 * It is not the payments module: no provider, no cashier, no database (the caller's transaction is ignored, so an
 * order whose caller rolled back stays here), no retry job (`fulfilAgain` re-runs a fulfiller, as a retry would).
 */
export class FakePayments implements Payments {
  readonly orders = new Map<string, PaymentOrderRecord & { lines: NewPaymentOrder['lines']; note: string | null }>();
  readonly refunds = new Map<string, PaymentRefundRecord & { orderId: string }>();
  private readonly fulfillers = new Map<PaymentPurpose, PaymentFulfiller>();
  private seq = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  registerFulfiller(purpose: PaymentPurpose, fulfiller: PaymentFulfiller): void {
    if (this.fulfillers.has(purpose)) throw new Error(`a fulfiller for ${purpose} is registered already`);
    this.fulfillers.set(purpose, fulfiller);
  }

  async createOrder(order: NewPaymentOrder, _executor?: DbExecutor): Promise<PaymentOrderRecord> {
    for (const o of this.orders.values())
      if (o.purpose === order.purpose && o.purposeRef === order.purposeRef)
        throw new Error(`payment order for ${order.purpose}:${order.purposeRef} exists`);
    const id = randomUUID();
    const record = {
      id,
      orderNumber: `P${String(++this.seq).padStart(20, '0')}`,
      accountId: order.accountId,
      purpose: order.purpose,
      purposeRef: order.purposeRef,
      cityCode: order.cityCode,
      subject: order.subject,
      amountFen: order.amountFen,
      status: 'pending' as const,
      fulfilment: 'waiting' as const,
      paidAt: null,
      refundedFen: 0,
      expiresAt: order.expiresAt ?? new Date(this.now().getTime() + 15 * 60_000),
      lines: order.lines,
      note: null,
    };
    this.orders.set(id, record);
    return this.snapshot(id);
  }

  async getOrder(id: string): Promise<PaymentOrderRecord | undefined> {
    return this.orders.has(id) ? this.snapshot(id) : undefined;
  }

  async close(id: string, _reason: string): Promise<PaymentOrderRecord> {
    const o = this.must(id);
    if (o.status !== 'pending') throw new AppError('PAYMENT_NOT_PAYABLE', '该订单已支付或已关闭。');
    o.status = 'closed';
    await this.fulfillers.get(o.purpose)?.closed?.(this.snapshot(id));
    return this.snapshot(id);
  }

  async refund(id: string, request: RefundRequest): Promise<PaymentRefundRecord> {
    const earlier = this.refunds.get(request.refundKey);
    if (earlier) return earlier;
    const o = this.must(id);
    if (o.status !== 'paid' && o.status !== 'partially_refunded') throw new Error(`order ${id} is ${o.status}`);
    if (request.amountFen <= 0 || request.amountFen > o.amountFen - o.refundedFen)
      throw new Error(`refund of ${request.amountFen} exceeds what is left of ${id}`);
    o.refundedFen += request.amountFen;
    o.status = o.refundedFen === o.amountFen ? 'refunded' : 'partially_refunded';
    const refund = {
      orderId: id,
      refundNumber: `R${String(this.refunds.size + 1).padStart(20, '0')}`,
      amountFen: request.amountFen,
      reason: request.reason,
      refundedAt: this.now(),
    };
    this.refunds.set(request.refundKey, refund);
    return refund;
  }

  // ---- test helpers ----

  /** The provider says paid: status paid, the fulfiller runs; failed → the whole amount refunded, note kept. */
  async pay(id: string): Promise<PaymentOrderRecord> {
    const o = this.must(id);
    if (o.status !== 'pending') throw new Error(`order ${id} is ${o.status}`);
    o.status = 'paid';
    o.paidAt = this.now();
    o.fulfilment = 'processing';
    return this.fulfilAgain(id);
  }

  /** Run the fulfiller of a paid order again (as the retry after a crash would). */
  async fulfilAgain(id: string): Promise<PaymentOrderRecord> {
    const o = this.must(id);
    const fulfiller = this.fulfillers.get(o.purpose);
    if (!fulfiller) throw new Error(`no fulfiller for ${o.purpose}`);
    const outcome = await fulfiller.fulfil(this.snapshot(id));
    if (outcome.outcome === 'done') o.fulfilment = 'done';
    else {
      o.fulfilment = 'failed';
      o.note = outcome.note;
      const left = o.amountFen - o.refundedFen;
      if (left > 0)
        await this.refund(id, { amountFen: left, reason: outcome.note, refundKey: `fulfilment-failed:${id}` });
    }
    return this.snapshot(id);
  }

  /** The order's time ran out unpaid: closed, and the hook runs. */
  async expire(id: string): Promise<PaymentOrderRecord> {
    return this.close(id, '订单超时未支付');
  }

  /** The order of a purpose reference (a coach order id). */
  byRef(purposeRef: string) {
    return [...this.orders.values()].find((o) => o.purposeRef === purposeRef);
  }

  refundsOf(id: string) {
    return [...this.refunds.values()].filter((r) => r.orderId === id);
  }

  private must(id: string) {
    const o = this.orders.get(id);
    if (!o) throw new AppError('PAYMENT_NOT_FOUND', '找不到该支付订单。');
    return o;
  }

  private snapshot(id: string): PaymentOrderRecord {
    const { lines: _lines, note: _note, ...record } = this.must(id);
    return { ...record, expiresAt: new Date(record.expiresAt) };
  }
}
