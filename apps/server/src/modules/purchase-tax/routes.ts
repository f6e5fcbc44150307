import { ActingQuery, CreatePurchaseTaxPaymentInput, MyVehiclePurchases, PaymentOrder, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { perSessionRateLimit } from '../../http/rate-limit.js';
import type { PaymentGate } from '../payments/index.js';
import { answerOrderCreation } from '../payments/purpose-orders.js';
import { PURCHASE_TAX_SERVICE, type PurchaseTaxService } from './service.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
  502: Problem,
  503: Problem,
};

/**
 * 车辆购置税 (D4): the buyer's own new-vehicle purchases with the tax computed by the tax department (also the
 * paid ones with their 完税证明 number: 完税证明查询), and a payment order per purchase. Paying it is the payments
 * module's (去支付, the provider's cashier); the tax department records the declaration and payment once the
 * provider confirmed it.
 */
export const purchaseTaxRoutes =
  (d: { service: PurchaseTaxService; gate: PaymentGate; sessionCookie: string }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/me/vehicle-purchase-tax',
      {
        schema: {
          tags: ['payments', 'personal'],
          summary:
            '车辆购置税: the citizen’s own new-vehicle purchases (机动车销售统一发票), each with 计税价格, 应纳税额, 减免, ' +
            '滞纳金 and 应缴合计 as the tax department computes them today, or its 完税证明 number once paid; VIN masked',
          querystring: ActingQuery,
          response: { 200: MyVehiclePurchases, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await d.gate.open(req, 'purchase-tax.mine', req.query.for);
        const mine = await d.service.mine(me.idNumber);
        await d.gate.record(ctx, 'purchase-tax.mine', {
          what: '车辆购置税 购置信息查询',
          serviceId: PURCHASE_TAX_SERVICE,
          purchases: mine.purchases.length,
        });
        reply.header('cache-control', 'no-store');
        return mine;
      },
    );

    app.post(
      '/api/v1/me/vehicle-purchase-tax-payments',
      {
        config: perSessionRateLimit(d.sessionCookie, 'purchase-tax', 20),
        schema: {
          tags: ['payments', 'personal'],
          summary:
            '车辆购置税缴纳: a payment order for one purchase’s 应缴合计 (tax + any 滞纳金, as the tax department says ' +
            'now); a repeated submissionId answers 200 with the first order',
          querystring: ActingQuery,
          body: CreatePurchaseTaxPaymentInput,
          response: { 200: PaymentOrder, 201: PaymentOrder, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await d.gate.open(req, 'purchase-tax.create', req.query.for);
        return answerOrderCreation(reply, {
          gate: d.gate,
          ctx,
          serviceId: PURCHASE_TAX_SERVICE,
          submissionId: req.body.submissionId,
          repeat: (accountId, submissionId) => d.service.repeat(accountId, submissionId),
          create: () => d.service.create(ctx.accountId, me.idNumber, req.body),
        });
      },
    );
  };
