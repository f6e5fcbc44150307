import {
  AddedVerifierMember,
  AddVerifierMemberInput,
  ConsoleVerifierOrganisation,
  ConsoleVerifierOrganisationPage,
  ConsoleVerifierOrganisationsQuery,
  CreateVerifierOrganisationInput,
  LinkTicketingStationInput,
  Problem,
  TicketingStationChoices,
  UpdateVerifierOrganisationInput,
  VerifierMemberParams,
  VerifierOrganisationParams,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { StaffService } from '../staff/index.js';
import { covers, VerifierRegister } from './admin.js';
import type { TicketingStations } from './ticketing-stations.js';

const PERMISSION = 'verifier.manage';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export interface VerifierAdminDeps {
  db: Db;
  staff: StaffService;
  /** Coach stations' links to the ticketing system (the coach module); without it the link routes are absent. */
  ticketing?: TicketingStations;
}

/**
 * 核验单位管理 (console): a 核验单位管理员 (verifier.manage) lists, registers and changes the verifier organisations of
 * the cities of their grants, and opens or removes their verifiers' accounts. Another city's organisation is
 * refused (FORBIDDEN, audited); every change is audited with what it changed.
 */
export const verifierAdminRoutes =
  (d: VerifierAdminDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const register = new VerifierRegister(d.db, d.ticketing);

    /** The caller, allowed for the organisation's city, and the organisation (404 when there is none). */
    async function forOrganisation(req: FastifyRequest, id: string) {
      const ctx = await d.staff.requireStaff(req, PERMISSION);
      const org = await register.find(id);
      if (!org) throw new AppError('VERIFIER_ORGANISATION_NOT_FOUND', '找不到该核验单位，请刷新列表后再试。');
      if (!covers(ctx.allowed, org.city_code)) {
        await d.staff.auditStaff(
          ctx.accountId,
          'access.denied.staff',
          'denied',
          { permission: PERMISSION, reason: 'no-grant', route: req.routeOptions.url, cityCode: org.city_code },
          req.id,
        );
        throw new AppError('FORBIDDEN', '该核验单位不在您管理的城市，您不能修改。如需开通，请联系管理员。');
      }
      return { ctx, org };
    }

    app.get(
      '/api/v1/console/verifier-organisations',
      {
        schema: {
          tags: ['console'],
          summary:
            '核验单位: a page (20) of the verifier organisations of the cities of your grants, with their verifiers; ' +
            'filtered by city, kind and part of the name',
          querystring: ConsoleVerifierOrganisationsQuery,
          response: { 200: ConsoleVerifierOrganisationPage, ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await d.staff.requireStaff(req, PERMISSION);
        reply.header('cache-control', 'no-store');
        return register.list(ctx.allowed, req.query);
      },
    );

    app.post(
      '/api/v1/console/verifier-organisations',
      {
        schema: {
          tags: ['console'],
          summary: '登记核验单位: a hotel (with its star rating), police station, employer or coach station of a city',
          body: CreateVerifierOrganisationInput,
          response: { 201: ConsoleVerifierOrganisation, ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await d.staff.requireStaff(req, PERMISSION, { cityCode: req.body.cityCode });
        const row = await register.create(req.body);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.verifier-organisation.create',
          'success',
          {
            organisationId: row.id,
            name: row.name,
            kind: row.kind,
            cityCode: row.city_code,
            starRating: row.star_rating,
          },
          req.id,
        );
        return reply.code(201).send(await register.one(row));
      },
    );

    app.patch(
      '/api/v1/console/verifier-organisations/:id',
      {
        schema: {
          tags: ['console'],
          summary: '修改核验单位: a hotel’s star rating; 停用 (its verifiers record no check-ins) or 启用',
          params: VerifierOrganisationParams,
          body: UpdateVerifierOrganisationInput,
          response: { 200: ConsoleVerifierOrganisation, ...problems },
        },
      },
      async (req) => {
        const { ctx, org } = await forOrganisation(req, req.params.id);
        const after = await register.update(org, req.body);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.verifier-organisation.update',
          'success',
          {
            organisationId: org.id,
            before: { starRating: org.star_rating, active: org.active },
            after: { starRating: after.star_rating, active: after.active },
          },
          req.id,
        );
        return register.one(after);
      },
    );

    app.post(
      '/api/v1/console/verifier-organisations/:id/members',
      {
        schema: {
          tags: ['console'],
          summary:
            '开通核验人员账号: a staff account of the organisation with a one-time password, shown once and changed at ' +
            'the first login (where the authenticator is enrolled)',
          params: VerifierOrganisationParams,
          body: AddVerifierMemberInput,
          response: { 201: AddedVerifierMember, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, org } = await forOrganisation(req, req.params.id);
        if (!org.active) {
          throw new AppError('VERIFIER_ORGANISATION_STOPPED', '该核验单位已停用，请先启用后再开通核验人员账号。');
        }
        const added = await register.addMember(org, req.body);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.verifier-member.add',
          'success',
          { organisationId: org.id, accountId: added.member.accountId, username: added.member.username },
          req.id,
        );
        // the one-time password is in this answer only: never cached anywhere
        reply.header('cache-control', 'no-store');
        return reply.code(201).send(added);
      },
    );

    app.delete(
      '/api/v1/console/verifier-organisations/:id/members/:accountId',
      {
        schema: {
          tags: ['console'],
          summary: '移除核验人员: the membership ends, the account is disabled and its sessions end',
          params: VerifierMemberParams,
          response: { 204: z.null().meta({ description: 'Removed' }), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, org } = await forOrganisation(req, req.params.id);
        const removed = await register.removeMember(org, req.params.accountId);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.verifier-member.remove',
          'success',
          { organisationId: org.id, accountId: removed.accountId, username: removed.username },
          req.id,
        );
        return reply.code(204).send(null);
      },
    );
    if (d.ticketing) ticketingStationRoutes(app, d.ticketing);

    /**
     * 接入联网售票系统: a coach station's clerks check and board tickets at the ticketing system's station their
     * organisation is linked to; until it is, they cannot check tickets online. One station, one organisation.
     */
    function ticketingStationRoutes(app: Parameters<FastifyPluginAsyncZod>[0], ticketing: TicketingStations) {
      const stationParams = { params: VerifierOrganisationParams };
      const withDepartment = { ...problems, 502: Problem, 503: Problem };
      const coachStation = async (req: FastifyRequest, id: string) => {
        const found = await forOrganisation(req, id);
        if (found.org.kind !== 'coach-station') {
          throw new AppError(
            'VERIFIER_NOT_A_COACH_STATION',
            `“${found.org.name}”不是客运站。只有客运站接入联网售票系统，由其核验人员验票、检票上车。`,
          );
        }
        return found;
      };

      app.get(
        '/api/v1/console/verifier-organisations/:id/ticketing-stations',
        {
          schema: {
            tags: ['console'],
            summary: '联网售票系统的客运站: the stations of the coach station’s city, and the one it is linked to',
            ...stationParams,
            response: { 200: TicketingStationChoices, ...withDepartment },
          },
        },
        async (req, reply) => {
          const { org } = await coachStation(req, req.params.id);
          const [stations, linked] = await Promise.all([
            ticketing.stationsOf(org.city_code),
            ticketing.linked([org.id]),
          ]);
          reply.header('cache-control', 'no-store');
          return { current: linked.get(org.id) ?? null, stations };
        },
      );

      app.put(
        '/api/v1/console/verifier-organisations/:id/ticketing-station',
        {
          schema: {
            tags: ['console'],
            summary:
              '接入联网售票系统: link the coach station to a station of the ticketing system of its city (its clerks ' +
              'then check and board tickets there)',
            ...stationParams,
            body: LinkTicketingStationInput,
            response: { 200: ConsoleVerifierOrganisation, ...withDepartment },
          },
        },
        async (req) => {
          const { ctx, org } = await coachStation(req, req.params.id);
          const station = (await ticketing.stationsOf(org.city_code)).find((s) => s.id === req.body.stationId);
          if (!station) {
            throw new AppError('VALIDATION_FAILED', '本市联网售票系统中没有该客运站，请从列表中选择。', [
              { path: 'stationId', message: '请从列表中选择本市的客运站' },
            ]);
          }
          const before = (await ticketing.linked([org.id])).get(org.id) ?? null;
          const linked = await ticketing.link(org.id, { id: station.id, name: station.name });
          if (!linked.ok) {
            throw new AppError(
              'COACH_STATION_TAKEN',
              `${station.name}已由“${linked.takenBy.name}”接入联网售票系统，一个站点只能由一个核验单位接入。` +
                '如需更换，请先断开该单位的接入。',
              [{ path: 'stationId', message: `已由“${linked.takenBy.name}”接入` }],
            );
          }
          await d.staff.auditStaff(
            ctx.accountId,
            'console.verifier-organisation.ticketing-station',
            'success',
            { organisationId: org.id, before, after: { id: station.id, name: station.name } },
            req.id,
          );
          return register.one(org);
        },
      );

      app.delete(
        '/api/v1/console/verifier-organisations/:id/ticketing-station',
        {
          schema: {
            tags: ['console'],
            summary: '断开接入: the coach station’s clerks can no longer check tickets online',
            ...stationParams,
            response: { 200: ConsoleVerifierOrganisation, ...problems },
          },
        },
        async (req) => {
          const { ctx, org } = await coachStation(req, req.params.id);
          const before = (await ticketing.linked([org.id])).get(org.id) ?? null;
          if (before) {
            await ticketing.unlink(org.id);
            await d.staff.auditStaff(
              ctx.accountId,
              'console.verifier-organisation.ticketing-station',
              'success',
              { organisationId: org.id, before, after: null },
              req.id,
            );
          }
          return register.one(org);
        },
      );
    }
  };
