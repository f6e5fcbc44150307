import {
  ActingQuery,
  CoachOrder,
  CoachRefundInput,
  CoachRefundQuote,
  CoachTicketQr,
  CreateCoachOrderInput,
  Problem,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import type { AuthContext } from '../identity/index.js';
import type { CoachGate } from './citizen-gate.js';
import type { CoachOrderService } from './order-service.js';
import type { OrderWithTickets } from './repository.js';

export interface CoachCitizenRoutesDeps {
  orders: CoachOrderService;
  gate: CoachGate;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
// Any short string: an id that is not one of the caller's (malformed ones included) is not found.
const OrderParams = z.object({ id: z.string().max(100) });
const TicketParams = z.object({ ticketId: z.string().max(100) });
const ORDER_NOT_FOUND = '找不到该订单，请返回我的长途车订单重新查看。';

/** 我的长途车票: order (hold, pay), follow, cancel unpaid, refund a ticket, show the e-ticket. */
export const coachCitizenRoutes =
  (d: CoachCitizenRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const one = async (o: OrderWithTickets) => (await d.orders.present([o]))[0] as CoachOrder;
    const orderWhat = (o: OrderWithTickets) => {
      const dep = o.departure;
      return {
        what: `长途车订单${o.order_number}：${dep.fromStation.name} → ${dep.toStation.name} ${dep.date} ${dep.time}`,
        orderId: o.id,
        orderNumber: o.order_number,
      };
    };
    const ticketWhat = async (ctx: AuthContext, ticketId: string) => {
      const t = await d.orders.ownTicket(ctx.accountId, ticketId);
      const dep = t.order.departure;
      return {
        what: `长途车票${t.ticket_number ?? ''}：${dep.runNumber} ${dep.date} ${dep.time} ${t.seat}号座`,
        ticketId: t.id,
        orderId: t.order_id,
      };
    };

    app.post(
      '/api/v1/me/coach/orders',
      {
        schema: {
          tags: ['coach', 'personal'],
          summary:
            '下单: hold seats for up to 5 passengers (second-generation resident ID cards only) and create the ' +
            'payment order; pay within the hold (15 minutes). A repeated submissionId answers 200 with the first order',
          querystring: ActingQuery,
          body: CreateCoachOrderInput,
          response: { 200: CoachOrder, 201: CoachOrder, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'coach.order', req.query.for);
        reply.header('cache-control', 'no-store');
        const repeat = await d.orders.findBySubmission(ctx.accountId, req.body.submissionId);
        if (repeat) return reply.code(200).send(await one(repeat));
        const { order, created } = await d.orders.create({
          accountId: ctx.accountId,
          departureId: req.body.departureId,
          passengers: req.body.passengers,
          submissionId: req.body.submissionId,
        });
        if (created) await d.gate.record(ctx, 'coach.order.create', orderWhat(order));
        return reply.code(created ? 201 : 200).send(await one(order));
      },
    );

    app.get(
      '/api/v1/me/coach/orders',
      {
        schema: {
          tags: ['coach', 'personal'],
          summary: '我的长途车订单: newest first (the latest 100)',
          querystring: ActingQuery,
          response: { 200: z.array(CoachOrder), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'coach.orders', req.query.for);
        const orders = await d.orders.listOwn(ctx.accountId);
        await d.gate.record(ctx, 'coach.orders.read', { what: '我的长途车订单', count: orders.length });
        reply.header('cache-control', 'no-store');
        return d.orders.present(orders);
      },
    );

    app.get(
      '/api/v1/me/coach/orders/:id',
      {
        schema: {
          tags: ['coach', 'personal'],
          summary: '订单详情: departure, tickets (passengers masked), payment and what can be done',
          params: OrderParams,
          querystring: ActingQuery,
          response: { 200: CoachOrder, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'coach.order.read', req.query.for);
        const order = await d.orders.findOwn(ctx.accountId, req.params.id);
        if (!order) throw new AppError('COACH_ORDER_NOT_FOUND', ORDER_NOT_FOUND);
        await d.gate.record(ctx, 'coach.order.read', orderWhat(order));
        reply.header('cache-control', 'no-store');
        return one(order);
      },
    );

    app.post(
      '/api/v1/me/coach/orders/:id/cancel',
      {
        schema: {
          tags: ['coach', 'personal'],
          summary: '取消订单: an unpaid order only; its payment order is closed and the seats released',
          params: OrderParams,
          querystring: ActingQuery,
          response: { 200: CoachOrder, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'coach.order.cancel', req.query.for);
        const order = await d.orders.cancel(ctx.accountId, req.params.id);
        await d.gate.record(ctx, 'coach.order.cancel', orderWhat(order));
        reply.header('cache-control', 'no-store');
        return one(order);
      },
    );

    app.get(
      '/api/v1/me/coach/tickets/:ticketId/refund-quote',
      {
        schema: {
          tags: ['coach', 'personal'],
          summary: '退票试算: the fee and the refund now, as the ticketing system computes them (its rule included)',
          params: TicketParams,
          querystring: ActingQuery,
          response: { 200: CoachRefundQuote, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'coach.refund-quote', req.query.for);
        const quote = await d.orders.refundQuote(ctx.accountId, req.params.ticketId);
        reply.header('cache-control', 'no-store');
        return quote;
      },
    );

    app.post(
      '/api/v1/me/coach/tickets/:ticketId/refund',
      {
        schema: {
          tags: ['coach', 'personal'],
          summary:
            '退票: refund an issued, unchecked ticket before departure for the refund the citizen agreed to ' +
            '(COACH_REFUND_CHANGED if it moved); the money goes back to the original payment',
          params: TicketParams,
          querystring: ActingQuery,
          body: CoachRefundInput,
          response: { 200: CoachOrder, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'coach.refund', req.query.for);
        const order = await d.orders.refund(ctx.accountId, req.params.ticketId, req.body.expectedRefundFen);
        await d.gate.record(ctx, 'coach.ticket.refund', await ticketWhat(ctx, req.params.ticketId));
        reply.header('cache-control', 'no-store');
        return one(order);
      },
    );

    app.get(
      '/api/v1/me/coach/tickets/:ticketId/qr',
      {
        schema: {
          tags: ['coach', 'personal'],
          summary:
            '电子车票: the ticket as a QR code (YSST1: + compact JWS, ES256, keys at /api/v1/coach/ticket-keys), ' +
            'valid 10 minutes and never beyond two hours after departure; only while the ticket can be shown',
          params: TicketParams,
          querystring: ActingQuery,
          response: { 200: CoachTicketQr, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'coach.ticket.qr', req.query.for);
        const qr = await d.orders.qr(ctx.accountId, req.params.ticketId);
        await d.gate.record(ctx, 'coach.ticket.qr', await ticketWhat(ctx, req.params.ticketId));
        reply.header('cache-control', 'no-store');
        return qr;
      },
    );
  };
