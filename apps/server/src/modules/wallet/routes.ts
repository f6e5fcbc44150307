import { Problem, Verdict, VerifyRequest } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import { issuerById } from './issuers.js';
import type { WalletService } from './wallet-service.js';

const Jwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});
const Jwks = z.object({ keys: z.array(Jwk) }).meta({ id: 'IssuerJwks', description: 'JSON Web Key Set (RFC 7517)' });
const IssuerParams = z.object({ issuerId: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '签发机构编号有误') });

function knownIssuer(id: string) {
  const issuer = issuerById(id);
  if (!issuer || issuer.types.length === 0) throw new AppError('NOT_FOUND', '没有这个签发机构。');
  return issuer;
}

/**
 * 我的证照's public routes: the issuers' keys (JWKS, and SD-JWT VC issuer metadata at the well-known URL),
 * their status lists, and POST /api/v1/verify for verifiers and integrators (anonymous, rate-limited).
 */
export const walletRoutes =
  ({ wallet, verifyPerMinute = 120 }: { wallet: WalletService; verifyPerMinute?: number }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/issuers/:issuerId/jwks.json',
      {
        schema: {
          tags: ['wallet'],
          summary: '签发机构公钥 (JWKS): the current and the retired ES256 keys of an issuer',
          params: IssuerParams,
          response: { 200: Jwks, 400: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const issuer = knownIssuer(req.params.issuerId);
        reply.header('cache-control', 'public, max-age=300');
        return wallet.keys.jwks(issuer.id);
      },
    );

    app.get(
      '/.well-known/jwt-vc-issuer/api/v1/issuers/:issuerId',
      {
        schema: {
          tags: ['wallet'],
          summary: 'SD-JWT VC issuer metadata: the issuer identifier and its JWKS',
          params: IssuerParams,
          response: { 200: z.object({ issuer: z.string(), jwks: Jwks }), 400: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const issuer = knownIssuer(req.params.issuerId);
        reply.header('cache-control', 'public, max-age=300');
        return { issuer: wallet.issuerUrl(issuer.id), jwks: await wallet.keys.jwks(issuer.id) };
      },
    );

    app.get(
      '/api/v1/issuers/:issuerId/status-lists/:listId',
      {
        schema: {
          tags: ['wallet'],
          summary: '证照状态列表: the signed Token Status List (application/statuslist+jwt, 2 bits per credential)',
          params: IssuerParams.extend({
            listId: z.coerce
              .number()
              .int()
              .min(1)
              .max(2 ** 31 - 1),
          }),
          response: { 200: z.string(), 400: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const issuer = knownIssuer(req.params.issuerId);
        const token = await wallet.statusLists.token(issuer.id, req.params.listId);
        if (!token) throw new AppError('NOT_FOUND', '没有这个状态列表。');
        reply.header('cache-control', `public, max-age=${Math.floor(wallet.statusLists.ttlSeconds / 2)}`);
        reply.type('application/statuslist+jwt');
        return token;
      },
    );

    app.post(
      '/api/v1/verify',
      {
        config: { rateLimit: { max: verifyPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['wallet'],
          summary:
            '证照核验: a scanned QR (YSS1:…) or an SD-JWT VC presentation → valid | invalid | revoked | suspended | expired',
          body: VerifyRequest,
          response: { 200: Verdict, 400: Problem, 413: Problem, 415: Problem, 429: Problem },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return wallet.verify(req.body.payload, {
          nonce: req.body.nonce,
          purpose: req.body.purpose,
          audience: req.body.audience,
          city: req.body.city,
        });
      },
    );
  };
