import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import type { AuditLog } from '../audit/index.js';
import type { PersonalLookupGate } from '../lookups/index.js';
import type { NotificationService } from '../notifications/index.js';
import { creditDevRoutes } from './dev-routes.js';
import { CreditChangePoller } from './poller.js';
import { creditRoutes } from './routes.js';
import { CreditSubscriptionService } from './subscriptions.js';

/**
 * 信用信息 (F3) in the platform: the lookup and subscription routes, and the change poller — started when the
 * app is ready, stopped (its lease handed over) before it closes. With `sandbox` (demo mode, departments
 * embedded) also the sandbox endpoints that change 信用广东's records and poll at once.
 */
export async function registerCredit(
  // biome-ignore lint/suspicious/noExplicitAny: any type provider (the app uses zod's)
  app: FastifyInstance<any, any, any, any, any>,
  d: {
    db: Db;
    departments: Pick<Departments, 'credit'>;
    gate: PersonalLookupGate;
    audit: AuditLog;
    notifications: NotificationService;
    pollMs: number;
    sandbox: boolean;
  },
): Promise<CreditChangePoller> {
  const subscriptions = new CreditSubscriptionService({ db: d.db, credit: d.departments.credit, audit: d.audit });
  await app.register(creditRoutes({ gate: d.gate, departments: d.departments, subscriptions }));
  const poller = new CreditChangePoller({
    db: d.db,
    credit: d.departments.credit,
    notifications: d.notifications,
    log: app.log.child({ module: 'credit-poller' }),
    intervalMs: d.pollMs,
  });
  app.addHook('onReady', async () => poller.start());
  app.addHook('preClose', async () => poller.stop());
  if (d.sandbox) await app.register(creditDevRoutes({ db: d.db, poller }));
  return poller;
}
