import { randomUUID } from 'node:crypto';
import { ActingQuery, type PaymentOrder, PaymentOrder as PaymentOrderSchema, Problem } from '@yss/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { NotificationService } from '../notifications/index.js';
import type { FieldCipher } from '../privacy/index.js';
import type { PaymentGate } from './gate.js';
import type { PaymentService } from './payment-service.js';
import type { FulfilmentOutcome, NewPaymentOrder, PaymentFulfiller, PaymentOrderRecord } from './port.js';
import { answerOrderCreation, PurposeOrders, type PurposeRow, type PurposeTable } from './purpose-orders.js';

/**
 * The parts that the modules selling one thing per payment order (燃气缴费, 车船税, 车辆购置税, 签注) had written
 * four times over: their dependencies, the service's order bookkeeping and fulfiller wiring, the fulfiller's refusal
 * and notice steps, and the "create a payment order" route. Each module keeps what is its own: the checks before an
 * order, the order's lines, the department call and its answers (see purpose-orders.ts for the rows themselves).
 */

/** What a purpose-payment service is built from; `K` names the departments it talks to. */
export interface PurposePaymentDeps<K extends keyof Departments> {
  db: Db;
  cipher: FieldCipher;
  payments: PaymentService;
  departments: Pick<Departments, K>;
  log: FastifyBaseLogger;
}

/**
 * A module's service over its purpose table `T`: its rows beside the orders (`orders`), a repeat of a submission
 * answered with the first order (`repeat`, for the create route) and the fulfiller the payments module runs once an
 * order is paid. The fulfiller finds the order's row first; an order without one (data lost: it cannot be fulfilled)
 * fails with `missingRowNote` and the payments module refunds it; otherwise `fulfilRow` does the module's work.
 */
export abstract class PurposePaymentService<T extends PurposeTable> {
  protected readonly orders: PurposeOrders<T>;
  /** Registered by app.ts for the module's purpose (payments.registerFulfiller). */
  readonly fulfiller: PaymentFulfiller;
  /** The payments port the orders are made with. */
  private readonly paymentsPort: PaymentService;

  constructor(d: { db: Db; payments: PaymentService }, table: T, missingRowNote: string) {
    this.paymentsPort = d.payments;
    this.orders = new PurposeOrders(d, table);
    this.fulfiller = {
      fulfil: async (order) => {
        const row = await this.orders.findByOrder(order.id);
        if (!row) return { outcome: 'failed', note: missingRowNote };
        return this.fulfilRow(order, row);
      },
    };
  }

  /** A repeat of a submission: the order made the first time (as its owner sees it). */
  repeat(accountId: string, submissionId: string): Promise<PaymentOrder | undefined> {
    return this.orders.repeat(accountId, submissionId);
  }

  /**
   * A new payment order and the module's row for it, made in one transaction (PurposeOrders.place: the same
   * submission committed meanwhile answers that first order). `make` gets the new row's id (also the order's
   * purposeRef, and what the row's encrypted fields are bound to) and answers the order and the module's own columns;
   * the columns every purpose row has (id, order, account, submission) are filled in here.
   */
  protected placeOrder(
    accountId: string,
    submissionId: string,
    make: (id: string) => {
      order: Omit<NewPaymentOrder, 'accountId' | 'purposeRef'>;
      row: Omit<Insertable<Database[T]>, 'id' | 'payment_order_id' | 'account_id' | 'submission_id'>;
    },
  ): Promise<{ order: PaymentOrder; created: boolean }> {
    const id = randomUUID();
    const { order, row } = make(id);
    return this.orders.place(accountId, submissionId, async (tx) => {
      const created = await this.paymentsPort.createOrder({ ...order, accountId, purposeRef: id }, tx);
      // the generic row cannot be checked against Database[T] here; each module's `row` is, where T is known
      const full = { ...row, id, payment_order_id: created.id, account_id: accountId, submission_id: submissionId };
      await this.orders.insert(tx, full as unknown as Insertable<Database[T]>);
      return created.id;
    });
  }

  /** 履约 of a paid order whose row is `row`: safe to run again (the payments module retries what throws). */
  protected abstract fulfilRow(order: PaymentOrderRecord, row: PurposeRow<T>): Promise<FulfilmentOutcome>;
}

/**
 * What a fulfiller does with an error of its department call: the department refusing what we sent
 * (DEPARTMENT_INPUT_INVALID: nothing was done there) fails the order with `note` and the money goes back; any
 * other error is thrown again, so that the payments module retries the fulfilment later.
 */
export function failedIfInputRefused(err: unknown, note: string): FulfilmentOutcome {
  if (err instanceof AppError && err.code === 'DEPARTMENT_INPUT_INVALID') return { outcome: 'failed', note };
  throw err;
}

/**
 * The module's own 消息 about a fulfilled order (the 完税凭证, the endorsement), besides the payments module's
 * 缴费成功通知; `key` makes it once per order (the dedupe key `<key>:<order id>:<what>`).
 */
export function notifyFulfilment(
  notifications: NotificationService,
  order: PaymentOrderRecord,
  m: { key: string; what: string; title: string; body: string; link: string },
) {
  return notifications.deliver([
    {
      accountId: order.accountId,
      kind: 'payment-update',
      dedupeKey: `${m.key}:${order.id}:${m.what}`,
      title: m.title,
      body: m.body,
      link: m.link,
      occurredAt: new Date(),
    },
  ]);
}

/** The problems a purpose-payment route answers (problem+json). */
export const PURPOSE_PAYMENT_PROBLEMS = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
  502: Problem,
  503: Problem,
};

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];
type Opened = Awaited<ReturnType<PaymentGate['open']>>;

/**
 * The "create a payment order" route of a purpose (POST, tagged `personal`, `?for=` refused by the gate): the gate
 * opens under `action` (login, fresh verification, real name), then answerOrderCreation — a repeated submissionId
 * answers 200 with the first order, a new order 201, audited as `payment.create` under the body's service.
 */
export function purposeOrderRoute<B extends z.ZodType<{ submissionId: string }>>(
  app: ZodApp,
  r: {
    url: string;
    /** The route's rate limit (perSessionRateLimit, or per address). */
    config: { rateLimit: { max: number; timeWindow: string } };
    summary: string;
    body: B;
    gate: PaymentGate;
    /** What the fresh verification is asked for, e.g. `purchase-tax.create`. */
    action: string;
    serviceId(body: z.infer<B>): string;
    service: { repeat(accountId: string, submissionId: string): Promise<PaymentOrder | undefined> };
    /** For a service one may do for another (本人或为他人办理): its id, so that `?for=` is let through (see the gate). */
    actingFor?(body: z.infer<B>): string;
    create(opened: Opened, body: z.infer<B>): Promise<{ order: PaymentOrder; created: boolean }>;
  },
) {
  app.post(
    r.url,
    {
      config: r.config,
      schema: {
        tags: ['payments', 'personal'],
        summary: r.summary,
        querystring: ActingQuery,
        body: r.body,
        response: { 200: PaymentOrderSchema, 201: PaymentOrderSchema, ...PURPOSE_PAYMENT_PROBLEMS },
      },
    },
    async (req, reply) => {
      const body = req.body as z.infer<B>;
      const opened = await r.gate.open(req, r.action, req.query.for, r.actingFor?.(body));
      return answerOrderCreation(reply, {
        gate: r.gate,
        ctx: opened.ctx,
        serviceId: r.serviceId(body),
        submissionId: body.submissionId,
        repeat: (accountId, submissionId) => r.service.repeat(accountId, submissionId),
        create: () => r.create(opened, body),
      });
    },
  );
}
