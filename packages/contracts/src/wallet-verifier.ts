import { z } from 'zod';
import { ActingQuery, RecordSource, RecordSubject } from './lookups.js';
import { VERDICTS, Verdict, type WalletPurpose } from './wallet.js';

/**
 * 我的证照 — verifiers (issue 6, item 5): verifier organisations (hotels, police, employers, coach stations),
 * the check-ins their staff record, the citizen's verification log (核验记录) and the console's status changes.
 */

/** The kinds of verifier organisation, each with the purpose (核验场景) its check-ins verify for. */
export const VERIFIER_KINDS = {
  hotel: { name: '酒店', purpose: 'hotel' },
  police: { name: '公安机关', purpose: 'police' },
  employer: { name: '用人单位', purpose: 'employer' },
  'coach-station': { name: '客运站', purpose: 'coach-station' },
} as const satisfies Record<string, { name: string; purpose: WalletPurpose }>;
export type VerifierKind = keyof typeof VERIFIER_KINDS;
export const VerifierKindSchema = z.enum(Object.keys(VERIFIER_KINDS) as [VerifierKind, ...VerifierKind[]]);

/** The verifier's nonce of the two-way (police) flow, shown as a QR with this prefix. */
export const WALLET_NONCE_PREFIX = 'YSSN1:';

export const VERDICT_NAMES: Record<(typeof VERDICTS)[number], string> = {
  valid: '有效',
  invalid: '无效',
  revoked: '已注销',
  suspended: '已暂停',
  expired: '已过期',
};

export const VerifierOrganisation = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: VerifierKindSchema,
    kindName: z.string(),
    cityCode: z.string(),
    cityName: z.string(),
    /** The purpose every check-in of this organisation verifies for. */
    purpose: z.object({ id: z.string(), name: z.string() }),
    /** A hotel's star rating (1–5); null for an unrated hotel and for every other kind. */
    starRating: z.number().int().min(1).max(5).nullable(),
  })
  .meta({ id: 'VerifierOrganisation', description: '核验单位' });
export type VerifierOrganisation = z.infer<typeof VerifierOrganisation>;

/** A hotel's star rating as Chinese writes it before 星级 (2 → 二). */
export const starsInChinese = (stars: number): string => '一二三四五'[stars - 1] ?? String(stars);

/** The guide's star rating from which a hotel may check guests in with the 居民身份电子凭证. */
export const E_ID_HOTEL_MIN_STARS = 3;

/**
 * Why this organisation may not verify a credential of this type, or null when it may. The guide (我的证照 FAQ):
 * 居民身份电子凭证可支持在广东省内三星级及以上酒店入住扫码验证 — so a hotel below three stars, or unrated, does not check
 * guests in with the e-ID (they show the ID card itself). Other credentials a hotel may verify (护照, 出生医学证明 for a
 * child) are not limited by the guide. The server applies it to every check-in, online and uploaded; the verifier page
 * offline too.
 */
export function venueRefusal(
  organisation: { kind: VerifierKind; starRating: number | null },
  credentialType: string | null | undefined,
): string | null {
  if (organisation.kind !== 'hotel' || credentialType !== 'resident-id') return null;
  if ((organisation.starRating ?? 0) >= E_ID_HOTEL_MIN_STARS) return null;
  const rating = organisation.starRating === null ? '未评定星级' : `为${starsInChinese(organisation.starRating)}星级`;
  return `居民身份电子凭证目前支持在广东省内三星级及以上酒店入住扫码核验，本店${rating}，暂不支持。请查验旅客的居民身份证原件办理入住。`;
}

export const VerifierProfile = z
  .object({ displayName: z.string(), organisation: VerifierOrganisation })
  .meta({ id: 'VerifierProfile', description: '当前登录的核验人员及其核验单位' });
export type VerifierProfile = z.infer<typeof VerifierProfile>;

export const CheckInRequest = z
  .object({
    /** The scanned QR text (YSS1:…) or an SD-JWT VC presentation. */
    payload: z.string().max(8192, '内容过长'),
    /** The verifier's own nonce (two-way flow; required for police). */
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{11,43}$/, '随机数格式有误')
      .optional(),
  })
  .strict()
  .meta({ id: 'CheckInRequest' });
export type CheckInRequest = z.infer<typeof CheckInRequest>;

export const CheckInResult = z
  .object({
    checkIn: z.object({ id: z.string(), recordedAt: z.string(), organisation: VerifierOrganisation }),
    result: Verdict,
  })
  .meta({ id: 'CheckInResult', description: '核验登记结果' });
export type CheckInResult = z.infer<typeof CheckInResult>;

/**
 * Offline check-ins are accepted for this long after the device verified them (the verifier page uploads its
 * queue as soon as it is online; a device offline for more than three days re-scans instead).
 */
export const OFFLINE_CHECK_IN_MAX_AGE_HOURS = 72;
/** A device clock ahead of the server's by up to this much is not "in the future". */
export const OFFLINE_CHECK_IN_CLOCK_SKEW_SECONDS = 60;

export const OfflineCheckInRequest = z
  .object({
    payload: CheckInRequest.shape.payload,
    nonce: CheckInRequest.shape.nonce,
    /** When the device verified it (ISO 8601): the holder-signed iat must be within ±90 s of it. */
    verifiedAt: z.iso.datetime({ offset: true, error: '核验时间格式有误' }),
    /** What the device's offline verifier said, kept next to the server's verdict. */
    device: z
      .object({
        verdict: z.enum(VERDICTS),
        reasonCode: z.string().regex(/^[a-z0-9-]{1,40}$/, '核验结果代码有误'),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'OfflineCheckInRequest', description: '离线核验登记: a check made without a network, uploaded later' });
export type OfflineCheckInRequest = z.infer<typeof OfflineCheckInRequest>;

export const OfflineCheckInResult = z
  .object({
    checkIn: z.object({
      id: z.string(),
      /** When the device verified it. */
      verifiedAt: z.string(),
      /** When the server recorded it. */
      recordedAt: z.string(),
      organisation: VerifierOrganisation,
    }),
    /** The server's verdict: the signatures again, iat against verifiedAt, the status as the server knows it. */
    result: Verdict,
    device: z.object({ verdict: z.enum(VERDICTS), reasonCode: z.string() }),
    /** True when this presentation had been recorded for the organisation already (nothing new was stored). */
    duplicate: z.boolean(),
  })
  .meta({ id: 'OfflineCheckInResult', description: '离线核验登记结果' });
export type OfflineCheckInResult = z.infer<typeof OfflineCheckInResult>;

export const VerificationLogEntry = z.object({
  id: z.string(),
  checkedAt: z.string(),
  /** 离线核验: verified on the verifier's device without a network and recorded when it was back online. */
  offline: z.boolean(),
  certificate: z.object({ id: z.string(), type: z.string(), typeName: z.string() }),
  organisation: z.object({ name: z.string(), kindName: z.string(), cityName: z.string() }),
  purpose: z.object({ id: z.string(), name: z.string() }),
  verdict: z.enum(VERDICTS),
  verdictName: z.string(),
});
export type VerificationLogEntry = z.infer<typeof VerificationLogEntry>;

/**
 * 核验记录's query: `certificate` narrows it to one certificate of 我的证照 — the id of `/me/certificates/:id` (the
 * link), every batch it has had (the first and each 更新).
 */
export const VerificationLogQuery = ActingQuery.extend({
  certificate: z.uuid({ error: '证照编号格式有误' }).optional(),
});
export type VerificationLogQuery = z.infer<typeof VerificationLogQuery>;

export const VerificationLog = z
  .object({ subject: RecordSubject, verifications: z.array(VerificationLogEntry), source: RecordSource })
  .meta({
    id: 'WalletVerificationLog',
    description: '核验记录: who verified which of my certificates, when, for what',
  });
export type VerificationLog = z.infer<typeof VerificationLog>;

export const CERTIFICATE_STATUS_NAMES = { valid: '正常', revoked: '已注销', suspended: '已暂停使用' } as const;
export type CertificateStatusName = keyof typeof CERTIFICATE_STATUS_NAMES;

export const ConsoleCertificateSearch = z
  .object({
    idNumber: z
      .string()
      .trim()
      .regex(/^\d{17}[\dXx]$/, '请输入18位公民身份号码'),
  })
  .strict();

export const ConsoleCertificate = z.object({
  id: z.string(),
  type: z.string(),
  typeName: z.string(),
  issuer: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(['valid', 'revoked', 'suspended']),
  statusName: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  statusChangedAt: z.string().nullable(),
});
export type ConsoleCertificate = z.infer<typeof ConsoleCertificate>;

export const ConsoleCertificateList = z
  .object({ idNumberMasked: z.string(), certificates: z.array(ConsoleCertificate) })
  .meta({ id: 'ConsoleCertificateList' });
export type ConsoleCertificateList = z.infer<typeof ConsoleCertificateList>;

export const ConsoleCertificateStatusInput = z
  .object({
    action: z.enum(['revoke', 'suspend', 'reinstate']),
    reason: z.string().trim().min(2, '请填写原因（至少2个字）').max(200, '原因不超过200字'),
  })
  .strict();
export type ConsoleCertificateStatusInput = z.infer<typeof ConsoleCertificateStatusInput>;
