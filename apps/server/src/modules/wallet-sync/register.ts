import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';
import type { AuditLog } from '../audit/index.js';
import type { IdentityService } from '../identity/index.js';
import type { NotificationService } from '../notifications/index.js';
import type { WalletService } from '../wallet/index.js';
import { walletSyncDevRoutes } from './dev-routes.js';
import { WalletStatusSynchroniser } from './synchroniser.js';

/**
 * The wallet status synchroniser in the platform: started when the app is ready, stopped (its lease handed over)
 * before it closes. With `sandbox` (demo mode, departments embedded) also the sandbox endpoints that change a
 * department's record and run a round at once.
 */
export async function registerWalletSync(
  // biome-ignore lint/suspicious/noExplicitAny: any type provider (the app uses zod's)
  app: FastifyInstance<any, any, any, any, any>,
  d: {
    db: Db;
    wallet: WalletService;
    identity: IdentityService;
    notifications: NotificationService;
    audit: AuditLog;
    intervalMs: number;
    batchSize: number;
    sandbox: boolean;
  },
): Promise<WalletStatusSynchroniser> {
  const synchroniser = new WalletStatusSynchroniser({
    db: d.db,
    wallet: d.wallet,
    identity: d.identity,
    notifications: d.notifications,
    audit: d.audit,
    log: app.log.child({ module: 'wallet-sync' }),
    intervalMs: d.intervalMs,
    batchSize: d.batchSize,
  });
  app.addHook('onReady', async () => synchroniser.start());
  app.addHook('preClose', async () => synchroniser.stop());
  if (d.sandbox) await app.register(walletSyncDevRoutes({ db: d.db, synchroniser }));
  return synchroniser;
}
