import { ActingQuery, CreateUtilityPaymentInput, UtilityAmountDue, UtilityAmountDueQuery } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { perSessionRateLimit } from '../../http/rate-limit.js';
import type { PaymentGate } from '../payments/index.js';
import { PURPOSE_PAYMENT_PROBLEMS as problems, purposeOrderRoute } from '../payments/purpose-payment.js';
import { GAS_PAYMENT_SERVICE, type UtilityPaymentService } from './service.js';

/** The last four digits only: what an audit entry keeps of someone's account number. */
const maskAccount = (account: string) => `****${account.slice(-4)}`;

/**
 * 燃气缴费 (G1, 广州): 应缴查询 for any account number (替他人缴费: masked, only what is unpaid; rate-limited per
 * session against trying numbers) and a payment order for one month's bill. Paying it is the payments module's
 * (POST /api/v1/me/payments/:id/start, the provider's cashier); the bill is paid at the gas company once the
 * provider confirmed the payment.
 */
export const utilityPaymentRoutes =
  (d: { service: UtilityPaymentService; gate: PaymentGate; sessionCookie: string }): FastifyPluginAsyncZod =>
  async (app) => {
    const perSession = (max: number) => perSessionRateLimit(d.sessionCookie, 'utility-pay', max);

    app.get(
      '/api/v1/utilities/gas/amount-due',
      {
        config: perSession(20),
        schema: {
          tags: ['payments', 'personal'],
          summary:
            '燃气缴费 应缴查询 (G1, 广州): the unpaid months of any account number (替他人缴费), holder and address ' +
            'masked; 20 per minute per session',
          querystring: UtilityAmountDueQuery.extend(ActingQuery.shape),
          response: { 200: UtilityAmountDue, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'utility-payments.amount-due', req.query.for);
        const due = await d.service.amountDue(req.query.city, req.query.account);
        await d.gate.record(ctx, 'utility-payment.amount-due', {
          what: '燃气缴费 应缴查询',
          serviceId: GAS_PAYMENT_SERVICE,
          account: maskAccount(due.accountNumber),
        });
        reply.header('cache-control', 'no-store');
        return due;
      },
    );

    purposeOrderRoute(app, {
      url: '/api/v1/me/utility-payments',
      config: perSession(20),
      summary:
        '燃气缴费 (G1, 广州): a payment order for one month’s bill (the amount the company says now); ' +
        'a repeated submissionId answers 200 with the first order',
      body: CreateUtilityPaymentInput,
      gate: d.gate,
      action: 'utility-payments.create',
      serviceId: () => GAS_PAYMENT_SERVICE,
      service: d.service,
      create: ({ ctx }, body) => d.service.create(ctx.accountId, body),
    });
  };
