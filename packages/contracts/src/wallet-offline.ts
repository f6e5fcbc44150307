import { z } from 'zod';
import { CredentialTypeSchema } from './wallet.js';

/**
 * 我的证照 — offline verification (issue 6, item 5): what a verifier page needs to verify QR presentations
 * without a network: every issuer (its code in the QR, name, `iss`, JWKS address) and the ids of its status
 * lists, so the page can fetch and keep the JWKS and the signed status lists while it is online.
 */
export const IssuerDirectoryEntry = z
  .object({
    /** The catalog department id (URLs). */
    id: z.string(),
    /** The small integer the compact QR credential carries. */
    code: z.number().int().positive(),
    name: z.string(),
    /** The English name (the verifier page's English mode); optional: a device may hold an older copy. */
    nameEn: z.string().optional(),
    /** The issuer identifier (`iss` of SD-JWT VCs); status-list tokens carry `sub` = `<iss>/status-lists/<id>`. */
    iss: z.string(),
    jwksUri: z.string(),
    types: z.array(CredentialTypeSchema),
    /** Ids of the issuer's status lists (GET /api/v1/issuers/{id}/status-lists/{listId}). */
    statusLists: z.array(z.number().int().positive()),
  })
  .meta({ id: 'IssuerDirectoryEntry' });
export type IssuerDirectoryEntry = z.infer<typeof IssuerDirectoryEntry>;

export const IssuerDirectory = z
  .object({
    issuers: z.array(IssuerDirectoryEntry),
    /** Seconds an online verifier may keep a status list (the tokens' ttl). */
    statusTtlSeconds: z.number().int().positive(),
  })
  .meta({ id: 'IssuerDirectory', description: '签发机构目录：离线核验所需的签发机构、公钥地址与状态列表' });
export type IssuerDirectory = z.infer<typeof IssuerDirectory>;
