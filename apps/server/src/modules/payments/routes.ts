import {
  ActingQuery,
  PaymentOrder,
  PaymentOrderListQuery,
  Problem,
  StartPaymentInput,
  StartPaymentResult,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PaymentGate } from './gate.js';
import type { PaymentService } from './payment-service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 503: Problem };
// Any short string: an id that is not one of the caller's orders (malformed ones included) is PAYMENT_NOT_FOUND.
const Params = z.object({ id: z.string().max(100) });

/**
 * 我的支付订单: the citizen's own orders — list, one (after asking the provider when it is unpaid: 主动查单), 去支付
 * (the provider's cashier URL), 取消订单. Orders are made by the module of what is paid for (燃气缴费, 长途车).
 */
export const paymentCitizenRoutes =
  (d: { payments: PaymentService; gate: PaymentGate }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/me/payments',
      {
        schema: {
          tags: ['payments', 'personal'],
          summary: '我的支付订单: newest first (optionally one purpose)',
          querystring: PaymentOrderListQuery.extend(ActingQuery.shape),
          response: { 200: z.array(PaymentOrder), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'payments.list', req.query.for);
        reply.header('cache-control', 'no-store');
        return d.payments.listOwn(ctx.accountId, req.query.purpose);
      },
    );

    app.get(
      '/api/v1/me/payments/:id',
      {
        schema: {
          tags: ['payments', 'personal'],
          summary:
            '支付订单: one of one’s orders; an unpaid one started at the provider is asked about first (主动查单), ' +
            'an expired one closed',
          params: Params,
          querystring: ActingQuery,
          response: { 200: PaymentOrder, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'payments.read', req.query.for);
        reply.header('cache-control', 'no-store');
        return d.payments.getOwn(ctx.accountId, req.params.id);
      },
    );

    app.post(
      '/api/v1/me/payments/:id/start',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['payments', 'personal'],
          summary:
            '去支付: the provider payment is made once (again only for another method) and its cashier URL answered; ' +
            'expired PAYMENT_EXPIRED, paid or closed PAYMENT_NOT_PAYABLE',
          params: Params,
          querystring: ActingQuery,
          body: StartPaymentInput,
          response: { 200: StartPaymentResult, ...problems, 429: Problem },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'payments.start', req.query.for);
        const { checkoutUrl, first } = await d.payments.start(ctx.accountId, req.params.id, req.body.channel);
        if (first) {
          const order = await d.payments.getOrder(req.params.id);
          await d.gate.record(ctx, 'payment.start', {
            what: order?.subject,
            orderId: req.params.id,
            orderNumber: order?.orderNumber,
            channel: req.body.channel,
          });
        }
        reply.header('cache-control', 'no-store');
        return { checkoutUrl };
      },
    );

    app.post(
      '/api/v1/me/payments/:id/close',
      {
        schema: {
          tags: ['payments', 'personal'],
          summary: '取消订单: close one’s unpaid order (at the provider first); paid PAYMENT_NOT_PAYABLE',
          params: Params,
          querystring: ActingQuery,
          response: { 200: PaymentOrder, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'payments.close', req.query.for);
        const before = await d.payments.present(ctx.accountId, req.params.id);
        const order = await d.payments.closeOwn(ctx.accountId, req.params.id);
        if (before.status === 'pending') {
          await d.gate.record(ctx, 'payment.close', {
            what: order.subject,
            orderId: order.id,
            orderNumber: order.orderNumber,
          });
        }
        reply.header('cache-control', 'no-store');
        return order;
      },
    );
  };

const Acknowledgement = z
  .object({ code: z.literal('SUCCESS'), message: z.string() })
  .meta({ id: 'PaymentNotificationAcknowledgement' });

/**
 * 支付结果通知: the provider posts here (no session; it is not a browser). The signature is checked with the
 * provider's public key before anything is read: a forged or altered notification is PAYMENT_NOTIFICATION_INVALID
 * and changes nothing. A notification taken (also a repeat) is answered {code: SUCCESS}: the provider stops retrying.
 */
export const paymentNotifyRoutes =
  (d: { payments: PaymentService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      `/api/v1/payments/notify/${d.payments.provider.name}`,
      {
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags: ['payments'],
          summary: `支付结果通知 from the payment provider (${d.payments.provider.name}): signature-checked, idempotent`,
          body: z.object({ notification: z.string().max(8000) }).meta({ id: 'PaymentNotification' }),
          response: { 200: Acknowledgement, 400: Problem, 404: Problem, 429: Problem, 503: Problem },
        },
      },
      async (req) => d.payments.handleNotification({ body: req.body, headers: req.headers }, req.id),
    );
  };
