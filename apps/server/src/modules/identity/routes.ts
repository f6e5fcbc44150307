import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  AccessLogEntry,
  AccountProfile,
  DefaultLoginMethodInput,
  PasskeySummary,
  Pin,
  PinLoginInput,
  Problem,
  RealNameInput,
  RenamePasskeyInput,
  RevealedIdentity,
  SessionInfo,
  SetPinInput,
  SmsCode,
  SmsLoginInput,
  SmsSendInput,
  SmsSendReceipt,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OutboxSmsGateway } from '../../connectors/sms/outbox-gateway.js';
import { AppError } from '../../http/app-error.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import type { AuditLog } from '../audit/index.js';
import { presentAccessLog } from './access-log.js';
import type { AuthContext, IdentityService } from './identity-service.js';
import type { PasskeyService } from './passkey-service.js';
import type { IdentitySettings } from './settings.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  423: Problem,
  429: Problem,
  503: Problem,
};
// WebAuthn JSON is validated by @simplewebauthn itself; here only its outer shape.
const WebAuthnJson = z.looseObject({ id: z.string().max(1024), response: z.looseObject({}) });
const AnyOptions = z.looseObject({ challenge: z.string() });
/** WebAuthn options are plain JSON; the schema above only documents and checks their challenge. */
const asOptions = <T extends { challenge: string }>(o: T) => o as unknown as z.infer<typeof AnyOptions>;
/** Per client IP on every authentication endpoint, on top of the per-account limits in the service. */
const AUTH_RATE = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export interface IdentityRouteDeps {
  identity: IdentityService;
  passkeys: PasskeyService;
  audit: AuditLog;
  settings: IdentitySettings;
  /** Only in demo mode: the sandbox SMS outbox is readable. */
  outbox: OutboxSmsGateway | undefined;
}

export const identityRoutes =
  ({ identity, passkeys, audit, settings, outbox }: IdentityRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const auth = (req: FastifyRequest) => identity.authenticate(req.cookies[settings.cookieName], req.id);
    const sessionInfo = async (started: Awaited<ReturnType<IdentityService['startSession']>>) => ({
      account: await identity.profile(started.session.accountId, started.session.verifiedAt),
      method: started.session.method,
      expiresAt: started.expiresAt.toISOString(),
    });
    const me = (ctx: AuthContext) => identity.profile(ctx.accountId, ctx.verifiedAt);

    app.post(
      '/api/v1/auth/sms/send',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: 'Send an SMS code (登录, or 验证 for the logged-in account’s own phone)',
          body: z.object({ phone: SmsSendInput.shape.phone.optional(), purpose: SmsSendInput.shape.purpose }).strict(),
          response: { 202: SmsSendReceipt, ...problems },
        },
      },
      async (req, reply) => {
        let phone = req.body.phone;
        if (req.body.purpose === 'verify') phone = await identity.accountPhone((await auth(req)).accountId);
        if (!phone)
          throw new AppError('VALIDATION_FAILED', '请输入手机号码', [{ path: 'phone', message: '请输入手机号码' }]);
        return reply.status(202).send(await identity.sendSmsCode(phone, req.body.purpose, req.id));
      },
    );

    app.post(
      '/api/v1/auth/sms/login',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '短信验证码登录 (creates the account on first login)',
          body: SmsLoginInput,
          response: { 200: SessionInfo, ...problems },
        },
      },
      async (req, reply) => {
        const started = await identity.loginWithSms(req.body.phone, req.body.code, req.id);
        setSessionCookie(reply, settings, started.token, started.expiresAt);
        return sessionInfo(started);
      },
    );

    app.post(
      '/api/v1/auth/pin/login',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '密码登录 (6-digit PIN)',
          body: PinLoginInput,
          response: { 200: SessionInfo, ...problems },
        },
      },
      async (req, reply) => {
        const started = await identity.loginWithPin(req.body.phone, req.body.pin, req.id);
        setSessionCookie(reply, settings, started.token, started.expiresAt);
        return sessionInfo(started);
      },
    );

    app.post(
      '/api/v1/auth/passkey/options',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '刷脸登录: WebAuthn request options',
          response: { 200: AnyOptions, ...problems },
        },
      },
      async () => asOptions(await passkeys.loginOptions()),
    );

    app.post(
      '/api/v1/auth/passkey/login',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '刷脸登录: verify the assertion',
          body: z.object({ response: WebAuthnJson }).strict(),
          response: { 200: SessionInfo, ...problems },
        },
      },
      async (req, reply) => {
        const accountId = await passkeys.checkAssertion(
          req.body.response as unknown as AuthenticationResponseJSON,
          'login',
          null,
        );
        if (!accountId) {
          await audit.record({
            action: 'auth.login.passkey',
            result: 'failure',
            actorKind: 'anonymous',
            requestId: req.id,
          });
          throw new AppError('PASSKEY_FAILED', '刷脸验证未通过，请重试或使用其他登录方式。');
        }
        const started = await identity.startSession(accountId, 'passkey', true, req.id);
        setSessionCookie(reply, settings, started.token, started.expiresAt);
        return sessionInfo(started);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { schema: { tags: ['identity'], summary: '退出登录', response: { 204: z.null(), ...problems } } },
      async (req, reply) => {
        // Already logged out, replaced or expired: nothing to end. Any other failure (the session store
        // unreachable) is answered as such, not as a logout that did not happen.
        const ctx = await auth(req).catch((err: unknown) => {
          if (err instanceof AppError && err.status === 401) return undefined;
          throw err;
        });
        if (ctx) await identity.logout(ctx);
        clearSessionCookie(reply, settings);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/session',
      {
        schema: {
          tags: ['identity'],
          summary:
            'Is my session still live? (cheap: the session check alone; 401 SESSION_REPLACED when another device logged in)',
          response: { 200: z.object({ method: z.string(), verifiedUntil: z.string().nullable() }), ...problems },
        },
      },
      async (req) => {
        const ctx = await auth(req);
        const until = ctx.verifiedAt ? new Date(ctx.verifiedAt.getTime() + settings.verificationMaxAgeMs) : null;
        return {
          method: ctx.method,
          verifiedUntil: until && until.getTime() > Date.now() ? until.toISOString() : null,
        };
      },
    );

    app.get(
      '/api/v1/me',
      {
        schema: {
          tags: ['identity'],
          summary: 'The logged-in account (masked)',
          response: { 200: AccountProfile, ...problems },
        },
      },
      async (req) => me(await auth(req)),
    );

    app.post(
      '/api/v1/me/real-name',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '实名认证',
          body: RealNameInput,
          response: { 200: AccountProfile, ...problems },
        },
      },
      async (req) => identity.bindRealName(await auth(req), req.body.name, req.body.idNumber),
    );

    app.post(
      '/api/v1/me/verify/pin',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: 'Step-up verification by PIN',
          body: z.object({ pin: Pin }).strict(),
          response: { 200: AccountProfile, ...problems },
        },
      },
      async (req) => identity.verifyWithPin(await auth(req), req.body.pin),
    );

    app.post(
      '/api/v1/me/verify/passkey/options',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: 'Step-up verification by passkey: options',
          response: { 200: AnyOptions, ...problems },
        },
      },
      async (req) => asOptions(await passkeys.verifyOptions(await auth(req))),
    );

    app.post(
      '/api/v1/me/verify/passkey',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: 'Step-up verification by passkey',
          body: z.object({ response: WebAuthnJson }).strict(),
          response: { 200: AccountProfile, ...problems },
        },
      },
      async (req) => {
        const ctx = await auth(req);
        const ok = await passkeys.checkAssertion(
          req.body.response as unknown as AuthenticationResponseJSON,
          'verify',
          ctx.accountId,
        );
        if (!ok) {
          await identity.audit(ctx, 'auth.verify.passkey', 'failure');
          throw new AppError('PASSKEY_FAILED', '刷脸验证未通过，请重试或使用密码验证。');
        }
        await identity.markVerified(ctx, 'passkey');
        return identity.profile(ctx.accountId, new Date());
      },
    );

    app.post(
      '/api/v1/me/verify/sms',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: 'SMS re-check of the own phone (enrolment only; never unlocks personal data)',
          body: z.object({ code: SmsCode }).strict(),
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        await identity.verifyWithSmsForEnrolment(await auth(req), req.body.code);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/v1/me/pin',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '设置或修改密码',
          body: SetPinInput,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        await identity.setPin(await auth(req), req.body.pin, req.body.currentPin);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/v1/me/default-login-method',
      {
        schema: {
          tags: ['identity'],
          summary: '修改默认登录方式',
          body: DefaultLoginMethodInput,
          response: { 200: AccountProfile, ...problems },
        },
      },
      async (req) => identity.setDefaultLoginMethod(await auth(req), req.body.method),
    );

    app.post(
      '/api/v1/me/passkeys/options',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '添加刷脸登录: WebAuthn creation options',
          response: { 200: AnyOptions, ...problems },
        },
      },
      async (req) => asOptions(await passkeys.registrationOptions(await auth(req))),
    );

    app.post(
      '/api/v1/me/passkeys',
      {
        config: AUTH_RATE,
        schema: {
          tags: ['identity'],
          summary: '添加刷脸登录: verify the attestation',
          body: z.object({ response: WebAuthnJson, nickname: z.string().trim().max(30).optional() }).strict(),
          response: { 201: PasskeySummary, ...problems },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await passkeys.register(
              await auth(req),
              req.body.response as unknown as RegistrationResponseJSON,
              req.body.nickname,
            ),
          ),
    );

    app.get(
      '/api/v1/me/passkeys',
      {
        schema: { tags: ['identity'], summary: 'My passkeys', response: { 200: z.array(PasskeySummary), ...problems } },
      },
      async (req) => passkeys.list(await auth(req)),
    );

    app.patch(
      '/api/v1/me/passkeys/:id',
      {
        schema: {
          tags: ['identity'],
          summary: 'Rename a passkey',
          params: z.object({ id: z.uuid('设备编号无效') }),
          body: RenamePasskeyInput,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        await passkeys.rename(await auth(req), req.params.id, req.body.nickname);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/v1/me/passkeys/:id',
      {
        schema: {
          tags: ['identity'],
          summary: 'Remove a passkey',
          params: z.object({ id: z.uuid('设备编号无效') }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        await passkeys.remove(await auth(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/me/reveal',
      {
        schema: {
          tags: ['identity'],
          summary: 'Show my unmasked name, ID number and phone (needs fresh verification)',
          response: { 200: RevealedIdentity, ...problems },
        },
      },
      async (req) => identity.reveal(await auth(req)),
    );

    app.get(
      '/api/v1/me/access-log',
      {
        schema: {
          tags: ['identity'],
          summary: '我的访问记录 (needs fresh verification)',
          response: { 200: z.array(AccessLogEntry), ...problems },
        },
      },
      async (req) => {
        const ctx = await auth(req);
        await identity.requireFreshVerification(ctx, 'access-log');
        await identity.audit(ctx, 'identity.access-log.read', 'success');
        const me = await identity.realIdentity(ctx.accountId);
        return presentAccessLog(await audit.listForSubject(ctx.accountId, 100, me?.personId), ctx.accountId);
      },
    );

    if (outbox) {
      app.get(
        '/api/v1/dev/sms-outbox',
        {
          schema: {
            tags: ['sandbox'],
            summary: 'Sandbox SMS outbox (demo mode only): the messages the sandbox gateway “sent”',
            querystring: z.object({ phone: z.string().max(20).optional() }),
            response: { 200: z.array(z.object({ phoneMasked: z.string(), text: z.string(), createdAt: z.string() })) },
          },
        },
        async (req) => outbox.read({ phone: req.query.phone }),
      );
    }
  };
