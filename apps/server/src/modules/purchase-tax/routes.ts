import { ActingQuery, CreatePurchaseTaxPaymentInput, MyVehiclePurchases } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { perSessionRateLimit } from '../../http/rate-limit.js';
import type { PaymentGate } from '../payments/index.js';
import { PURPOSE_PAYMENT_PROBLEMS as problems, purposeOrderRoute } from '../payments/purpose-payment.js';
import { PURCHASE_TAX_SERVICE, type PurchaseTaxService } from './service.js';

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

    purposeOrderRoute(app, {
      url: '/api/v1/me/vehicle-purchase-tax-payments',
      config: perSessionRateLimit(d.sessionCookie, 'purchase-tax', 20),
      summary:
        '车辆购置税缴纳: a payment order for one purchase’s 应缴合计 (tax + any 滞纳金, as the tax department says ' +
        'now); a repeated submissionId answers 200 with the first order',
      body: CreatePurchaseTaxPaymentInput,
      gate: d.gate,
      action: 'purchase-tax.create',
      serviceId: () => PURCHASE_TAX_SERVICE,
      service: d.service,
      create: ({ ctx, me }, body) => d.service.create(ctx.accountId, me.idNumber, body),
    });
  };
