import { randomBytes, randomInt } from 'node:crypto';
import { PAYMENT_CHANNELS, type PaymentChannel, SANDBOX_PAYMENT_PASSWORDS } from '@yss/contracts';
import { CompactSign } from 'jose';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type {
  CreateProviderPayment,
  ProviderPayment,
  ProviderPaymentState,
  ProviderRefund,
  ProviderRefundRequest,
} from '../contract.js';
import { PaymentProviderRefused } from '../contract.js';
import type { SandboxPayKeys, SandboxSigningKey } from './keys.js';
import type { SandboxPayTables } from './tables.js';

type PaymentRow = Selectable<SandboxPayTables['sandbox_pay_payments']>;

/** Where the sandbox's cashier lives (served by this server: see cashier-routes.ts). */
export const SANDBOX_CHECKOUT_PATH = '/sandbox-pay/checkout';

/** The notification's JWS type (header `typ`). */
export const SANDBOX_NOTIFICATION_TYPE = 'sandbox-pay-notification+jwt';
export const SANDBOX_ISSUER = 'sandbox-pay';

/**
 * Retry schedule of an unanswered notification, in seconds after each failed attempt — the one WeChat Pay documents
 * (15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h); after the last the provider gives up (the merchant still
 * finds out by 查单).
 */
export const NOTIFY_RETRY_SECONDS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

/** How the provider reaches the merchant's notify URL: an HTTP POST of a JSON body; resolves with the answer. */
export type NotificationDelivery = (url: string, jsonBody: string) => Promise<{ status: number; body: string }>;

/** What the cashier shows for a payment. */
export type CashierView =
  | { kind: 'not-found' }
  | { kind: 'paid'; returnUrl: string }
  | { kind: 'closed'; expired: boolean; cancelUrl: string }
  | {
      kind: 'payable';
      id: string;
      orderNumber: string;
      subject: string;
      payeeName: string;
      amountFen: number;
      channel: PaymentChannel;
      expiresAt: Date;
      cancelUrl: string;
    };

export type CashierPayment =
  | Exclude<CashierView, { kind: 'payable' }>
  | { kind: 'declined'; view: Extract<CashierView, { kind: 'payable' }>; reason: string };

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');
/** yyyymmddHHMMSS in China time. */
const chinaStamp = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
const asChannel = (c: string): PaymentChannel =>
  (PAYMENT_CHANNELS as readonly string[]).includes(c) ? (c as PaymentChannel) : 'sandbox-wallet';

/**
 * 沙箱支付: a payment provider's test mode, standing in for a real provider's systems — its merchant API (下单, 查单,
 * 关单, 退款), its hosted cashier (收银台, where the payer enters the payment password; see cashier-routes.ts), and
 * its notifier (支付结果通知: a JWS signed with the provider's own ES256 key, posted to the merchant's notify URL,
 * retried with backoff until the merchant answers SUCCESS). No real money moves; the test passwords
 * (SANDBOX_PAYMENT_PASSWORDS) decline (000000 余额不足) or pay and lose the notification (999999); any other six
 * digits pay.
 *
 * Its state is its own tables (`sandbox_pay_*`). The platform reaches it only through SandboxPaymentAdapter (the
 * PaymentProvider contract), as it would reach a real provider over HTTPS.
 */
export class SandboxPayProvider {
  constructor(
    private readonly d: {
      db: Db;
      keys: SandboxPayKeys;
      deliver: NotificationDelivery;
      now?: () => Date;
      log?: { warn(obj: object, msg: string): void };
    },
  ) {}

  private now() {
    return this.d.now?.() ?? new Date();
  }

  // ---- merchant API ----

  /** The key its notifications are verified with, as a provider publishes it (its "platform certificate"). */
  publicJwk() {
    return this.d.keys.publicJwk();
  }

  /** 下单: one payment per merchant order number; asked again while unpaid, the same payment (method updated). */
  async createPayment(r: CreateProviderPayment): Promise<ProviderPayment> {
    const id = `sbp_${hex(16)}`;
    const row = await this.d.db
      .insertInto('sandbox_pay_payments')
      .values({
        id,
        merchant_order_number: r.orderNumber,
        amount_fen: r.amountFen,
        subject: r.subject,
        payee_name: r.payeeName,
        channel: r.channel,
        notify_url: r.notifyUrl,
        return_url: r.returnUrl,
        cancel_url: r.cancelUrl,
        expires_at: r.expiresAt,
        status: 'pending',
        transaction_id: null,
        paid_at: null,
        closed_at: null,
      })
      .onConflict((oc) =>
        oc
          .column('merchant_order_number')
          .doUpdateSet({ channel: r.channel })
          .where('sandbox_pay_payments.status', '=', 'pending'),
      )
      .returning(['id', 'amount_fen'])
      .executeTakeFirst();
    if (!row) {
      throw new PaymentProviderRefused('ORDER_PAID_OR_CLOSED', `order ${r.orderNumber} is already paid or closed`);
    }
    if (row.amount_fen !== r.amountFen) {
      throw new PaymentProviderRefused('ORDER_NO_USED', `order ${r.orderNumber} exists with another amount`);
    }
    return { providerPaymentId: row.id, checkoutUrl: `${SANDBOX_CHECKOUT_PATH}/${row.id}` };
  }

  /** 查单. An unpaid payment past its expiry reads as closed (and is closed). */
  async queryPayment(id: string): Promise<ProviderPaymentState> {
    const row = await this.find(id);
    if (!row) throw new PaymentProviderRefused('ORDER_NOT_EXIST', `no payment ${id}`);
    if (row.status === 'pending' && row.expires_at <= this.now()) return this.closePayment(id);
    return stateOf(row);
  }

  /** 关单: nothing can be paid after this; a payment already paid stays paid (and says so). */
  async closePayment(id: string): Promise<ProviderPaymentState> {
    const row = await this.d.db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('sandbox_pay_payments')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (current?.status !== 'pending') return current;
      return tx
        .updateTable('sandbox_pay_payments')
        .set({ status: 'closed', closed_at: this.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    if (!row) throw new PaymentProviderRefused('ORDER_NOT_EXIST', `no payment ${id}`);
    return stateOf(row);
  }

  /** 退款: idempotent on the merchant's refund number; never more than was paid. */
  async refund(r: ProviderRefundRequest): Promise<ProviderRefund> {
    const result = await this.d.db.transaction().execute(async (tx) => {
      const payment = await tx
        .selectFrom('sandbox_pay_payments')
        .selectAll()
        .where('id', '=', r.providerPaymentId)
        .forUpdate()
        .executeTakeFirst();
      if (!payment || payment.merchant_order_number !== r.orderNumber) return { refused: 'ORDER_NOT_EXIST' } as const;
      const earlier = await tx
        .selectFrom('sandbox_pay_refunds')
        .selectAll()
        .where('refund_number', '=', r.refundNumber)
        .executeTakeFirst();
      if (earlier) {
        if (earlier.payment_id !== payment.id || earlier.amount_fen !== r.amountFen) {
          return { refused: 'INVALID_REQUEST' } as const;
        }
        return { refund: earlier };
      }
      if (payment.status !== 'paid') return { refused: 'TRADE_NOT_PAID' } as const;
      const { sum } = await tx
        .selectFrom('sandbox_pay_refunds')
        .select(sql<number>`coalesce(sum(amount_fen), 0)::int`.as('sum'))
        .where('payment_id', '=', payment.id)
        .executeTakeFirstOrThrow();
      if (Number(sum) + r.amountFen > payment.amount_fen) return { refused: 'NOT_ENOUGH_REFUNDABLE' } as const;
      const refund = await tx
        .insertInto('sandbox_pay_refunds')
        .values({
          refund_number: r.refundNumber,
          payment_id: payment.id,
          provider_refund_id: `SBR${chinaStamp(this.now())}${digits(10)}`,
          amount_fen: r.amountFen,
          reason: r.reason.slice(0, 300),
          refunded_at: this.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { refund };
    });
    if (!('refund' in result) || !result.refund) {
      throw new PaymentProviderRefused(String(result.refused), `refund ${r.refundNumber} refused`);
    }
    return { providerRefundId: result.refund.provider_refund_id, refundedAt: result.refund.refunded_at };
  }

  // ---- the cashier (收银台) ----

  async view(id: string): Promise<CashierView> {
    const row = await this.find(id);
    if (!row) return { kind: 'not-found' };
    if (row.status === 'paid') return { kind: 'paid', returnUrl: row.return_url };
    if (row.status === 'closed') return { kind: 'closed', expired: false, cancelUrl: row.cancel_url };
    if (row.expires_at <= this.now()) {
      await this.closePayment(id);
      return { kind: 'closed', expired: true, cancelUrl: row.cancel_url };
    }
    return payable(row);
  }

  /**
   * The payer entered a password and pressed 确认支付. 000000 declines (余额不足); any other six digits pay: the
   * payment is recorded, its notification signed and — unless the password was 999999 (lost) — sent at once (and
   * retried later if the merchant does not take it).
   */
  async pay(id: string, password: string): Promise<CashierPayment> {
    const key = await this.d.keys.signingKey();
    const now = this.now();
    const lost = password === SANDBOX_PAYMENT_PASSWORDS.notificationLost;
    const notificationId = `sbn_${hex(16)}`;
    const transactionId = `SBX${chinaStamp(now)}${digits(10)}`;
    const result = await this.d.db
      .transaction()
      .execute(async (tx): Promise<CashierPayment | { kind: 'paid-now'; row: PaymentRow }> => {
        const row = await tx
          .selectFrom('sandbox_pay_payments')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return { kind: 'not-found' };
        if (row.status === 'paid') return { kind: 'paid', returnUrl: row.return_url };
        if (row.status === 'closed') return { kind: 'closed', expired: false, cancelUrl: row.cancel_url };
        if (row.expires_at <= now) {
          await tx
            .updateTable('sandbox_pay_payments')
            .set({ status: 'closed', closed_at: now })
            .where('id', '=', id)
            .execute();
          return { kind: 'closed', expired: true, cancelUrl: row.cancel_url };
        }
        if (password === SANDBOX_PAYMENT_PASSWORDS.insufficientFunds) {
          const declined = await tx
            .updateTable('sandbox_pay_payments')
            .set({ declined_attempts: sql`declined_attempts + 1` })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirstOrThrow();
          return { kind: 'declined', view: payable(declined), reason: '余额不足' };
        }
        const paid = await tx
          .updateTable('sandbox_pay_payments')
          .set({ status: 'paid', paid_at: now, transaction_id: transactionId })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        // Signed and stored with the payment, in its transaction: a paid payment always has its notification.
        await tx
          .insertInto('sandbox_pay_notifications')
          .values({
            id: notificationId,
            payment_id: paid.id,
            url: paid.notify_url,
            jws: await this.sign(key, notificationId, paid, now),
            status: lost ? 'lost' : 'pending',
            // The first retry's time: the attempt below is the first delivery.
            next_attempt_at: lost ? null : new Date(now.getTime() + (NOTIFY_RETRY_SECONDS[0] ?? 15) * 1000),
            last_error: null,
            delivered_at: null,
          })
          .execute();
        return { kind: 'paid-now', row: paid };
      });
    if (result.kind !== 'paid-now') return result;
    if (!lost) await this.deliver(notificationId);
    return { kind: 'paid', returnUrl: result.row.return_url };
  }

  /** 支付结果通知 as a compact JWS (ES256, the provider's key). */
  private sign(key: SandboxSigningKey, notificationId: string, row: PaymentRow, now: Date) {
    const payload = {
      iss: SANDBOX_ISSUER,
      jti: notificationId,
      iat: Math.floor(now.getTime() / 1000),
      event: 'payment.succeeded',
      payment: {
        id: row.id,
        orderNumber: row.merchant_order_number,
        amountFen: row.amount_fen,
        transactionId: row.transaction_id,
        paidAt: (row.paid_at ?? now).toISOString(),
        channel: row.channel,
      },
    };
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: SANDBOX_NOTIFICATION_TYPE })
      .sign(key.key);
  }

  // ---- the notifier ----

  /** Send the notifications due for a retry (the notifier job); returns how many were taken by the merchant. */
  async deliverDue(limit = 50): Promise<number> {
    const due = await this.d.db
      .selectFrom('sandbox_pay_notifications')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', this.now())
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    let delivered = 0;
    for (const n of due) if (await this.deliver(n.id)) delivered++;
    return delivered;
  }

  /** One attempt at one notification; true when the merchant answered SUCCESS. */
  async deliver(notificationId: string): Promise<boolean> {
    const n = await this.d.db
      .selectFrom('sandbox_pay_notifications')
      .select(['id', 'url', 'jws', 'status', 'attempts'])
      .where('id', '=', notificationId)
      .executeTakeFirst();
    if (n?.status !== 'pending') return false;
    let error: string | null = null;
    try {
      const answer = await this.d.deliver(n.url, JSON.stringify({ notification: n.jws }));
      const code = answer.status >= 200 && answer.status < 300 ? safeCode(answer.body) : undefined;
      if (code !== 'SUCCESS') error = `HTTP ${answer.status} ${answer.body.slice(0, 200)}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const attempts = n.attempts + 1;
    if (error === null) {
      await this.d.db
        .updateTable('sandbox_pay_notifications')
        .set({ status: 'delivered', attempts, delivered_at: this.now(), next_attempt_at: null, last_error: null })
        .where('id', '=', n.id)
        .where('status', '=', 'pending')
        .execute();
      return true;
    }
    this.d.log?.warn(
      { notificationId: n.id, attempts, error },
      'sandbox payment notification not taken; retried later',
    );
    const wait = NOTIFY_RETRY_SECONDS[attempts - 1];
    await this.d.db
      .updateTable('sandbox_pay_notifications')
      .set(
        wait === undefined
          ? { status: 'given_up', attempts, next_attempt_at: null, last_error: error.slice(0, 300) }
          : {
              attempts,
              next_attempt_at: new Date(this.now().getTime() + wait * 1000),
              last_error: error.slice(0, 300),
            },
      )
      .where('id', '=', n.id)
      .where('status', '=', 'pending')
      .execute();
    return false;
  }

  private find(id: string) {
    if (!/^sbp_[0-9a-f]{32}$/.test(id)) return Promise.resolve(undefined);
    return this.d.db.selectFrom('sandbox_pay_payments').selectAll().where('id', '=', id).executeTakeFirst();
  }
}

function safeCode(body: string): unknown {
  try {
    return (JSON.parse(body) as { code?: unknown })?.code;
  } catch {
    return undefined;
  }
}

function stateOf(row: PaymentRow): ProviderPaymentState {
  if (row.status === 'paid' && row.transaction_id && row.paid_at) {
    return {
      status: 'paid',
      transactionId: row.transaction_id,
      paidAt: row.paid_at,
      amountFen: row.amount_fen,
      channel: asChannel(row.channel),
    };
  }
  return { status: row.status === 'closed' ? 'closed' : 'pending' };
}

function payable(row: PaymentRow): Extract<CashierView, { kind: 'payable' }> {
  return {
    kind: 'payable',
    id: row.id,
    orderNumber: row.merchant_order_number,
    subject: row.subject,
    payeeName: row.payee_name,
    amountFen: row.amount_fen,
    channel: asChannel(row.channel),
    expiresAt: row.expires_at,
    cancelUrl: row.cancel_url,
  };
}
