import { IssuerDirectory, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { ISSUERS } from '../wallet/issuers.js';
import type { WalletService } from '../wallet/wallet-service.js';

/**
 * 签发机构目录 for offline verification (issue 6, item 5): every issuer with certificate types — its QR code,
 * name, `iss`, JWKS address — and the ids of its status lists. A verifier page reads this while online, then
 * fetches and keeps each JWKS and each signed status list, and can verify QR codes without a network. Public
 * (keys and status lists are public already); nothing here changes how the server verifies.
 */
export const walletOfflineRoutes =
  ({ wallet, db, perMinute = 60 }: { wallet: WalletService; db: Db; perMinute?: number }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/issuers',
      {
        config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['wallet'],
          summary: '签发机构目录: issuers, their JWKS addresses and status-list ids (for offline verifiers)',
          response: { 200: IssuerDirectory, 429: Problem },
        },
      },
      async (_req, reply) => {
        const rows = await db.selectFrom('wallet_status_lists').select(['id', 'issuer_id']).orderBy('id').execute();
        reply.header('cache-control', 'public, max-age=60');
        return {
          issuers: ISSUERS.filter((i) => i.types.length > 0).map((i) => ({
            id: i.id,
            code: i.code,
            name: i.name,
            nameEn: i.nameEn,
            iss: wallet.issuerUrl(i.id),
            jwksUri: `/api/v1/issuers/${i.id}/jwks.json`,
            types: i.types,
            statusLists: rows.filter((r) => r.issuer_id === i.id).map((r) => r.id),
          })),
          statusTtlSeconds: wallet.statusLists.ttlSeconds,
        };
      },
    );
  };
