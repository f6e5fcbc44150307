import type { FulfilmentStatus, PaymentPurpose, PaymentStatus } from '@yss/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * What other modules use of the payments module (its index.ts exports the implementation, `PaymentService`).
 * A module that sells something (生活缴费, 长途车) creates a payment order for it, registers one fulfiller for
 * its purpose, and never talks to the payment provider itself.
 *
 * The life of an order:
 *   createOrder (pending) → the citizen pays at the provider's cashier → the provider's signed notification, or
 *   the platform's own query (主动查单), says paid → status `paid`, fulfilment `processing` → the purpose's
 *   fulfiller runs (outside any transaction, retried until it answers) → `done`, or `failed` with a note, in which
 *   case the payments module refunds the whole amount by itself.
 *   Unpaid past `expiresAt` (or closed by the owner) → `closed`, and the fulfiller's `closed` hook runs once.
 */

export type DbExecutor = Kysely<Database> | Transaction<Database>;

export interface PaymentOrderLine {
  label: string;
  value: string;
}

export interface NewPaymentOrder {
  accountId: string;
  purpose: PaymentPurpose;
  /** The owning module's id of the thing paid for (a coach order id, a bill key); unique per purpose. */
  purposeRef: string;
  cityCode: string;
  /** One line: 广州燃气 2026年10月燃气费 */
  subject: string;
  /** 收款单位 */
  payeeName: string;
  amountFen: number;
  lines: PaymentOrderLine[];
  /** The app page of the thing paid for. */
  returnPath: string;
  /** Default: now + PAYMENT_EXPIRY_MINUTES. */
  expiresAt?: Date;
}

export interface PaymentOrderRecord {
  id: string;
  orderNumber: string;
  accountId: string;
  purpose: PaymentPurpose;
  purposeRef: string;
  cityCode: string;
  subject: string;
  amountFen: number;
  status: PaymentStatus;
  fulfilment: FulfilmentStatus;
  paidAt: Date | null;
  refundedFen: number;
  expiresAt: Date;
}

/**
 * `done` may carry what the department answered (完税凭证号码, 签注受理号…): kept with the order (encrypted) and shown
 * with the receipt on the result page.
 */
export type FulfilmentOutcome = { outcome: 'done'; receipt?: PaymentOrderLine[] } | { outcome: 'failed'; note: string };

export interface PaymentFulfiller {
  /**
   * The provider confirmed payment: do the thing paid for (write the bill off, issue the tickets). Runs outside
   * any transaction, at least once (it may run again after a crash, so it must be idempotent on the order).
   * `failed` refunds the whole amount and shows `note` (Chinese) to the citizen. A thrown error is retried later.
   */
  fulfil(order: PaymentOrderRecord): Promise<FulfilmentOutcome>;
  /** The order closed unpaid (expired or closed by its owner): release what was held. Idempotent. */
  closed?(order: PaymentOrderRecord): Promise<void>;
}

export interface RefundRequest {
  amountFen: number;
  /** Chinese, shown to the citizen (e.g. 长途车退票 票号… 退票费¥2.00). */
  reason: string;
  /** The caller's key for this refund (e.g. `ticket:<id>`): asking twice refunds once. */
  refundKey: string;
}

export interface PaymentRefundRecord {
  refundNumber: string;
  amountFen: number;
  reason: string;
  refundedAt: Date;
}

export interface Payments {
  registerFulfiller(purpose: PaymentPurpose, fulfiller: PaymentFulfiller): void;
  /** Inside the caller's transaction when given, so the caller's own row and the order commit together. */
  createOrder(order: NewPaymentOrder, executor?: DbExecutor): Promise<PaymentOrderRecord>;
  getOrder(id: string): Promise<PaymentOrderRecord | undefined>;
  /** Close an unpaid order (the owner cancelled). PAYMENT_NOT_PAYABLE when it is already paid. */
  close(id: string, reason: string): Promise<PaymentOrderRecord>;
  /** Refund part or all of a paid order through the provider; never more than was paid minus earlier refunds. */
  refund(id: string, request: RefundRequest): Promise<PaymentRefundRecord>;
}
