import {
  AddedVerifierMember,
  AddVerifierMemberInput,
  ConsoleVerifierOrganisation,
  ConsoleVerifierOrganisationPage,
  ConsoleVerifierOrganisationsQuery,
  CreateVerifierOrganisationInput,
  Problem,
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

const PERMISSION = 'verifier.manage';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export interface VerifierAdminDeps {
  db: Db;
  staff: StaffService;
}

/**
 * 核验单位管理 (console): a 核验单位管理员 (verifier.manage) lists, registers and changes the verifier organisations of
 * the cities of their grants, and opens or removes their verifiers' accounts. Another city's organisation is
 * refused (FORBIDDEN, audited); every change is audited with what it changed.
 */
export const verifierAdminRoutes =
  (d: VerifierAdminDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const register = new VerifierRegister(d.db);

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
  };
