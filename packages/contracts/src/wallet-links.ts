import { z } from 'zod';
import { CITY_CODES } from './cities.js';
import { RecordSource, RecordSubject } from './lookups.js';
import { CredentialTypeSchema, WalletPurposeSchema } from './wallet.js';

/**
 * 我的证照 on the citizen's account (issue 6 items 3 and 7): which certificate types exist and where, the
 * citizen's links (one per type), and the batches the phone keeps. The server never stores a certificate's
 * content: a link holds the certificate id, the type and a masked summary.
 */

const City = z.enum(CITY_CODES, { error: '请选择广东省的地级市' });

/** The issuing department: its catalog id and name, in Chinese and in English (the catalog's `nameEn`). */
const IssuerRef = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });

export const WalletTypesQuery = z.object({ city: City }).strict();

export const WalletTypeInfo = z
  .object({
    type: CredentialTypeSchema,
    name: z.string(),
    /** The type's English name (the app's English mode). */
    nameEn: z.string(),
    issuer: IssuerRef,
    /** The catalog service of the type (its page, notes and city rule). */
    serviceId: z.string(),
    /** Offered in the chosen city (the catalog's rule of the service). */
    available: z.boolean(),
    /** The catalog's words when not offered (暂不支持东莞、惠州、揭阳 …). */
    unavailableReason: z.string().nullable(),
    unavailableReasonEn: z.string().nullable(),
    /** Search words from the catalog (电子驾照, 网证 …). */
    keywords: z.array(z.string()),
    /** The purposes this type can be shown for, in the order to offer them. */
    purposes: z.array(WalletPurposeSchema),
  })
  .meta({ id: 'WalletTypeInfo' });
export type WalletTypeInfo = z.infer<typeof WalletTypeInfo>;

export const WalletTypes = z.object({ types: z.array(WalletTypeInfo) }).meta({ id: 'WalletTypes' });
export type WalletTypes = z.infer<typeof WalletTypes>;

export const LINK_STATUSES = ['valid', 'suspended', 'revoked', 'expired'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** The masked summary a link keeps (never the claims): the holder's name and the document's number. */
export const LinkSummary = z.object({
  holderNameMasked: z.string(),
  /** The label of the document's number (公民身份号码, 证号 …), null when the type has none. */
  numberLabel: z.string().nullable(),
  numberMasked: z.string().nullable(),
});
export type LinkSummary = z.infer<typeof LinkSummary>;

export const CertificateLink = z
  .object({
    id: z.uuid(),
    type: CredentialTypeSchema,
    typeName: z.string(),
    typeNameEn: z.string(),
    issuer: IssuerRef,
    /** The current certificate (a new one after each refresh). */
    certificateId: z.uuid(),
    summary: LinkSummary,
    /** From the issuer's status list; `expired` once the current batch is past its end. */
    status: z.enum(LINK_STATUSES),
    linkedAt: z.string(),
    /** When the current batch was issued. */
    issuedAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'CertificateLink', description: '我的证照: one linked certificate' });
export type CertificateLink = z.infer<typeof CertificateLink>;

export const CertificateLinks = z
  .object({ subject: RecordSubject, links: z.array(CertificateLink), source: RecordSource })
  .meta({ id: 'CertificateLinks' });
export type CertificateLinks = z.infer<typeof CertificateLinks>;

/** A P-256 public JWK made on the phone (the private key never leaves it). */
export const HolderPublicJwk = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().max(64), y: z.string().max(64) })
  .loose();

export const LinkRequest = z
  .object({
    type: CredentialTypeSchema,
    holderKeys: z.array(HolderPublicJwk).min(1, '请提供持证设备公钥').max(20, '一批最多20个持证设备公钥'),
    city: City,
  })
  .strict();
export type LinkRequest = z.infer<typeof LinkRequest>;

export const RefreshRequest = LinkRequest.omit({ type: true });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const IssuedBatch = z.object({
  certificateId: z.uuid(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  /** One per holder key, in the order of the keys sent. */
  credentials: z.array(z.object({ sdJwt: z.string(), compact: z.string(), holderKeyThumbprint: z.string() })),
});
export type IssuedBatch = z.infer<typeof IssuedBatch>;

export const LinkResult = z
  .object({ subject: RecordSubject, link: CertificateLink, batch: IssuedBatch, source: RecordSource })
  .meta({ id: 'CertificateLinkResult', description: '授权关联 / 更新证照: the link and the batch the phone keeps' });
export type LinkResult = z.infer<typeof LinkResult>;
