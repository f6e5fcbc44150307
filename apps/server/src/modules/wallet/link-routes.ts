import {
  ActingQuery,
  type CertificateLink,
  CertificateLinks,
  type CityCode,
  CREDENTIAL_TYPES,
  type CredentialType,
  credentialTypeSpec,
  LinkRequest,
  LinkResult,
  Problem,
  RefreshRequest,
  WALLET_PURPOSES,
  type WalletPurpose,
  WalletTypes,
  WalletTypesQuery,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';
import { maskName } from '../privacy/index.js';
import { issuerOfType } from './issuers.js';
import * as repo from './link-repository.js';
import { linkSummary } from './link-summary.js';
import type { IssuedCertificate, WalletService } from './wallet-service.js';

export interface WalletLinkDeps {
  wallet: WalletService;
  db: Db;
  audit: AuditLog;
  identity: IdentityService;
  delegations: DelegationService;
  catalog: CatalogService;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
  /** Anonymous GET /api/v1/wallet/types per client and minute. */
  typesPerMinute?: number;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
const LinkParams = z.object({ id: z.uuid({ error: '证照编号格式有误' }) });
const PURPOSE_ORDER = Object.keys(WALLET_PURPOSES) as WalletPurpose[];
const TYPES = () => Object.keys(CREDENTIAL_TYPES) as CredentialType[];

/** What a refreshed or re-linked batch asks of the link's current certificate: not revoked, not suspended. */
const INACTIVE_WORDS = { revoked: '已被签发机构注销', suspended: '已被暂停使用' } as const;

/**
 * 我的证照 on the citizen's account (issue 6 items 3 and 7): the certificate types, and the citizen's links —
 * link (授权关联: the department read now, a batch issued to the phone's keys), list with the status from the
 * issuer's status list, refresh (a new batch), unlink (which revokes), and 显示 (reveal, audited). The server
 * keeps the certificate id, the type and a masked summary; the phone keeps the credentials.
 */
export const walletLinkRoutes =
  (d: WalletLinkDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const catalog = () => d.catalog.current;

    /** Logged in, freshly verified, real-name, and for oneself only: a certificate is never linked for another. */
    async function openOwn(req: FastifyRequest, what: string, forDelegation: string | undefined) {
      const ctx = await d.authenticate(req);
      await d.identity.requireFreshVerification(ctx, what);
      if (forDelegation) {
        // Someone else's or an unknown delegation: 404 as everywhere. One's own: no delegation covers 我的证照.
        await d.delegations.authorise(ctx, forDelegation, what);
        throw new AppError('DELEGATION_INACTIVE', '我的证照仅限本人关联和出示，不能为他人办理。');
      }
      const me = await d.identity.realIdentity(ctx.accountId);
      if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再关联证照。');
      return { ctx, me, subject: { self: true, nameMasked: maskName(me.name) } };
    }

    /** The catalog's words when the city does not offer the type's service (暂不支持东莞、惠州、揭阳 …). */
    function requireOffered(type: CredentialType, city: CityCode) {
      const spec = credentialTypeSpec(type);
      const detail = catalog().detail(spec.serviceId, city);
      if (detail && !detail.available) {
        const cityName = catalog().cities.find((c) => c.code === city)?.name ?? city;
        throw new AppError(
          'SERVICE_NOT_IN_CITY',
          `${spec.name}${detail.unavailableReason ?? '暂不支持当前城市'}，当前城市为${cityName}。`,
        );
      }
    }

    const audit = (
      opened: { ctx: AuthContext },
      action: string,
      type: CredentialType,
      result: 'success' | 'failure',
      extra: Record<string, unknown> = {},
    ) =>
      d.audit.record({
        action,
        result,
        actorKind: 'citizen',
        actorAccountId: opened.ctx.accountId,
        subjectAccountId: opened.ctx.accountId,
        detail: { what: credentialTypeSpec(type).name, type, ...extra },
        requestId: opened.ctx.requestId,
      });

    const present = (row: repo.LinkRow): CertificateLink => {
      const type = row.credential_type as CredentialType;
      const issuer = issuerOfType(type);
      return {
        id: row.id,
        type,
        typeName: credentialTypeSpec(type).name,
        typeNameEn: credentialTypeSpec(type).nameEn,
        issuer: { id: issuer.id, name: issuer.name, nameEn: issuer.nameEn },
        certificateId: row.certificate_id,
        summary: row.summary,
        status: row.status,
        linkedAt: row.linked_at.toISOString(),
        issuedAt: row.issued_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
      };
    };

    const batchOf = (issued: IssuedCertificate) => ({
      certificateId: issued.certificateId,
      issuedAt: issued.issuedAt,
      expiresAt: issued.expiresAt,
      credentials: issued.credentials.map((c) => ({
        sdJwt: c.sdJwt,
        compact: c.compact,
        holderKeyThumbprint: c.holderKeyThumbprint,
      })),
    });

    const sourceOf = (type: CredentialType, at: string) => ({ department: issuerOfType(type).name, updatedAt: at });

    /** Issue a batch for a link (new or refreshed); failures are audited with the department's words. */
    async function issueFor(
      opened: Awaited<ReturnType<typeof openOwn>>,
      action: string,
      type: CredentialType,
      body: { holderKeys: unknown[]; city: CityCode },
    ) {
      try {
        return await d.wallet.issue({
          type,
          idNumber: opened.me.idNumber,
          holderKeys: body.holderKeys,
          city: body.city,
        });
      } catch (err) {
        if (err instanceof AppError && err.code !== 'WALLET_HOLDER_KEY_INVALID') {
          await audit(opened, action, type, 'failure', { reason: err.code });
        }
        throw err;
      }
    }

    app.get(
      '/api/v1/wallet/types',
      {
        config: { rateLimit: { max: d.typesPerMinute ?? 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['wallet'],
          summary: '可关联的证照: every certificate type, its issuer, and whether the chosen city offers it',
          querystring: WalletTypesQuery,
          response: { 200: WalletTypes, 400: Problem, 429: Problem },
        },
      },
      async (req) => ({
        types: TYPES().map((type) => {
          const spec = credentialTypeSpec(type);
          const issuer = issuerOfType(type);
          const detail = catalog().detail(spec.serviceId, req.query.city);
          return {
            type,
            name: spec.name,
            nameEn: spec.nameEn,
            issuer: { id: issuer.id, name: issuer.name, nameEn: issuer.nameEn },
            serviceId: spec.serviceId,
            available: detail?.available ?? true,
            unavailableReason: detail && !detail.available ? (detail.unavailableReason ?? '暂不支持当前城市') : null,
            unavailableReasonEn:
              detail && !detail.available ? (detail.unavailableReasonEn ?? 'Not offered in the current city') : null,
            keywords: catalog().findService(spec.serviceId)?.keywords ?? [],
            purposes: PURPOSE_ORDER.filter((p) => spec.profiles[p]),
          };
        }),
      }),
    );

    app.get(
      '/api/v1/me/certificates',
      {
        schema: {
          tags: ['wallet', 'personal'],
          summary: '我的证照: the linked certificates with their status from the issuers’ status lists',
          querystring: ActingQuery,
          response: { 200: CertificateLinks, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await openOwn(req, 'wallet.list', req.query.for);
        reply.header('cache-control', 'no-store');
        return {
          subject: opened.subject,
          links: (await repo.listLinks(d.db, opened.ctx.accountId)).map(present),
          source: { department: '我的证照', updatedAt: new Date().toISOString() },
        };
      },
    );

    app.post(
      '/api/v1/me/certificates',
      {
        schema: {
          tags: ['wallet', 'personal'],
          summary:
            '授权关联: read the issuing department now and issue a batch to the phone’s keys (fresh verification; audited wallet.link)',
          querystring: ActingQuery,
          body: LinkRequest,
          response: { 200: LinkResult, 201: LinkResult, ...problems },
        },
      },
      async (req, reply) => {
        const { type, city } = req.body;
        const opened = await openOwn(req, 'wallet.link', req.query.for);
        requireOffered(type, city);
        const existing = await repo.findLinkByType(d.db, opened.ctx.accountId, type);
        if (existing && (existing.status === 'revoked' || existing.status === 'suspended')) {
          // A new batch must not lift what the issuer decided: the same as a refresh.
          throw new AppError(
            'WALLET_CERTIFICATE_INACTIVE',
            `您的${credentialTypeSpec(type).name}${INACTIVE_WORDS[existing.status]}，暂不能更新。`,
          );
        }
        const issued = await issueFor(opened, 'wallet.link', type, req.body);
        const summary = linkSummary(type, (issued.credentials[0] as { compact: string }).compact);
        let linkId: string | undefined;
        if (existing) {
          // Linked before (e.g. a new phone): the link gets the new batch, the old one is revoked.
          if (
            await repo.replaceCertificate(d.db, {
              linkId: existing.id,
              previous: existing.certificate_id,
              certificateId: issued.certificateId,
              summary,
            })
          ) {
            linkId = existing.id;
            await d.wallet.revoke(existing.certificate_id);
          }
        } else {
          linkId = await repo.insertLink(d.db, {
            accountId: opened.ctx.accountId,
            type,
            certificateId: issued.certificateId,
            summary,
          });
        }
        if (!linkId) {
          // Another request of this account linked the type meanwhile: this batch is for nothing.
          await d.wallet.revoke(issued.certificateId);
          throw new AppError('WALLET_LINK_CONFLICT', '该证照正在关联，请稍后刷新页面。');
        }
        await audit(opened, 'wallet.link', type, 'success', { certificateId: issued.certificateId });
        const row = await repo.findLink(d.db, opened.ctx.accountId, linkId);
        if (!row) throw new AppError('WALLET_LINK_NOT_FOUND', '找不到该证照。');
        reply.code(existing ? 200 : 201).header('cache-control', 'no-store');
        return {
          subject: opened.subject,
          link: present(row),
          batch: batchOf(issued),
          source: sourceOf(type, issued.issuedAt),
        };
      },
    );

    app.post(
      '/api/v1/me/certificates/:id/refresh',
      {
        schema: {
          tags: ['wallet', 'personal'],
          summary:
            '更新证照: a new batch for the same certificate type (the phone runs low, or the batch nears its end); the previous batch is revoked',
          params: LinkParams,
          querystring: ActingQuery,
          body: RefreshRequest,
          response: { 200: LinkResult, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await openOwn(req, 'wallet.refresh', req.query.for);
        const link = await repo.findLink(d.db, opened.ctx.accountId, req.params.id);
        if (!link) throw new AppError('WALLET_LINK_NOT_FOUND', '找不到该证照，请返回我的证照重新查看。');
        const type = link.credential_type as CredentialType;
        if (link.status === 'revoked' || link.status === 'suspended') {
          throw new AppError(
            'WALLET_CERTIFICATE_INACTIVE',
            `您的${credentialTypeSpec(type).name}${INACTIVE_WORDS[link.status]}，暂不能更新。`,
          );
        }
        requireOffered(type, req.body.city);
        const issued = await issueFor(opened, 'wallet.refresh', type, req.body);
        const summary = linkSummary(type, (issued.credentials[0] as { compact: string }).compact);
        const moved = await repo.replaceCertificate(d.db, {
          linkId: link.id,
          previous: link.certificate_id,
          certificateId: issued.certificateId,
          summary,
        });
        // The batch that lost a race, or the one replaced: only the link's current batch stays valid.
        await d.wallet.revoke(moved ? link.certificate_id : issued.certificateId);
        if (!moved) throw new AppError('WALLET_LINK_CONFLICT', '该证照刚刚已更新，请刷新页面。');
        await audit(opened, 'wallet.refresh', type, 'success', { certificateId: issued.certificateId });
        const row = await repo.findLink(d.db, opened.ctx.accountId, link.id);
        if (!row) throw new AppError('WALLET_LINK_NOT_FOUND', '找不到该证照。');
        reply.header('cache-control', 'no-store');
        return {
          subject: opened.subject,
          link: present(row),
          batch: batchOf(issued),
          source: sourceOf(type, issued.issuedAt),
        };
      },
    );

    app.post(
      '/api/v1/me/certificates/:id/reveal',
      {
        schema: {
          tags: ['wallet', 'personal'],
          summary:
            '显示: the citizen shows a certificate’s personal numbers on their phone (fresh verification; audited wallet.reveal). The numbers stay on the phone.',
          params: LinkParams,
          querystring: ActingQuery,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        const opened = await openOwn(req, 'wallet.reveal', req.query.for);
        const link = await repo.findLink(d.db, opened.ctx.accountId, req.params.id);
        if (!link) throw new AppError('WALLET_LINK_NOT_FOUND', '找不到该证照，请返回我的证照重新查看。');
        await audit(opened, 'wallet.reveal', link.credential_type as CredentialType, 'success');
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/v1/me/certificates/:id',
      {
        schema: {
          tags: ['wallet', 'personal'],
          summary: '解除关联: the link ends and every certificate issued to it is revoked (audited wallet.unlink)',
          params: LinkParams,
          querystring: ActingQuery,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        const opened = await openOwn(req, 'wallet.unlink', req.query.for);
        const link = await repo.findLink(d.db, opened.ctx.accountId, req.params.id);
        const certificates = await repo.unlink(d.db, opened.ctx.accountId, req.params.id);
        if (!link || !certificates)
          throw new AppError('WALLET_LINK_NOT_FOUND', '找不到该证照，请返回我的证照重新查看。');
        // A copy of the batch (a lost phone, a backup) must not stay usable: unlinking revokes.
        for (const id of certificates) await d.wallet.revoke(id);
        await audit(opened, 'wallet.unlink', link.credential_type as CredentialType, 'success');
        return reply.code(204).send(null);
      },
    );
  };
