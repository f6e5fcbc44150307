import { randomUUID } from 'node:crypto';
import {
  PAYMENT_EXPIRY_MINUTES,
  type PaymentChannel,
  type PaymentOrder,
  type PaymentPurpose,
  type StartPaymentResult,
} from '@yss/contracts';
import type { FastifyBaseLogger } from 'fastify';
import {
  PaymentNotificationRejected,
  type PaymentProvider,
  PaymentProviderRefused,
  type ProviderPaymentState,
  type ReceivedNotification,
} from '../../connectors/payments/contract.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditEntry, AuditLog } from '../audit/index.js';
import type { NotificationService } from '../notifications/index.js';
import type { FieldCipher } from '../privacy/index.js';
import { paidMessage, refundMessage } from './messages.js';
import { newOrderNumber, newRefundNumber } from './numbers.js';
import type {
  DbExecutor,
  FulfilmentOutcome,
  NewPaymentOrder,
  PaymentFulfiller,
  PaymentOrderRecord,
  PaymentRefundRecord,
  Payments,
  RefundRequest,
} from './port.js';
import { linesAad, presentOrder, receiptAad, toRecord, toRefundRecord } from './present.js';
import * as repo from './repository.js';

export interface PaymentServiceDeps {
  db: Db;
  cipher: FieldCipher;
  provider: PaymentProvider;
  notifications: NotificationService;
  audit: AuditLog;
  log: FastifyBaseLogger;
  /** The platform's public origin: the provider's notify, return and cancel URLs start with it. */
  publicOrigin: string;
  now?: () => Date;
}

/** The refund key of the automatic refund after a failed fulfilment (or a payment taken after the order closed). */
export const AUTO_REFUND_KEY = 'auto:fulfilment-failed';
/** How long a fulfilment (or `closed` hook) runner holds its claim; a crashed runner's claim lapses after it. */
const CLAIM_MS = 2 * 60_000;
/** Waits before retrying a fulfiller that threw: 30 s, 1, 2, 5, 10, 30 min, then hourly. */
const FULFIL_RETRY_MS = [30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
/** How long a notification (or a page load that found the payment) waits for the fulfilment before answering. */
const FULFIL_WAIT_MS = 3_000;
/** The note of an order the provider paid after it was closed here: never fulfilled, refunded in full. */
const LATE_PAYMENT_NOTE = '订单已关闭后才收到付款，款项已原路退回。';

type CloseSource = 'citizen' | 'owner' | 'expired' | 'provider';
const CLOSE_REASONS: Record<Exclude<CloseSource, 'owner' | 'citizen'>, string> = {
  expired: `超过${PAYMENT_EXPIRY_MINUTES}分钟未支付，订单已自动关闭`,
  provider: '支付机构已关闭该笔支付',
};

function providerUnavailable(): AppError {
  return new AppError('PAYMENT_PROVIDER_UNAVAILABLE', '支付服务暂时不可用，请稍后再试。');
}

/**
 * 支付: payment orders, their provider payments and what follows (port.ts is what other modules use). Every change
 * of an order's state happens in one transaction under the order's row lock (`select … for update`), so a
 * notification arriving twice, a notification racing a query (主动查单) or two server copies record a payment once;
 * fulfilment runs outside any transaction under a claim (one runner at a time) and at least once; messages and
 * audit entries go out after the commit, messages once per event (dedupe key).
 */
export class PaymentService implements Payments {
  private readonly fulfillers = new Map<PaymentPurpose, PaymentFulfiller>();
  /** Fulfilments still running after their caller stopped waiting (awaited when the app closes). */
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly d: PaymentServiceDeps) {}

  get provider() {
    return this.d.provider;
  }

  now() {
    return this.d.now?.() ?? new Date();
  }

  // ---- the port ----

  registerFulfiller(purpose: PaymentPurpose, fulfiller: PaymentFulfiller): void {
    if (this.fulfillers.has(purpose)) throw new Error(`a fulfiller for ${purpose} is already registered`);
    this.fulfillers.set(purpose, fulfiller);
  }

  /**
   * A new pending order (in the caller's transaction when given). The same purpose + ref again answers the order
   * already made for it, unchanged.
   */
  async createOrder(order: NewPaymentOrder, executor?: DbExecutor): Promise<PaymentOrderRecord> {
    checkNewOrder(order);
    if (!executor) return this.d.db.transaction().execute((tx) => this.createOrder(order, tx));
    const existing = await repo.findOrderByPurpose(executor, order.purpose, order.purposeRef);
    if (existing) return toRecord(existing);
    const now = this.now();
    const id = randomUUID();
    const expiresAt = order.expiresAt ?? new Date(now.getTime() + PAYMENT_EXPIRY_MINUTES * 60_000);
    const lines = JSON.stringify(order.lines.map((l) => ({ label: l.label, value: l.value })));
    // Two orders drawing the same number: draw again (on conflict do nothing keeps the transaction usable).
    for (let attempt = 0; attempt < 8; attempt++) {
      const row = await repo.insertOrder(executor, {
        id,
        order_number: newOrderNumber(order.cityCode, now),
        account_id: order.accountId,
        purpose: order.purpose,
        purpose_ref: order.purposeRef,
        city_code: order.cityCode,
        subject: order.subject,
        payee_name: order.payeeName,
        amount_fen: order.amountFen,
        lines_encrypted: this.d.cipher.encrypt(lines, linesAad(id)),
        return_path: order.returnPath,
        provider: this.d.provider.name,
        channel: null,
        provider_payment_id: null,
        checkout_url: null,
        started_at: null,
        provider_transaction_id: null,
        paid_at: null,
        closed_at: null,
        close_reason: null,
        fulfilment_note: null,
        fulfilment_next_at: null,
        fulfilment_claimed_until: null,
        expires_at: expiresAt,
      });
      if (row) {
        await repo.insertEvent(executor, id, 'created', {
          amountFen: row.amount_fen,
          expiresAt: expiresAt.toISOString(),
        });
        return toRecord(row);
      }
      const raced = await repo.findOrderByPurpose(executor, order.purpose, order.purposeRef);
      if (raced) return toRecord(raced);
    }
    throw new Error('could not draw a free payment order number');
  }

  async getOrder(id: string): Promise<PaymentOrderRecord | undefined> {
    const row = await repo.findOrder(this.d.db, id);
    return row ? toRecord(row) : undefined;
  }

  /** The owning module closes an unpaid order (e.g. the citizen cancelled it there). */
  async close(id: string, reason: string): Promise<PaymentOrderRecord> {
    return toRecord(await this.closeOrder(id, reason.slice(0, 200) || '订单已取消', 'owner'));
  }

  async refund(id: string, request: RefundRequest): Promise<PaymentRefundRecord> {
    if (!Number.isInteger(request.amountFen) || request.amountFen <= 0) {
      throw new AppError('VALIDATION_FAILED', '退款金额须为大于0的整数（分）。');
    }
    return this.requestRefund(id, request.amountFen, request.reason, request.refundKey);
  }

  // ---- the citizen's side ----

  async listOwn(accountId: string, purpose: PaymentPurpose | undefined): Promise<PaymentOrder[]> {
    const rows = await repo.listOwnOrders(this.d.db, accountId, purpose);
    const refunds = await repo.refundsOf(
      this.d.db,
      rows.filter((r) => r.refunded_fen > 0).map((r) => r.id),
    );
    const now = this.now();
    return rows.map((r) => presentOrder(this.d.cipher, r, refunds, now));
  }

  /**
   * One of the citizen's orders. An unpaid one started at the provider is asked about first (主动查单: the answer
   * when the notification was lost), an expired one closed.
   */
  async getOwn(accountId: string, id: string): Promise<PaymentOrder> {
    const row = await repo.findOwnOrder(this.d.db, accountId, id);
    if (!row) throw notFound();
    if (row.status === 'pending') {
      try {
        if (row.expires_at <= this.now()) await this.closeOrder(row.id, CLOSE_REASONS.expired, 'expired');
        else if (row.provider_payment_id) await this.queryAndApply(row.id, 'query');
      } catch (err) {
        // Nothing known from the provider now: the order shows as it is (the sweep asks again).
        this.d.log.warn({ err, orderId: row.id }, 'payment query failed; order shown as it is');
      }
    }
    return this.present(accountId, id);
  }

  async present(accountId: string, id: string): Promise<PaymentOrder> {
    const row = await repo.findOwnOrder(this.d.db, accountId, id);
    if (!row) throw notFound();
    return presentOrder(this.d.cipher, row, await repo.refundsOf(this.d.db, [row.id]), this.now());
  }

  /** 去支付: the provider payment is made once (again only when the citizen picked another method). */
  async start(
    accountId: string,
    id: string,
    channel: PaymentChannel,
  ): Promise<StartPaymentResult & { first: boolean }> {
    const row = await repo.findOwnOrder(this.d.db, accountId, id);
    if (!row) throw notFound();
    if (row.status !== 'pending') throw notPayable(row);
    if (row.expires_at <= this.now()) {
      await this.closeOrder(row.id, CLOSE_REASONS.expired, 'expired').catch(() => undefined);
      // The payer may have paid at the last moment (the provider said so when asked to close).
      const current = await repo.findOrder(this.d.db, row.id);
      if (current?.paid_at) throw notPayable(current);
      throw new AppError('PAYMENT_EXPIRED', `订单已超过${PAYMENT_EXPIRY_MINUTES}分钟未支付，已自动关闭，请重新下单。`);
    }
    if (row.provider_payment_id && row.checkout_url && row.channel === channel) {
      return { checkoutUrl: row.checkout_url, first: false };
    }
    let created: Awaited<ReturnType<PaymentProvider['createPayment']>>;
    try {
      created = await this.d.provider.createPayment({
        orderNumber: row.order_number,
        amountFen: row.amount_fen,
        subject: row.subject,
        payeeName: row.payee_name,
        channel,
        notifyUrl: `${this.d.publicOrigin}/api/v1/payments/notify/${this.d.provider.name}`,
        returnUrl: `${this.d.publicOrigin}/pay/${row.id}/result`,
        cancelUrl: `${this.d.publicOrigin}/pay/${row.id}`,
        expiresAt: row.expires_at,
      });
    } catch (err) {
      if (err instanceof PaymentProviderRefused) {
        // The provider has it paid or closed already: learn which, and say so.
        if (row.provider_payment_id) await this.queryAndApply(row.id, 'query').catch(() => undefined);
        throw notPayable((await repo.findOrder(this.d.db, row.id)) ?? row);
      }
      this.d.log.warn({ err, orderId: row.id }, 'payment provider: create payment failed');
      throw providerUnavailable();
    }
    const outcome = await this.d.db.transaction().execute(async (tx) => {
      const current = await repo.lockOrder(tx, row.id);
      if (current?.status !== 'pending') return { current, started: false };
      const first = current.provider_payment_id === null;
      const updated = await repo.updateOrder(tx, row.id, {
        provider_payment_id: created.providerPaymentId,
        checkout_url: created.checkoutUrl,
        channel,
        started_at: current.started_at ?? this.now(),
      });
      await repo.insertEvent(tx, row.id, 'started', { channel, providerPaymentId: created.providerPaymentId, first });
      return { current: updated, started: true, first };
    });
    if (!outcome.started || !outcome.current) {
      // Closed (or paid) meanwhile: make sure nothing can be paid at the provider for a closed order.
      if (outcome.current?.status === 'closed') {
        await this.d.provider.closePayment(created.providerPaymentId).catch(() => undefined);
      }
      throw notPayable(outcome.current ?? row);
    }
    return { checkoutUrl: created.checkoutUrl, first: outcome.first ?? false };
  }

  /** The citizen cancels their unpaid order. */
  async closeOwn(accountId: string, id: string): Promise<PaymentOrder> {
    const row = await repo.findOwnOrder(this.d.db, accountId, id);
    if (!row) throw notFound();
    await this.closeOrder(row.id, '您已取消该订单', 'citizen');
    return this.present(accountId, id);
  }

  // ---- the provider's side ----

  /**
   * 支付结果通知: verified with the provider's key before anything else (a forged or altered one changes nothing),
   * then recorded like any answer of the provider. Answers what the provider expects, so that it stops retrying.
   */
  async handleNotification(
    received: ReceivedNotification,
    requestId: string,
  ): Promise<PaymentProvider['notificationAcknowledgement']> {
    let n: Awaited<ReturnType<PaymentProvider['verifyNotification']>>;
    try {
      n = await this.d.provider.verifyNotification(received);
    } catch (err) {
      if (!(err instanceof PaymentNotificationRejected)) throw err;
      await this.audit({
        action: 'payment.notification.rejected',
        result: 'denied',
        actorKind: 'anonymous',
        detail: { provider: this.d.provider.name, reason: err.message },
        requestId,
      });
      throw new AppError('PAYMENT_NOTIFICATION_INVALID', '支付通知验签失败，未予处理。');
    }
    const row = await repo.findOrderByNumber(this.d.db, n.orderNumber);
    if (!row || row.provider !== this.d.provider.name) {
      throw new AppError('PAYMENT_NOT_FOUND', '找不到该支付通知对应的支付订单。');
    }
    if (row.provider_payment_id !== null && row.provider_payment_id !== n.providerPaymentId) {
      throw new AppError('PAYMENT_NOTIFICATION_INVALID', '支付通知与支付订单不符，未予处理。');
    }
    await this.applyProviderState(row.id, n.state, 'notification', n.providerPaymentId);
    return this.d.provider.notificationAcknowledgement;
  }

  /** 主动查单: ask the provider about a started, unpaid order and record its answer. */
  async queryAndApply(orderId: string, source: 'query' | 'sweep'): Promise<void> {
    const row = await repo.findOrder(this.d.db, orderId);
    if (!row?.provider_payment_id || row.status !== 'pending') return;
    let state: ProviderPaymentState;
    try {
      state = await this.d.provider.queryPayment(row.provider_payment_id);
    } catch (err) {
      if (err instanceof PaymentProviderRefused) {
        this.d.log.error({ err, orderId }, 'payment provider does not know a started payment');
        return;
      }
      throw providerUnavailable();
    }
    await this.applyProviderState(orderId, state, source, row.provider_payment_id);
  }

  /**
   * Record what the provider says of an order, under the order's lock. `paid` on a pending order: paid, fulfilment
   * processing, then (after the commit) the 消息, the audit entry and the fulfilment. `paid` on an order closed here
   * (the payer was faster than the closing): paid, never fulfilled, refunded in full. Anything already recorded
   * changes nothing.
   */
  private async applyProviderState(
    orderId: string,
    state: ProviderPaymentState,
    source: 'notification' | 'query' | 'sweep' | 'close',
    providerPaymentId: string,
  ): Promise<void> {
    if (state.status === 'pending') return;
    if (state.status === 'closed') {
      const row = await repo.findOrder(this.d.db, orderId);
      if (row?.status === 'pending') await this.closeOrder(orderId, CLOSE_REASONS.provider, 'provider');
      return;
    }
    const outcome = await this.d.db.transaction().execute(async (tx) => {
      const row = await repo.lockOrder(tx, orderId);
      if (!row || row.paid_at !== null || (row.status !== 'pending' && row.status !== 'closed'))
        return { kind: 'known' as const };
      if (
        state.amountFen !== row.amount_fen ||
        (row.provider_payment_id !== null && row.provider_payment_id !== providerPaymentId)
      ) {
        await repo.insertEvent(tx, orderId, 'anomaly', {
          source,
          providerPaymentId,
          amountFen: state.amountFen,
          expectedFen: row.amount_fen,
        });
        return { kind: 'anomaly' as const };
      }
      const late = row.status === 'closed';
      const paid = await repo.updateOrder(tx, orderId, {
        status: 'paid',
        paid_at: state.paidAt,
        provider_transaction_id: state.transactionId,
        channel: state.channel,
        fulfilment: late ? 'failed' : 'processing',
        fulfilment_note: late ? LATE_PAYMENT_NOTE : null,
        fulfilment_next_at: null,
        fulfilment_claimed_until: null,
      });
      await repo.insertEvent(tx, orderId, 'paid', {
        source,
        transactionId: state.transactionId,
        amountFen: state.amountFen,
        channel: state.channel,
        late,
      });
      return { kind: 'paid' as const, row: paid, late };
    });
    if (outcome.kind === 'anomaly') {
      this.d.log.error(
        { orderId, source, amountFen: state.amountFen },
        'provider says paid with another amount or payment',
      );
      return;
    }
    if (outcome.kind !== 'paid') return;
    const row = outcome.row;
    await this.d.notifications.deliver([paidMessage(row)]);
    await this.audit({
      action: 'payment.paid',
      result: 'success',
      actorKind: 'system',
      subjectAccountId: row.account_id,
      detail: {
        what: row.subject,
        orderId: row.id,
        orderNumber: row.order_number,
        amountFen: row.amount_fen,
        source,
        ...(outcome.late ? { late: true } : {}),
      },
    });
    if (outcome.late) {
      await this.autoRefund(row.id, LATE_PAYMENT_NOTE).catch((err) =>
        this.d.log.warn({ err, orderId: row.id }, 'refund of a late payment failed; the sweep retries it'),
      );
      return;
    }
    await this.fulfilSoon(row.id);
  }

  // ---- closing ----

  /**
   * Close an unpaid order: first at the provider when it was started there (关单 — after that nothing can be paid;
   * if the payer was faster, the payment is recorded and the order stays paid), then here under the lock; the
   * purpose's `closed` hook runs once afterwards.
   */
  private async closeOrder(id: string, reason: string, source: CloseSource): Promise<repo.OrderRow> {
    const row = await repo.findOrder(this.d.db, id);
    if (!row) throw notFound();
    if (row.status === 'closed') {
      await this.runClosedHook(id);
      return row;
    }
    if (row.status !== 'pending') throw notPayable(row);
    if (row.provider_payment_id) {
      let state: ProviderPaymentState;
      try {
        state = await this.d.provider.closePayment(row.provider_payment_id);
      } catch (err) {
        if (!(err instanceof PaymentProviderRefused)) {
          this.d.log.warn({ err, orderId: id }, 'payment provider: close failed');
          throw providerUnavailable();
        }
        state = { status: 'closed' };
      }
      if (state.status === 'paid') {
        await this.applyProviderState(id, state, 'close', row.provider_payment_id);
        throw new AppError('PAYMENT_NOT_PAYABLE', '该订单已支付成功，不能关闭。');
      }
    }
    const now = this.now();
    const outcome = await this.d.db.transaction().execute(async (tx) => {
      const current = await repo.lockOrder(tx, id);
      if (current?.status !== 'pending') return { row: current, closed: false };
      const closed = await repo.updateOrder(tx, id, { status: 'closed', closed_at: now, close_reason: reason });
      await repo.insertEvent(tx, id, 'closed', { source, reason });
      return { row: closed, closed: true };
    });
    if (!outcome.row) throw notFound();
    if (!outcome.closed && outcome.row.status !== 'closed') throw notPayable(outcome.row);
    if (outcome.closed && source !== 'citizen') {
      await this.audit({
        action: source === 'expired' ? 'payment.expire' : 'payment.close',
        result: 'success',
        actorKind: 'system',
        subjectAccountId: outcome.row.account_id,
        detail: { what: outcome.row.subject, orderId: id, orderNumber: outcome.row.order_number, source },
      });
    }
    await this.runClosedHook(id);
    return (await repo.findOrder(this.d.db, id)) ?? outcome.row;
  }

  /** The purpose's `closed` hook, once per closed order (claimed; a failure is retried by the sweep). */
  private async runClosedHook(id: string): Promise<void> {
    const now = this.now();
    const claimed = await repo.claimClosedHook(this.d.db, id, now, new Date(now.getTime() + CLAIM_MS));
    if (!claimed) return;
    const fulfiller = this.fulfillers.get(claimed.purpose);
    try {
      await fulfiller?.closed?.(toRecord(claimed));
      await repo.updateOrder(this.d.db, id, { closed_hook_done: true, fulfilment_claimed_until: null });
    } catch (err) {
      this.d.log.warn({ err, orderId: id }, 'closed hook failed; retried by the sweep');
      await repo.updateOrder(this.d.db, id, { fulfilment_claimed_until: null });
    }
  }

  // ---- fulfilment ----

  /** Run the fulfilment now, waiting for it a little (the page that comes next then shows 已完成). */
  private async fulfilSoon(id: string): Promise<void> {
    const run = this.runFulfilment(id).catch((err) =>
      this.d.log.error({ err, orderId: id }, 'fulfilment bookkeeping failed; the sweep retries it'),
    );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run, new Promise((r) => (timer = setTimeout(r, FULFIL_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /**
   * One run of a paid order's fulfiller, if this runner gets the claim. Outside any transaction; its answer is
   * recorded under the lock: done, failed (→ the whole amount refunded automatically), or thrown (→ tried again
   * later, with backoff).
   */
  async runFulfilment(id: string): Promise<void> {
    const now = this.now();
    const claimed = await repo.claimFulfilment(this.d.db, id, now, new Date(now.getTime() + CLAIM_MS));
    if (!claimed) return;
    const fulfiller = this.fulfillers.get(claimed.purpose);
    let outcome: FulfilmentOutcome | { outcome: 'error'; message: string };
    if (!fulfiller) {
      outcome = { outcome: 'error', message: `no fulfiller registered for ${claimed.purpose}` };
    } else {
      try {
        outcome = await fulfiller.fulfil(toRecord(claimed));
      } catch (err) {
        outcome = { outcome: 'error', message: err instanceof Error ? err.message : String(err) };
      }
    }
    if (outcome.outcome === 'error')
      this.d.log.warn({ orderId: id, error: outcome.message }, 'fulfilment threw; retried later');
    const recorded = await this.d.db.transaction().execute(async (tx) => {
      const row = await repo.lockOrder(tx, id);
      if (row?.fulfilment !== 'processing') return undefined;
      if (outcome.outcome === 'error') {
        const attempts = row.fulfilment_attempts + 1;
        const wait = FULFIL_RETRY_MS[Math.min(attempts - 1, FULFIL_RETRY_MS.length - 1)] ?? 3_600_000;
        await repo.updateOrder(tx, id, {
          fulfilment_attempts: attempts,
          fulfilment_next_at: new Date(this.now().getTime() + wait),
          fulfilment_claimed_until: null,
        });
        await repo.insertEvent(tx, id, 'fulfilment_error', { attempts, error: outcome.message.slice(0, 200) });
        return undefined;
      }
      const note = outcome.outcome === 'failed' ? outcome.note.slice(0, 300) || '办理失败，款项已原路退回。' : null;
      const failed = note !== null;
      const receipt = outcome.outcome === 'done' && outcome.receipt?.length ? outcome.receipt.slice(0, 10) : null;
      const updated = await repo.updateOrder(tx, id, {
        fulfilment: failed ? 'failed' : 'done',
        fulfilment_note: note,
        ...(receipt
          ? {
              receipt_encrypted: this.d.cipher.encrypt(
                JSON.stringify(receipt.map((l) => ({ label: l.label.slice(0, 30), value: l.value.slice(0, 200) }))),
                receiptAad(id),
              ),
            }
          : {}),
        fulfilment_attempts: row.fulfilment_attempts + 1,
        fulfilment_next_at: null,
        fulfilment_claimed_until: null,
      });
      await repo.insertEvent(tx, id, failed ? 'fulfilment_failed' : 'fulfilled', failed ? { note } : {});
      return updated;
    });
    if (!recorded) return;
    await this.audit({
      action: 'payment.fulfilment',
      result: recorded.fulfilment === 'done' ? 'success' : 'failure',
      actorKind: 'system',
      subjectAccountId: recorded.account_id,
      detail: {
        what: recorded.subject,
        orderId: id,
        orderNumber: recorded.order_number,
        fulfilment: recorded.fulfilment,
      },
    });
    if (recorded.fulfilment === 'failed') {
      await this.autoRefund(id, recorded.fulfilment_note ?? '办理失败，款项已原路退回。').catch((err) =>
        this.d.log.warn({ err, orderId: id }, 'automatic refund failed; the sweep retries it'),
      );
    }
  }

  // ---- refunds ----

  /** Whatever is still refundable, back to the payer (after a failed fulfilment or a late payment). */
  async autoRefund(id: string, note: string): Promise<void> {
    await this.requestRefund(id, 'rest', note, AUTO_REFUND_KEY);
  }

  /**
   * A refund: written `pending` under the order's lock (never more than paid minus every refund asked before; the
   * same key answers the first refund), then asked of the provider with its refund number, then confirmed under
   * the lock. A provider that does not answer leaves it pending: asking again (or the sweep) uses the same number.
   */
  private async requestRefund(
    id: string,
    amount: number | 'rest',
    reason: string,
    refundKey: string,
  ): Promise<PaymentRefundRecord> {
    const why = reason.trim().slice(0, 300) || '退款';
    const key = refundKey.slice(0, 200);
    if (!key) throw new AppError('VALIDATION_FAILED', '缺少退款编号。');
    const now = this.now();
    const refund = await this.d.db.transaction().execute(async (tx) => {
      const row = await repo.lockOrder(tx, id);
      if (!row) throw notFound();
      const earlier = await repo.findRefundByKey(tx, id, key);
      if (earlier) return earlier;
      if (row.status !== 'paid' && row.status !== 'partially_refunded') {
        throw new AppError(
          'PAYMENT_NOT_PAYABLE',
          row.status === 'refunded' ? '该订单已全额退款。' : '该订单未支付，不能退款。',
        );
      }
      if (row.fulfilment === 'processing' && key !== AUTO_REFUND_KEY) {
        throw new AppError('PAYMENT_NOT_PAYABLE', '该订单正在办理中，暂不能退款，请稍后再试。');
      }
      const reserved = await repo.reservedRefundFen(tx, id);
      const left = row.amount_fen - reserved;
      const fen = amount === 'rest' ? left : amount;
      if (fen <= 0 || fen > left) {
        throw new AppError(
          'PAYMENT_NOT_PAYABLE',
          left <= 0 ? '该订单已无可退金额。' : `退款金额超过该订单可退金额（可退${(left / 100).toFixed(2)}元）。`,
        );
      }
      for (let attempt = 0; attempt < 8; attempt++) {
        const inserted = await repo.insertRefund(tx, {
          id: randomUUID(),
          order_id: id,
          refund_number: newRefundNumber(now),
          refund_key: key,
          amount_fen: fen,
          reason: why,
          status: 'pending',
          provider_refund_id: null,
          refunded_at: null,
        });
        if (inserted) {
          await repo.insertEvent(tx, id, 'refund_requested', {
            refundNumber: inserted.refund_number,
            amountFen: fen,
            key: key.startsWith('auto:') ? key : 'caller',
          });
          return inserted;
        }
      }
      throw new Error('could not draw a free refund number');
    });
    if (refund.status === 'succeeded') return toRefundRecord(refund);
    return this.confirmRefund(refund.id);
  }

  /** Ask the provider for a pending refund (again: the same refund number refunds once) and record its answer. */
  async confirmRefund(refundId: string): Promise<PaymentRefundRecord> {
    const refund = await repo.findRefund(this.d.db, refundId);
    if (!refund) throw new Error(`no refund ${refundId}`);
    if (refund.status === 'succeeded') return toRefundRecord(refund);
    const order = await repo.findOrder(this.d.db, refund.order_id);
    if (!order?.provider_payment_id) throw new Error(`refund ${refundId} of an order never started`);
    let answer: Awaited<ReturnType<PaymentProvider['refund']>>;
    try {
      answer = await this.d.provider.refund({
        providerPaymentId: order.provider_payment_id,
        orderNumber: order.order_number,
        refundNumber: refund.refund_number,
        amountFen: refund.amount_fen,
        reason: refund.reason,
      });
    } catch (err) {
      this.d.log.warn({ err, orderId: order.id, refundNumber: refund.refund_number }, 'refund not confirmed; retried');
      throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE', '退款已申请，支付服务暂时无法处理，系统将自动重试。');
    }
    const confirmed = await this.d.db.transaction().execute(async (tx) => {
      const row = await repo.lockOrder(tx, order.id);
      const current = await repo.lockRefund(tx, refundId);
      if (!row || !current || current.status === 'succeeded') return undefined;
      const done = await repo.markRefundSucceeded(tx, refundId, answer.providerRefundId, answer.refundedAt);
      if (!done) return undefined;
      const refundedFen = row.refunded_fen + done.amount_fen;
      const updated = await repo.updateOrder(tx, row.id, {
        refunded_fen: refundedFen,
        status: refundedFen >= row.amount_fen ? 'refunded' : 'partially_refunded',
      });
      await repo.insertEvent(tx, row.id, 'refunded', {
        refundNumber: done.refund_number,
        amountFen: done.amount_fen,
        providerRefundId: answer.providerRefundId,
      });
      return { row: updated, refund: done };
    });
    if (!confirmed) {
      const settled = await repo.findRefund(this.d.db, refundId);
      if (!settled) throw new Error(`no refund ${refundId}`);
      return toRefundRecord(settled);
    }
    await this.d.notifications.deliver([refundMessage(confirmed.row, confirmed.refund)]);
    await this.audit({
      action: 'payment.refund',
      result: 'success',
      actorKind: 'system',
      subjectAccountId: confirmed.row.account_id,
      detail: {
        what: confirmed.row.subject,
        orderId: confirmed.row.id,
        orderNumber: confirmed.row.order_number,
        refundNumber: confirmed.refund.refund_number,
        amountFen: confirmed.refund.amount_fen,
      },
    });
    return toRefundRecord(confirmed.refund);
  }

  // ---- the sweep ----

  /**
   * One round of the background sweep (run under its JobLease by PaymentSweep): close expired unpaid orders (关单
   * first), ask the provider about started unpaid ones (主动查单), retry fulfilments that threw or never ran, ask
   * again for refunds not confirmed, refund failed fulfilments whose refund was never asked, and run `closed` hooks
   * that did not run.
   */
  async sweepOnce(options: { queryAfterMs?: number; limit?: number } = {}) {
    const limit = options.limit ?? 100;
    const now = this.now();
    const report = { expired: 0, queried: 0, fulfilments: 0, refunds: 0, closedHooks: 0, errors: 0 };
    const each = async (
      ids: { id: string }[],
      work: (id: string) => Promise<unknown>,
      counter: keyof typeof report,
    ) => {
      for (const { id } of ids) {
        try {
          await work(id);
          report[counter]++;
        } catch (err) {
          report.errors++;
          this.d.log.warn({ err, orderId: id, step: counter }, 'payments sweep: step failed; tried next round');
        }
      }
    };
    await each(
      await repo.expiredPending(this.d.db, now, limit),
      (id) => this.closeOrder(id, CLOSE_REASONS.expired, 'expired'),
      'expired',
    );
    const startedBefore = new Date(now.getTime() - (options.queryAfterMs ?? 60_000));
    await each(
      await repo.startedPending(this.d.db, now, startedBefore, limit),
      (id) => this.queryAndApply(id, 'sweep'),
      'queried',
    );
    await each(await repo.fulfilmentsDue(this.d.db, now, limit), (id) => this.runFulfilment(id), 'fulfilments');
    await each(
      await repo.failedWithoutRefund(this.d.db, AUTO_REFUND_KEY, limit),
      async (id) => {
        const row = await repo.findOrder(this.d.db, id);
        if (row) await this.autoRefund(id, row.fulfilment_note ?? '办理失败，款项已原路退回。');
      },
      'refunds',
    );
    const refunds = await repo.pendingRefunds(this.d.db, new Date(now.getTime() - 10_000), limit);
    await each(
      refunds.map((r) => ({ id: r.id })),
      (id) => this.confirmRefund(id),
      'refunds',
    );
    await each(
      await repo.closedHooksDue(this.d.db, new Date(now.getTime() - 60_000), limit),
      (id) => this.runClosedHook(id),
      'closedHooks',
    );
    return report;
  }

  /** Wait for fulfilments still running in the background (the app is closing). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async audit(entry: AuditEntry) {
    await this.d.audit.record(entry);
  }
}

function notFound() {
  return new AppError('PAYMENT_NOT_FOUND', '找不到该支付订单，请返回重新查看。');
}

function notPayable(row: Pick<repo.OrderRow, 'status'>) {
  const detail =
    row.status === 'closed'
      ? '该订单已关闭，不能继续支付，请重新下单。'
      : row.status === 'pending'
        ? '该订单暂不能支付，请稍后再试。'
        : '该订单已支付，无需重复支付。';
  return new AppError('PAYMENT_NOT_PAYABLE', detail);
}

/** What a module may put in an order: the database checks it too, but a programming error reads better here. */
function checkNewOrder(o: NewPaymentOrder) {
  const problems: string[] = [];
  if (!Number.isInteger(o.amountFen) || o.amountFen <= 0 || o.amountFen > 100_000_000) problems.push('amountFen');
  if (!/^[0-9]{6}$/.test(o.cityCode)) problems.push('cityCode');
  if (!o.subject || o.subject.length > 100) problems.push('subject');
  if (!o.payeeName || o.payeeName.length > 100) problems.push('payeeName');
  if (!o.purposeRef || o.purposeRef.length > 200) problems.push('purposeRef');
  if (!/^\/[^/]/.test(o.returnPath) || o.returnPath.length > 300) problems.push('returnPath');
  if (o.lines.length > 20) problems.push('lines');
  if (problems.length) throw new Error(`invalid payment order: ${problems.join(', ')}`);
}
