import type { FastifyInstance } from 'fastify';
import {
  SandboxPayKeys,
  SandboxPaymentAdapter,
  SandboxPayProvider,
  sandboxCashierRoutes,
} from '../../connectors/payments/sandbox/index.js';
import type { Db } from '../../db/database.js';
import type { AuditLog } from '../audit/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';
import { JobLease, leaseHolderName, PeriodicJob } from '../jobs/index.js';
import type { NotificationService } from '../notifications/index.js';
import type { FieldCipher } from '../privacy/index.js';
import { PaymentGate } from './gate.js';
import { PaymentService } from './payment-service.js';
import { paymentCitizenRoutes, paymentNotifyRoutes } from './routes.js';
import { PaymentSweep } from './sweep.js';

export const SANDBOX_NOTIFIER_JOB = 'sandbox-pay-notifier';

export interface PaymentsSetup {
  payments: PaymentService;
  gate: PaymentGate;
  sweep: PaymentSweep;
  /** The sandbox provider itself (its cashier, its notifier), when it is the configured provider. */
  sandbox: SandboxPayProvider | undefined;
  /** Retry the sandbox's unanswered notifications now (its notifier job also does every 10 s). */
  runSandboxNotifier(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** 支付: the Payments port's implementation, for the modules that sell something, and tests. */
    payments: PaymentService;
  }
}

/**
 * The payments module in the platform: the configured provider (PAYMENT_PROVIDER; only the sandbox exists here,
 * with its cashier at /sandbox-pay/ and its notifier, which posts to the notify route through the app itself), the
 * PaymentService, its routes and its sweep (started when the app is ready, stopped before it closes).
 */
export async function registerPayments(
  // biome-ignore lint/suspicious/noExplicitAny: any type provider (the app uses zod's)
  app: FastifyInstance<any, any, any, any, any>,
  d: {
    db: Db;
    cipher: FieldCipher;
    provider: 'sandbox';
    publicOrigin: string;
    notifications: NotificationService;
    audit: AuditLog;
    identity: IdentityService;
    delegations: DelegationService;
    authenticate(req: import('fastify').FastifyRequest): Promise<AuthContext>;
    sweepIntervalMs: number;
    now?: () => Date;
  },
): Promise<PaymentsSetup> {
  const log = app.log.child({ module: 'payments' });
  // The provider of the configuration. Only the sandbox exists: a real provider's adapter (docs/payments.md) would
  // be chosen here, and its cashier would be the provider's own site (nothing of it mounted here).
  const { provider, sandbox } = (() => {
    switch (d.provider) {
      case 'sandbox': {
        // The sandbox reaches the notify URL as a provider would, by an HTTP POST: here through the app's own
        // router (app.inject), so the notification meets the real route with its hooks and checks.
        const sandbox = new SandboxPayProvider({
          db: d.db,
          keys: new SandboxPayKeys(d.db, d.cipher),
          deliver: async (url, body) => {
            const res = await app.inject({
              method: 'POST',
              url: new URL(url, d.publicOrigin).pathname,
              headers: { 'content-type': 'application/json', 'user-agent': 'SandboxPay-Notifier/1.0' },
              payload: body,
            });
            return { status: res.statusCode, body: res.body };
          },
          now: d.now,
          log: app.log.child({ module: 'sandbox-pay' }),
        });
        return { provider: new SandboxPaymentAdapter(sandbox, d.now), sandbox };
      }
    }
  })();
  const payments = new PaymentService({
    db: d.db,
    cipher: d.cipher,
    provider,
    notifications: d.notifications,
    audit: d.audit,
    log,
    publicOrigin: d.publicOrigin,
    now: d.now,
  });
  const gate = new PaymentGate({
    identity: d.identity,
    delegations: d.delegations,
    audit: d.audit,
    authenticate: d.authenticate,
  });
  app.decorate('payments', payments);
  await app.register(paymentCitizenRoutes({ payments, gate }));
  await app.register(paymentNotifyRoutes({ payments }));
  // The sandbox's hosted cashier (/sandbox-pay/checkout/:id), only when the sandbox is the provider.
  if (sandbox) await app.register(sandboxCashierRoutes({ provider: sandbox }));

  const sweep = new PaymentSweep({ db: d.db, payments, intervalMs: d.sweepIntervalMs, log });
  // The sandbox's notifier: its unanswered notifications again, by their retry schedule (NOTIFY_RETRY_SECONDS).
  const notifierLease = new JobLease(d.db, SANDBOX_NOTIFIER_JOB, leaseHolderName(), 60_000);
  const notifier = new PeriodicJob({
    name: 'sandbox payment notifier',
    intervalMs: sandbox && d.sweepIntervalMs > 0 ? 10_000 : 0,
    lease: notifierLease,
    log,
    work: async () => (sandbox && (await notifierLease.acquire()) ? sandbox.deliverDue() : 0),
  });
  app.addHook('onReady', async () => {
    sweep.start();
    notifier.start();
  });
  app.addHook('preClose', async () => {
    await Promise.all([sweep.stop(), notifier.stop()]);
    await payments.drain();
  });
  return { payments, gate, sweep, sandbox, runSandboxNotifier: () => notifier.runNow() };
}
