import {
  Problem,
  StaffLoginInput,
  StaffLoginStep,
  StaffPasswordInput,
  StaffProfile,
  StaffTotpEnrolment,
  StaffTotpInput,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import type { StaffSettings } from './settings.js';
import type { StaffService } from './staff-service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 423: Problem, 429: Problem };
/** Per client IP on every login step, as for citizens (identity routes), on top of the per-account lockout. */
const AUTH_RATE = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export interface StaffRouteDeps {
  staff: StaffService;
  settings: StaffSettings;
  /** Only in demo mode: the current TOTP code of a demo account, so the console can be tried without an app. */
  demo: boolean;
}

export const staffRoutes =
  ({ staff, settings, demo }: StaffRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const cookie = (req: FastifyRequest) => req.cookies[settings.cookieName];

    app.post(
      '/api/v1/staff/auth/login',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['staff'],
          summary: '工作人员登录, step 1: username and password (then the TOTP step)',
          body: StaffLoginInput,
          response: { 200: StaffLoginStep, ...problems },
        },
      },
      async (req, reply) => {
        const started = await staff.login(req.body.username, req.body.password, req.id);
        setSessionCookie(reply, settings, started.token, started.expiresAt);
        return { next: started.next, expiresInSeconds: started.expiresInSeconds };
      },
    );

    app.post(
      '/api/v1/staff/auth/totp/enrol',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['staff'],
          summary: '绑定动态验证码 (first login): the otpauth:// URI, its QR code and the secret',
          response: { 200: StaffTotpEnrolment, ...problems },
        },
      },
      async (req) => staff.enrol(cookie(req), req.id),
    );

    app.post(
      '/api/v1/staff/auth/totp',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['staff'],
          summary: '工作人员登录, step 2: the 6-digit TOTP code (also confirms an enrolment)',
          body: StaffTotpInput,
          response: { 200: StaffProfile, ...problems },
        },
      },
      async (req, reply) => {
        const done = await staff.completeWithTotp(cookie(req), req.body.code, req.id);
        setSessionCookie(reply, settings, done.token, done.expiresAt);
        return staff.profile(await staff.authenticate(done.token, req.id));
      },
    );

    app.post(
      '/api/v1/staff/auth/logout',
      { schema: { tags: ['staff'], summary: '退出登录 (console)', response: { 204: z.null(), ...problems } } },
      async (req, reply) => {
        await staff.logout(cookie(req), req.id);
        clearSessionCookie(reply, settings);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/staff/me',
      {
        schema: {
          tags: ['staff'],
          summary: 'The logged-in staff member: name and role grants (我的角色与权限)',
          response: { 200: StaffProfile, ...problems },
        },
      },
      async (req) => staff.profile(await staff.authenticate(cookie(req), req.id)),
    );

    app.put(
      '/api/v1/staff/me/password',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['staff'],
          summary: '修改密码 (required after the one-time password of a new account)',
          body: StaffPasswordInput,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await staff.authenticate(cookie(req), req.id);
        await staff.changePassword(ctx, req.body.currentPassword, req.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    if (demo) {
      app.get(
        '/api/v1/dev/staff-totp/:username',
        {
          schema: {
            tags: ['sandbox'],
            summary: 'Current TOTP code of a staff account (demo mode only: stands in for an authenticator app)',
            params: z.object({ username: z.string().max(40) }),
            response: { 200: z.object({ code: z.string(), secondsLeft: z.number().int() }), 404: Problem },
          },
        },
        async (req) => staff.currentCode(req.params.username),
      );
    }
  };
