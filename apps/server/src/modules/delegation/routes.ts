import {
  ActingSubject,
  AddFamilyMemberInput,
  ConsentInput,
  Delegation,
  DelegationList,
  Problem,
  SmsSendReceipt,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../identity/index.js';
import type { DelegationService } from './delegation-service.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
  423: Problem,
  429: Problem,
};
const Params = z.object({ id: z.uuid({ error: '授权编号格式有误' }) });
/** Consent steps check the principal's factors: as tight as the login endpoints, per client IP. */
const CONSENT_RATE = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export interface DelegationRouteDeps {
  delegations: DelegationService;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/** 家人与授权 (为他人办理): /api/v1/delegations… */
export const delegationRoutes =
  ({ delegations, authenticate: auth }: DelegationRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['delegation'];

    app.get(
      '/api/v1/delegations',
      {
        schema: {
          tags,
          summary: '家人与授权: the family members I act for, and who acts for me (needs fresh verification)',
          response: { 200: DelegationList, ...problems },
        },
      },
      async (req) => delegations.list(await auth(req)),
    );

    app.post(
      '/api/v1/delegations',
      {
        schema: {
          tags,
          summary: '添加家庭成员: ask a person’s consent to act for them (or a guardian link for one’s child under 14)',
          body: AddFamilyMemberInput,
          response: { 201: Delegation, ...problems },
        },
      },
      async (req, reply) => reply.status(201).send(await delegations.add(await auth(req), req.body)),
    );

    app.post(
      '/api/v1/delegations/:id/consent/sms',
      {
        config: CONSENT_RATE,
        schema: {
          tags,
          summary: 'Send a consent code to the principal’s phone registered with 公安',
          params: Params,
          response: { 202: SmsSendReceipt, ...problems },
        },
      },
      async (req, reply) => reply.status(202).send(await delegations.sendConsentSms(await auth(req), req.params.id)),
    );

    app.post(
      '/api/v1/delegations/:id/consent/passkey/options',
      {
        config: CONSENT_RATE,
        schema: {
          tags,
          summary: 'WebAuthn options for the principal’s own passkey (刷脸 on the agent’s phone)',
          params: Params,
          response: { 200: z.looseObject({ challenge: z.string() }), ...problems },
        },
      },
      async (req) =>
        (await delegations.consentPasskeyOptions(await auth(req), req.params.id)) as unknown as { challenge: string },
    );

    app.post(
      '/api/v1/delegations/:id/consent',
      {
        config: CONSENT_RATE,
        schema: {
          tags,
          summary: 'The principal confirms on the agent’s phone (SMS code, PIN or passkey)',
          params: Params,
          body: ConsentInput,
          response: { 200: Delegation, ...problems },
        },
      },
      async (req) => delegations.consentOnAgentDevice(await auth(req), req.params.id, req.body),
    );

    app.post(
      '/api/v1/delegations/:id/approve',
      {
        schema: {
          tags,
          summary: 'The principal confirms in their own account (needs fresh verification)',
          params: Params,
          response: { 200: Delegation, ...problems },
        },
      },
      async (req) => delegations.approve(await auth(req), req.params.id),
    );

    app.post(
      '/api/v1/delegations/:id/decline',
      {
        schema: { tags, summary: 'The principal declines', params: Params, response: { 200: Delegation, ...problems } },
      },
      async (req) => delegations.decline(await auth(req), req.params.id),
    );

    app.post(
      '/api/v1/delegations/:id/revoke',
      {
        schema: {
          tags,
          summary: '解除授权 (agent or principal, effective at once)',
          params: Params,
          response: { 200: Delegation, ...problems },
        },
      },
      async (req) => delegations.revoke(await auth(req), req.params.id),
    );

    app.get(
      '/api/v1/delegations/:id/subject',
      {
        schema: {
          tags,
          summary: '被代办人基本信息 (agent of an active delegation; fresh verification; audited)',
          params: Params,
          response: { 200: ActingSubject, ...problems },
        },
      },
      async (req) => delegations.actingSubject(await auth(req), req.params.id),
    );
  };
