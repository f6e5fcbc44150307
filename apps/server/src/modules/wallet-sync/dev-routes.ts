import { Problem, parseResidentId } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { registerDivorce } from '../../departments/civil-affairs/simulate.js';
import { setLicenceStatus } from '../../departments/traffic/simulate.js';
import { AppError } from '../../http/app-error.js';
import { maskIdNumber } from '../privacy/index.js';
import type { WalletStatusSynchroniser } from './synchroniser.js';

/** The department changes a tester can make, and who makes them. */
const CHANGES = {
  'licence-suspend': { department: '交管', what: '驾驶证暂扣' },
  'licence-revoke': { department: '交管', what: '驾驶证吊销' },
  'licence-restore': { department: '交管', what: '驾驶证暂扣期满发还' },
  divorce: { department: '民政', what: '离婚登记' },
} as const;
type Change = keyof typeof CHANGES;

const SyncReportSchema = z.object({
  ran: z.boolean(),
  checked: z.number().int(),
  changed: z.number().int(),
  announced: z.number().int(),
  outages: z.number().int(),
  undecided: z.number().int(),
});

/**
 * Sandbox only (demo mode, embedded departments): make a department change a person's record — as its own
 * system would — and run the wallet status synchroniser now, so a tester sees a linked 驾驶证 暂停使用 / 注销 /
 * 恢复, or a 结婚证 注销 after a divorce, reach the verifier and 消息 without waiting for the next round.
 */
export const walletSyncDevRoutes =
  ({ db, synchroniser }: { db: Db; synchroniser: WalletStatusSynchroniser }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/dev/wallet/department-changes',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['sandbox'],
          summary:
            'Sandbox (demo mode only): a department changes a record — 交管 suspends, revokes or hands back a driving licence, 民政 registers a divorce',
          body: z
            .object({
              change: z.enum(Object.keys(CHANGES) as [Change, ...Change[]]),
              idNumber: z.string().max(18),
            })
            .strict(),
          response: {
            201: z.object({
              change: z.string(),
              department: z.string(),
              what: z.string(),
              idNumberMasked: z.string(),
              /** The licence's status afterwards, or the new 离婚证 number. */
              result: z.string(),
            }),
            400: Problem,
            404: Problem,
            429: Problem,
          },
        },
      },
      async (req, reply) => {
        const idNumber = req.body.idNumber.toUpperCase();
        const parsed = parseResidentId(idNumber);
        if (!parsed.ok) {
          throw new AppError('ID_NUMBER_INVALID', parsed.message, [{ path: 'idNumber', message: parsed.message }]);
        }
        const { change } = req.body;
        let result: string | undefined;
        if (change === 'divorce') {
          result = (await registerDivorce(db, idNumber))?.certificateNumber;
          if (!result) throw new AppError('WALLET_NO_RECORD', '沙箱民政系统中没有该身份证号码的在婚登记记录。');
        } else {
          const status =
            change === 'licence-suspend' ? 'suspended' : change === 'licence-revoke' ? 'revoked' : 'normal';
          result = await setLicenceStatus(db, idNumber, status);
          if (!result) throw new AppError('WALLET_NO_RECORD', '沙箱交管系统中没有该身份证号码的驾驶证。');
        }
        return reply.code(201).send({ change, ...CHANGES[change], idNumberMasked: maskIdNumber(idNumber), result });
      },
    );

    app.post(
      '/api/v1/dev/wallet/sync',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['sandbox'],
          summary:
            'Sandbox (demo mode only): run the wallet status synchroniser now (it also runs every WALLET_SYNC_SECONDS)',
          response: { 200: SyncReportSchema, 429: Problem },
        },
      },
      async () => synchroniser.runOnce(),
    );
  };
