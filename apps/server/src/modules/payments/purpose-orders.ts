import type { FulfilmentStatus, PaymentOrder } from '@yss/contracts';
import type { FastifyReply } from 'fastify';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { AuthContext } from '../identity/index.js';
import type { PaymentGate } from './gate.js';
import type { PaymentService } from './payment-service.js';
import type { DbExecutor } from './port.js';

/**
 * What every module that sells one thing per payment order (燃气缴费, 车船税, 车辆购置税, 签注) keeps beside the order:
 * one row per order in its own table, with the account, the client's submissionId (unique per account: a double tap
 * answers the first order) and the order id. This is the part of their repositories and services that was the same.
 */

/** The columns a purpose table must have. */
interface PurposeColumns {
  id: string;
  account_id: string;
  submission_id: string;
  payment_order_id: string;
}

/** The tables that qualify (a table's name, with its row type). */
export type PurposeTable = {
  [K in keyof Database]: Selectable<Database[K]> extends PurposeColumns ? K : never;
}[keyof Database];

/** A row of a purpose table. */
export type PurposeRow<T extends PurposeTable> = Selectable<Database[T]>;

import { isUniqueViolation } from '../../db/unique-violation.js';

export { isUniqueViolation };

export class PurposeOrders<T extends PurposeTable> {
  constructor(
    private readonly d: { db: Db; payments: PaymentService },
    /** The module's table. */
    readonly table: T,
  ) {}

  /** Kysely cannot follow a table name that is a type parameter: the queries below see one generic row. */
  private q(ex: DbExecutor = this.d.db) {
    return ex as unknown as Kysely<Record<string, PurposeColumns & Record<string, unknown>>>;
  }

  async insert(ex: DbExecutor, row: Insertable<Database[T]>): Promise<Selectable<Database[T]>> {
    const inserted = await this.q(ex)
      .insertInto(this.table)
      .values(row as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    return inserted as unknown as Selectable<Database[T]>;
  }

  async findBySubmission(accountId: string, submissionId: string): Promise<Selectable<Database[T]> | undefined> {
    const row = await this.q()
      .selectFrom(this.table)
      .selectAll()
      .where('account_id', '=', accountId)
      .where('submission_id', '=', submissionId)
      .executeTakeFirst();
    return row as Selectable<Database[T]> | undefined;
  }

  async findByOrder(orderId: string): Promise<Selectable<Database[T]> | undefined> {
    const row = await this.q()
      .selectFrom(this.table)
      .selectAll()
      .where('payment_order_id', '=', orderId)
      .executeTakeFirst();
    return row as Selectable<Database[T]> | undefined;
  }

  /** A repeat of a submission: the order made the first time (as its owner sees it). */
  async repeat(accountId: string, submissionId: string): Promise<PaymentOrder | undefined> {
    const row = await this.findBySubmission(accountId, submissionId);
    return row ? this.d.payments.present(accountId, (row as PurposeColumns).payment_order_id) : undefined;
  }

  /**
   * The row and its order, made in one transaction by `write` (which answers the order id). The same submission
   * committed meanwhile (a double tap: the unique constraint `<table>_account_id_submission_id_key`) answers that
   * first order with `created: false`.
   */
  async place(
    accountId: string,
    submissionId: string,
    write: (tx: DbExecutor) => Promise<string>,
  ): Promise<{ order: PaymentOrder; created: boolean }> {
    let orderId: string;
    try {
      orderId = await this.d.db.transaction().execute(write);
    } catch (err) {
      if (!isUniqueViolation(err, `${this.table}_account_id_submission_id_key`)) throw err;
      const first = await this.repeat(accountId, submissionId);
      if (!first) throw err;
      return { order: first, created: false };
    }
    return { order: await this.d.payments.present(accountId, orderId), created: true };
  }

  /**
   * Whether one of the given rows' orders (of anyone: all the rows for one bill or tax item) is paid and its
   * fulfilment in one of `fulfilments` (by default being or already fulfilled) — then the thing is taken and a new
   * order for it is refused.
   */
  async anyPaid(
    rows: readonly { payment_order_id: string }[],
    fulfilments: readonly FulfilmentStatus[] = ['processing', 'done'],
  ): Promise<boolean> {
    for (const other of rows) {
      const order = await this.d.payments.getOrder(other.payment_order_id);
      if (order?.paidAt && fulfilments.includes(order.fulfilment)) return true;
    }
    return false;
  }
}

/**
 * The shared end of every "create a payment order" route, after its gate opened: a repeated submissionId answers 200
 * with the first order (nothing new audited); a new order answers 201 and is audited as `payment.create`.
 */
export async function answerOrderCreation(
  reply: FastifyReply,
  d: {
    gate: PaymentGate;
    ctx: AuthContext;
    serviceId: string;
    submissionId: string;
    repeat(accountId: string, submissionId: string): Promise<PaymentOrder | undefined>;
    create(): Promise<{ order: PaymentOrder; created: boolean }>;
  },
) {
  reply.header('cache-control', 'no-store');
  const repeat = await d.repeat(d.ctx.accountId, d.submissionId);
  if (repeat) return reply.code(200).send(repeat);
  const { order, created } = await d.create();
  if (created) {
    await d.gate.record(d.ctx, 'payment.create', {
      what: order.subject,
      serviceId: d.serviceId,
      orderId: order.id,
      orderNumber: order.orderNumber,
      amountFen: order.amountFen,
    });
  }
  return reply.code(created ? 201 : 200).send(order);
}
