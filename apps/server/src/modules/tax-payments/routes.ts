import {
  ActingQuery,
  CreateVehicleTaxPaymentInput,
  MyVehicleTax,
  VehicleTaxLookupInput,
  VehicleTaxVehicle,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { perSessionRateLimit } from '../../http/rate-limit.js';
import type { PaymentGate } from '../payments/index.js';
import { PURPOSE_PAYMENT_PROBLEMS as problems, purposeOrderRoute } from '../payments/purpose-payment.js';
import { maskIdNumber } from '../privacy/index.js';
import { type TaxPaymentService, VEHICLE_TAX_SERVICE } from './service.js';

/**
 * 车船税缴款 (D4): 本人清缴 (the citizen's own vehicles), 他人清缴 (a vehicle by plate and owner's ID number — in the
 * body, never in a URL; masked; rate-limited per session against trying numbers) and a payment order per vehicle
 * and tax year. Paying it is the payments module's (去支付, the provider's cashier); the tax department records the
 * payment once the provider confirmed it.
 */
export const taxPaymentRoutes =
  (d: { service: TaxPaymentService; gate: PaymentGate; sessionCookie: string }): FastifyPluginAsyncZod =>
  async (app) => {
    const perSession = (max: number) => perSessionRateLimit(d.sessionCookie, 'tax-pay', max);

    app.get(
      '/api/v1/me/vehicle-tax',
      {
        schema: {
          tags: ['payments', 'personal'],
          summary: '车船税（本人清缴）: the citizen’s own vehicles and their tax years, as the tax department has them',
          querystring: ActingQuery,
          response: { 200: MyVehicleTax, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await d.gate.open(req, 'vehicle-tax.mine', req.query.for);
        const mine = await d.service.myVehicles(me.idNumber);
        await d.gate.record(ctx, 'vehicle-tax.mine', {
          what: '车船税 本人车辆查询',
          serviceId: VEHICLE_TAX_SERVICE,
          vehicles: mine.vehicles.length,
        });
        reply.header('cache-control', 'no-store');
        return mine;
      },
    );

    app.post(
      '/api/v1/vehicle-tax/lookup',
      {
        config: perSession(20),
        schema: {
          tags: ['payments', 'personal'],
          summary:
            '车船税（他人清缴）: a vehicle by plate and its owner’s ID number, the owner masked; 20 per minute per session',
          querystring: ActingQuery,
          body: VehicleTaxLookupInput,
          response: { 200: VehicleTaxVehicle, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await d.gate.open(req, 'vehicle-tax.lookup', req.query.for);
        const vehicle = await d.service.lookup(me.idNumber, req.body);
        await d.gate.record(ctx, 'vehicle-tax.lookup', {
          what: '车船税 车辆查询',
          serviceId: VEHICLE_TAX_SERVICE,
          plate: vehicle.plate,
          owner: maskIdNumber(req.body.ownerIdNumber.trim().toUpperCase()),
        });
        reply.header('cache-control', 'no-store');
        return vehicle;
      },
    );

    purposeOrderRoute(app, {
      url: '/api/v1/me/vehicle-tax-payments',
      config: perSession(20),
      summary:
        '车船税缴款 (D4): a payment order for one vehicle’s one tax year (the amount the tax department says now); ' +
        'a repeated submissionId answers 200 with the first order',
      body: CreateVehicleTaxPaymentInput,
      gate: d.gate,
      action: 'vehicle-tax.create',
      serviceId: () => VEHICLE_TAX_SERVICE,
      service: d.service,
      create: ({ ctx, me }, body) => d.service.create(ctx.accountId, me.idNumber, body),
    });
  };
