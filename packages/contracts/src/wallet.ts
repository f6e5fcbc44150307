import { z } from 'zod';
import { CITY_CODES } from './cities.js';

/**
 * 我的证照 (issue 6): the e-certificate types, their claim schemas, and the verification verdict.
 *
 * A credential type is data: a claim schema (zod), the claims' Chinese labels, the integer key of each claim
 * in the compact QR credential (CBOR), the claims that are dates (carried as YYYYMMDD integers in CBOR), and
 * the disclosure profiles (which claims each kind of verifier sees). Adding a type of issue 6 is one more
 * entry here plus, on the server, a mapping from the issuing department's record
 * (apps/server/src/modules/wallet/credential-sources.ts). Browser-safe: the citizen app and the verifier page
 * use the labels and profiles to show what is disclosed.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** Verifier purposes (核验场景), each with a small integer code carried in the holder-signed part of the QR. */
export const WALLET_PURPOSES = {
  hotel: { code: 1, name: '酒店入住' },
  police: { code: 2, name: '民警查验' },
  employer: { code: 3, name: '用人单位' },
  'coach-station': { code: 4, name: '客运站实名核验' },
} as const;
export type WalletPurpose = keyof typeof WALLET_PURPOSES;
export const WalletPurposeSchema = z.enum(Object.keys(WALLET_PURPOSES) as [WalletPurpose, ...WalletPurpose[]]);

/** 居民身份电子凭证: claims from the population register (公安户政). */
export const ResidentIdClaims = z
  .object({
    name: z.string().min(1).max(40),
    sex: z.enum(['male', 'female']),
    birthDate: IsoDate,
    idNumber: z.string().regex(/^\d{17}[\dX]$/),
    /** The last four characters of the ID number, disclosable on their own (hotel check-in). */
    idNumberLast4: z.string().regex(/^\d{3}[\dX]$/),
    /** 户籍地址 */
    address: z.string().max(120),
    /**
     * Reference to the register's portrait (a 16-byte digest, base64url), never the image. Absent while the
     * register holds no portrait (the sandbox register has none).
     */
    photoRef: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22}$/)
      .optional(),
    /** Validity of the e-credential (the sandbox register holds no ID-card dates: see docs/wallet.md). */
    validFrom: IsoDate,
    validUntil: IsoDate,
  })
  .strict()
  .meta({ id: 'ResidentIdClaims', description: '居民身份电子凭证' });
export type ResidentIdClaims = z.infer<typeof ResidentIdClaims>;

/** 驾驶证: claims from the traffic-management system (交管). */
export const DrivingLicenceClaims = z
  .object({
    name: z.string().min(1).max(40),
    /** 驾驶证号 (the holder's ID number) */
    licenceNumber: z.string().regex(/^\d{17}[\dX]$/),
    /** 准驾车型 */
    licenceClass: z.string().regex(/^[A-Z]\d?$/),
    /** 驾驶证状态 at issuance (normal, over-points, overdue-renewal, suspended); later changes: the status list */
    licenceStatus: z.enum(['normal', 'over-points', 'overdue-renewal', 'suspended']),
    firstIssuedOn: IsoDate,
    validFrom: IsoDate,
    /** null = 长期 */
    validUntil: IsoDate.nullable(),
    issuedBy: z.string().max(60),
    archiveNumber: z.string().max(20),
  })
  .strict()
  .meta({ id: 'DrivingLicenceClaims', description: '驾驶证' });
export type DrivingLicenceClaims = z.infer<typeof DrivingLicenceClaims>;

export interface CredentialTypeSpec<S extends z.ZodObject = z.ZodObject> {
  /** Small integer carried in the QR credential. Never reused. */
  code: number;
  /** SD-JWT VC `vct` */
  vct: string;
  /** The guide's name */
  name: string;
  /** The catalog service (我的证照 entry) of this type: the city rule of that service applies. */
  serviceId: string;
  /** The catalog department that issues it (and signs it: the issuer). */
  issuerDepartment: string;
  claims: S;
  /** Integer key of each claim in CBOR; never renumber. */
  claimKeys: Record<keyof z.infer<S> & string, number>;
  labels: Record<keyof z.infer<S> & string, string>;
  /** Claims holding YYYY-MM-DD dates: carried as YYYYMMDD integers in CBOR. */
  dateClaims: readonly (keyof z.infer<S> & string)[];
  /** What each kind of verifier is shown; a purpose missing here cannot be presented with this type. */
  profiles: Partial<Record<WalletPurpose, readonly (keyof z.infer<S> & string)[]>>;
  /** Enum-valued claims shown in Chinese. */
  valueNames?: Partial<Record<keyof z.infer<S> & string, Record<string, string>>>;
}

function defineCredentialType<S extends z.ZodObject>(spec: CredentialTypeSpec<S>): CredentialTypeSpec<S> {
  return spec;
}

export const CREDENTIAL_TYPES = {
  'resident-id': defineCredentialType({
    code: 1,
    vct: 'urn:yss:credential:resident-id:1',
    name: '居民身份电子凭证',
    serviceId: 'zz-jumin-shenfen-dianzi-pingzheng',
    issuerDepartment: 'gd-public-security',
    claims: ResidentIdClaims,
    claimKeys: {
      name: 1,
      sex: 2,
      birthDate: 3,
      idNumber: 4,
      idNumberLast4: 5,
      address: 6,
      photoRef: 7,
      validFrom: 8,
      validUntil: 9,
    },
    labels: {
      name: '姓名',
      sex: '性别',
      birthDate: '出生日期',
      idNumber: '公民身份号码',
      idNumberLast4: '身份号码后4位',
      address: '住址',
      photoRef: '照片',
      validFrom: '有效期起',
      validUntil: '有效期至',
    },
    dateClaims: ['birthDate', 'validFrom', 'validUntil'],
    profiles: {
      hotel: ['name', 'photoRef', 'idNumberLast4', 'validFrom', 'validUntil'],
      'coach-station': ['name', 'photoRef', 'idNumberLast4', 'validUntil'],
      employer: ['name', 'sex', 'birthDate', 'idNumber', 'validUntil'],
      police: ['name', 'sex', 'birthDate', 'idNumber', 'photoRef', 'validUntil'],
    },
    valueNames: { sex: { male: '男', female: '女' } },
  }),
  'driving-licence': defineCredentialType({
    code: 2,
    vct: 'urn:yss:credential:driving-licence:1',
    name: '驾驶证',
    serviceId: 'zz-jiashizheng',
    issuerDepartment: 'gd-traffic-police',
    claims: DrivingLicenceClaims,
    claimKeys: {
      name: 1,
      licenceNumber: 2,
      licenceClass: 3,
      licenceStatus: 4,
      firstIssuedOn: 5,
      validFrom: 6,
      validUntil: 7,
      issuedBy: 8,
      archiveNumber: 9,
    },
    labels: {
      name: '姓名',
      licenceNumber: '证号',
      licenceClass: '准驾车型',
      licenceStatus: '驾驶证状态',
      firstIssuedOn: '初次领证日期',
      validFrom: '有效期起始日期',
      validUntil: '有效期至',
      issuedBy: '发证机关',
      archiveNumber: '档案编号',
    },
    dateClaims: ['firstIssuedOn', 'validFrom', 'validUntil'],
    profiles: {
      police: ['name', 'licenceClass', 'licenceStatus', 'validUntil'],
      employer: ['name', 'licenceClass', 'licenceStatus', 'firstIssuedOn', 'validUntil'],
    },
    valueNames: {
      licenceStatus: { normal: '正常', 'over-points': '超分', 'overdue-renewal': '逾期未换证', suspended: '暂扣' },
    },
  }),
} as const;
export type CredentialType = keyof typeof CREDENTIAL_TYPES;
export const CredentialTypeSchema = z.enum(Object.keys(CREDENTIAL_TYPES) as [CredentialType, ...CredentialType[]]);

/** The type spec of a type, widened (for code that handles every type alike). */
export function credentialTypeSpec(type: CredentialType): CredentialTypeSpec {
  return CREDENTIAL_TYPES[type] as unknown as CredentialTypeSpec;
}

/** The type whose integer code this is, if any. */
export function credentialTypeByCode(code: unknown): CredentialType | undefined {
  return (Object.keys(CREDENTIAL_TYPES) as CredentialType[]).find((t) => CREDENTIAL_TYPES[t].code === code);
}

/** Prefix of the compact QR presentation (base45 follows). Our own: not the EU's "HC1:". */
export const WALLET_QR_PREFIX = 'YSS1:';

export const VERDICTS = ['valid', 'invalid', 'revoked', 'suspended', 'expired'] as const;
export type VerdictKind = (typeof VERDICTS)[number];

export const VerifyRequest = z
  .object({
    /** The scanned QR text (YSS1:…) or an SD-JWT VC presentation with key binding (…~kb-jwt). */
    payload: z.string().max(8192, '内容过长'),
    /** The verifier's own fresh nonce (two-way flow, base64url, 8–32 bytes); required for SD-JWT VC. */
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{11,43}$/, '随机数格式有误')
      .optional(),
    /** The verifier's purpose: a presentation made for another purpose is refused. */
    purpose: WalletPurposeSchema.optional(),
    /** The SD-JWT VC key-binding audience the verifier expects. */
    audience: z.string().max(200).optional(),
    /** City (GB/T 2260) of the verifier: a type the city does not offer is refused. */
    city: z.enum(CITY_CODES, { error: '城市代码有误' }).optional(),
  })
  .strict();
export type VerifyRequest = z.infer<typeof VerifyRequest>;

export const DisclosedClaim = z.object({
  claim: z.string(),
  label: z.string(),
  value: z.union([z.string(), z.null()]),
  /** The value as shown (dates as they are, enums in Chinese, null as 长期). */
  display: z.string(),
});
export type DisclosedClaim = z.infer<typeof DisclosedClaim>;

export const Verdict = z
  .object({
    verdict: z.enum(VERDICTS),
    /** Why, in Chinese (also for 'valid'). */
    reason: z.string(),
    /** A stable code for programs: ok, malformed, unknown-issuer, bad-signature, expired, … */
    reasonCode: z.string(),
    /** Known only once the issuer's signature is checked. */
    issuer: z.object({ id: z.string(), name: z.string() }).nullable(),
    credentialType: z.object({ id: z.string(), name: z.string() }).nullable(),
    purpose: z.object({ id: z.string(), name: z.string() }).nullable(),
    format: z.enum(['qr', 'sd-jwt-vc']).nullable(),
    /** Only for valid, revoked and suspended verdicts; empty otherwise. */
    disclosed: z.array(DisclosedClaim),
    /** Validity of the credential (ISO), when known. */
    expiresAt: z.string().nullable(),
    checkedAt: z.string(),
  })
  .meta({ id: 'WalletVerdict', description: '证照核验结果' });
export type Verdict = z.infer<typeof Verdict>;
