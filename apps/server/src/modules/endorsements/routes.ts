import {
  ActingQuery,
  CITY_CODES,
  CreateEndorsementInput,
  ENDORSEMENT_PERMIT_TYPES,
  ENDORSEMENT_PROGRESS_SERVICE,
  EndorsementOptions,
  EndorsementOptionsQuery,
  type EndorsementPermitType,
  MyEndorsements,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PersonalLookupGate } from '../lookups/index.js';
import type { PaymentGate } from '../payments/index.js';
import { PURPOSE_PAYMENT_PROBLEMS as problems, purposeOrderRoute } from '../payments/purpose-payment.js';
import type { EndorsementService } from './service.js';

/**
 * 在线签注 (D6): the citizen's permits with the endorsements each may get (港澳通行证再次签注, 台湾通行证签注), a
 * payment order for one endorsement's fee (paid at the provider's cashier; the exit-entry system takes the
 * application once the fee is paid; not cancellable online), and 签注进度查询.
 */
export const endorsementRoutes =
  (d: {
    service: EndorsementService;
    gate: PaymentGate;
    lookups: PersonalLookupGate;
    /** Whether the account has this permit linked (valid) in 我的证照. */
    permitLinked: (accountId: string | null, type: EndorsementPermitType) => Promise<boolean>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const linkedPermits = async (accountId: string | null) => {
      const linked = await Promise.all(ENDORSEMENT_PERMIT_TYPES.map((type) => d.permitLinked(accountId, type)));
      return new Set(ENDORSEMENT_PERMIT_TYPES.filter((_, i) => linked[i]));
    };
    app.get(
      '/api/v1/me/endorsements/options',
      {
        schema: {
          tags: ['payments', 'personal'],
          summary:
            '在线签注: the citizen’s permits for 港澳通行证再次签注 or 台湾通行证签注, each with the endorsements it may ' +
            'get online and their fees (the guide: Guangdong hukou, or a permit issued in Guangdong); `?for=` a ' +
            'delegation covering the service: the family member’s permits (本人或为他人办理)',
          querystring: EndorsementOptionsQuery.extend(ActingQuery.shape),
          response: { 200: EndorsementOptions, ...problems },
        },
      },
      async (req, reply) => {
        // 本人或为他人办理: with `?for=`, the permits of the family member who authorised the caller for this service
        const { ctx, holder } = await d.gate.open(req, 'endorsements.options', req.query.for, req.query.service);
        const options = await d.service.options(req.query.service, req.query.city, holder.idNumber);
        await d.gate.recordFor(ctx, holder, 'endorsement.options', {
          what: `${options.serviceName} 证件查询`,
          serviceId: req.query.service,
          permits: options.permits.length,
        });
        reply.header('cache-control', 'no-store');
        return options;
      },
    );

    purposeOrderRoute(app, {
      url: '/api/v1/me/endorsement-applications',
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      summary:
        '在线签注: a payment order for one endorsement’s fee (the fee the exit-entry system says now); once paid, the ' +
        'exit-entry system takes the application. A repeated submissionId answers 200 with the first order',
      body: CreateEndorsementInput,
      gate: d.gate,
      action: 'endorsements.create',
      serviceId: (body) => body.service,
      service: d.service,
      actingFor: (body) => body.service,
      create: async ({ ctx, holder }, body) => {
        const placed = await d.service.create(ctx.accountId, holder, body);
        // the family member's 我的访问记录 shows that their endorsement was applied for (the order stays the payer's)
        if (placed.created && holder.delegationId) {
          await d.gate.recordFor(ctx, holder, 'endorsement.apply', {
            what: placed.order.subject,
            serviceId: body.service,
          });
        }
        return placed;
      },
    });

    app.get(
      '/api/v1/me/endorsements',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '签注进度查询 (D6): the endorsements on the person’s permits linked in 我的证照, with their progress; the ' +
            'kinds of permit still to link (audited)',
          querystring: ActingQuery.extend({ city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }).optional() }),
          response: { 200: MyEndorsements, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await d.lookups.open(req, {
          serviceId: ENDORSEMENT_PROGRESS_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        // 关联相关电子证照查看签注进度: one's own endorsements show once their permit is linked; a family member's (with
        // 授权) show as they are, their permits being in the other person's 我的证照, not the looker's.
        const linked = req.query.for ? 'all' : await linkedPermits(opened.subject.accountId);
        const progress = await d.service.progress(opened.subject.idNumber, linked);
        await d.lookups.recordRead(opened, ENDORSEMENT_PROGRESS_SERVICE);
        reply.header('cache-control', 'no-store');
        return progress;
      },
    );
  };
