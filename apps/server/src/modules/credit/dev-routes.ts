import { Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NoResultError } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { recordPenalty } from '../../departments/credit/simulate.js';
import { AppError } from '../../http/app-error.js';
import type { CreditChangePoller } from './poller.js';
import { requireUscc } from './uscc.js';

const VIOLATIONS = {
  advertising: { violation: '发布虚假广告', authority: '市场监督管理局' },
  labelling: { violation: '产品标识不规范', authority: '市场监督管理局' },
  'late-filing': { violation: '未按期进行纳税申报', authority: '税务局' },
} as const;

/**
 * Sandbox only (demo mode, embedded departments): make 信用广东 record a new administrative penalty for an
 * entity — as the department's own system would — and run the credit poller now, so a tester sees the
 * 信用信息变更提醒 arrive in 消息 without waiting for the next poll. The penalty's texts are fixed, not typed in.
 */
export const creditDevRoutes =
  ({ db, poller }: { db: Db; poller: CreditChangePoller }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/dev/credit/penalties',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['sandbox'],
          summary:
            'Sandbox (demo mode only): record a new 行政处罚 for an entity in 信用广东 (a change subscribers hear of)',
          body: z
            .object({
              uscc: z.string().max(40),
              kind: z.enum(Object.keys(VIOLATIONS) as [keyof typeof VIOLATIONS]).default('advertising'),
              fineYuan: z.number().int().min(1).max(1_000_000).default(5000),
            })
            .strict(),
          response: {
            201: z.object({ uscc: z.string(), version: z.number().int(), decisionNumber: z.string() }),
            400: Problem,
            404: Problem,
            429: Problem,
          },
        },
      },
      async (req, reply) => {
        const uscc = requireUscc(req.body.uscc);
        const { violation, authority } = VIOLATIONS[req.body.kind];
        const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
        const decisionNumber = `粤信示罚〔${year}〕${Date.now() % 100_000_000}号`;
        try {
          const { version } = await recordPenalty(db, {
            uscc,
            decisionNumber,
            authority,
            violation,
            content: `罚款${req.body.fineYuan}元`,
            fineYuan: req.body.fineYuan,
          });
          return reply.code(201).send({ uscc, version, decisionNumber });
        } catch (err) {
          // executeTakeFirstOrThrow: no such entity in the sandbox.
          if (err instanceof NoResultError) {
            throw new AppError('CREDIT_SUBJECT_NOT_FOUND', '沙箱中没有该统一社会信用代码对应的信用主体。');
          }
          throw err;
        }
      },
    );

    app.post(
      '/api/v1/dev/credit/poll',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['sandbox'],
          summary:
            'Sandbox (demo mode only): run the credit change poller now (it also runs every CREDIT_POLL_SECONDS)',
          response: {
            200: z.object({
              ran: z.boolean(),
              entities: z.number().int(),
              changes: z.number().int(),
              delivered: z.number().int(),
              failed: z.number().int(),
            }),
            429: Problem,
          },
        },
      },
      async () => poller.pollOnce(),
    );
  };
