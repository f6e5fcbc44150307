import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { NotificationService } from '../notifications/index.js';
import type { PaymentService } from './payment-service.js';
import type { FulfilmentOutcome, PaymentOrderRecord } from './port.js';
import type { PurposeRow } from './purpose-orders.js';
import { failedIfInputRefused, notifyFulfilment, PurposePaymentService } from './purpose-payment.js';

/** A database that answers every query with `rows` (no engine needed: only the wiring is under test). */
function answering(rows: unknown[]): Db {
  const connection: DatabaseConnection = {
    executeQuery: async () => ({ rows: rows as never[] }),
    streamQuery: async function* () {},
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  return new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }) as unknown as Db;
}

const ORDER = { id: 'order-1', orderNumber: 'P2026112800001', accountId: 'account-1' } as PaymentOrderRecord;

class Probe extends PurposePaymentService<'tax_payments'> {
  readonly seen: PurposeRow<'tax_payments'>[] = [];
  constructor(db: Db) {
    super({ db, payments: {} as PaymentService }, 'tax_payments', '未找到该笔缴款，款项已原路退回。');
  }
  protected async fulfilRow(_order: PaymentOrderRecord, row: PurposeRow<'tax_payments'>): Promise<FulfilmentOutcome> {
    this.seen.push(row);
    return { outcome: 'done' };
  }
}

describe('purpose payments (the shared service, fulfiller and route pieces)', () => {
  it('the fulfiller fails an order without its row (refunded), and hands a found row to the module', async () => {
    const missing = new Probe(answering([]));
    expect(await missing.fulfiller.fulfil(ORDER)).toEqual({
      outcome: 'failed',
      note: '未找到该笔缴款，款项已原路退回。',
    });
    expect(missing.seen).toEqual([]);

    const row = { id: 'row-1', payment_order_id: ORDER.id, tax_year: 2026 };
    const found = new Probe(answering([row]));
    expect(await found.fulfiller.fulfil(ORDER)).toEqual({ outcome: 'done' });
    expect(found.seen).toEqual([row]);
  });

  it('a department refusing our input fails the order; any other error is thrown for a retry', () => {
    expect(failedIfInputRefused(new AppError('DEPARTMENT_INPUT_INVALID', 'bad'), '缴款信息有误')).toEqual({
      outcome: 'failed',
      note: '缴款信息有误',
    });
    const other = new AppError('DEPARTMENT_UNAVAILABLE', 'down');
    expect(() => failedIfInputRefused(other, 'x')).toThrow(other);
    const plain = new Error('socket hang up');
    expect(() => failedIfInputRefused(plain, 'x')).toThrow(plain);
  });

  it('the fulfilment notice is the owner’s, once per order and kind', async () => {
    const sent: unknown[] = [];
    const notifications = { deliver: async (m: unknown[]) => sent.push(...m) } as unknown as NotificationService;
    await notifyFulfilment(notifications, ORDER, {
      key: 'tax-payment',
      what: 'certificate',
      title: '车船税完税凭证：粤A8K2M6 2026年度',
      body: '已入库',
      link: '/pay/order-1/result',
    });
    expect(sent).toEqual([
      {
        accountId: 'account-1',
        kind: 'payment-update',
        dedupeKey: 'tax-payment:order-1:certificate',
        title: '车船税完税凭证：粤A8K2M6 2026年度',
        body: '已入库',
        link: '/pay/order-1/result',
        occurredAt: expect.any(Date),
      },
    ]);
  });
});
