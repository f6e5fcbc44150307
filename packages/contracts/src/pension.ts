import { z } from 'zod';
import { CITY_CODES, type CityCode } from './cities.js';
import { RecordSource, RecordSubject } from './lookups.js';

/**
 * 养老资格认证 (E4): the guide — 选择“社保”服务，关联社保卡后，选择养老资格认证，选择社保类型，可本人办理或为他人办理，按照
 * 提示操作即可 (*各地市支持社保类型以线上界面为准). A pensioner confirms once every 12 months that they are alive and
 * entitled; without it the pension is suspended. In this open edition the citizen's (or the agent's) fresh
 * 刷脸/PIN verification is the 认证; a real deployment compares the pensioner's live face with the public-security
 * photo through a face connector, which does not exist here.
 */

export const PENSION_SERVICE_ID = 'yanglao-zige-renzheng';

/** The 社保类型 a pension is drawn under (the 人社 system's codes). */
export const PENSION_SCHEME_CODES = ['enterprise', 'institution', 'resident'] as const;
export type PensionSchemeCode = (typeof PENSION_SCHEME_CODES)[number];

export const PENSION_SCHEME_LABELS: Record<PensionSchemeCode, { label: string; labelEn: string }> = {
  enterprise: { label: '企业职工基本养老保险', labelEn: 'Enterprise employees’ basic pension' },
  institution: { label: '机关事业单位工作人员基本养老保险', labelEn: 'Public institutions’ basic pension' },
  resident: { label: '城乡居民基本养老保险', labelEn: 'Urban and rural residents’ basic pension' },
};

/**
 * Which 社保类型 each city certifies online (the guide: 各地市支持社保类型以线上界面为准; it names none). An
 * assumption of this open edition, documented in docs/welfare.md: every city certifies the enterprise and the
 * resident schemes; the 机关事业单位 scheme only in the cities listed here, elsewhere at the 社保经办机构.
 */
const INSTITUTION_ONLINE: readonly CityCode[] = ['440100', '440300', '440400', '440600', '441900', '442000'];

export function pensionSchemesOf(city: CityCode): PensionSchemeCode[] {
  return PENSION_SCHEME_CODES.filter((s) => s !== 'institution' || INSTITUTION_ONLINE.includes(city));
}

/** A certification lasts 12 months; within this many days of its end the page and a 消息 remind. */
export const PENSION_DUE_SOON_DAYS = 30;

export const PENSION_CERTIFICATION_STATUSES = ['valid', 'due-soon', 'expired', 'never'] as const;
export type PensionCertificationStatus = (typeof PENSION_CERTIFICATION_STATUSES)[number];

export const PENSION_CERTIFICATION_STATUS_LABELS: Record<PensionCertificationStatus, string> = {
  valid: '认证有效',
  'due-soon': '即将到期',
  expired: '已过期（养老金暂停发放）',
  never: '未认证',
};

const Scheme = z.enum(PENSION_SCHEME_CODES, { error: '请选择社保类型' });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PensionQuery = z.object({
  for: z.uuid({ error: '授权编号格式有误' }).optional(),
  city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }),
});

export const PensionCertifyInput = z
  .object({ scheme: Scheme })
  .strict()
  .meta({ id: 'PensionCertifyInput', description: '养老资格认证：所选的社保类型' });
export type PensionCertifyInput = z.infer<typeof PensionCertifyInput>;

export const PensionSchemeOption = z.object({ scheme: Scheme, name: z.string() });

export const PensionCertificationView = z
  .object({
    lastCertifiedOn: Day.nullable(),
    lastCertifiedBy: z.enum(['self', 'agent']).nullable(),
    validUntil: Day.nullable(),
    status: z.enum(PENSION_CERTIFICATION_STATUSES),
    statusName: z.string(),
    /** Days from today to validUntil (negative once expired); null when never certified. */
    daysLeft: z.number().int().nullable(),
  })
  .meta({ id: 'PensionCertificationView' });

export const PensionStatus = z
  .object({
    subject: RecordSubject,
    cityCode: z.enum(CITY_CODES),
    /** The 社保类型 the chosen city certifies online (各地市支持社保类型以线上界面为准). */
    schemes: z.array(PensionSchemeOption),
    /** The pension the person draws; null: no pension on record (nothing to certify). */
    pension: z
      .object({
        scheme: Scheme,
        schemeName: z.string(),
        since: z.string(),
        insuredCityCode: z.string(),
        insuredCityName: z.string(),
      })
      .nullable(),
    certification: PensionCertificationView.nullable(),
    /** null: 认证 can be done now on this page; else why not, in Chinese. */
    blocker: z.object({ code: z.string(), message: z.string() }).nullable(),
    source: RecordSource,
  })
  .meta({ id: 'PensionStatus', description: '养老资格认证状态' });
export type PensionStatus = z.infer<typeof PensionStatus>;

export const PensionCertifyResult = z
  .object({
    subject: RecordSubject,
    scheme: Scheme,
    schemeName: z.string(),
    certifiedOn: Day,
    validUntil: Day,
    /** true: already certified today; nothing was recorded again (a double tap, a retry). */
    alreadyCertified: z.boolean(),
    source: RecordSource,
  })
  .meta({ id: 'PensionCertifyResult', description: '养老资格认证结果' });
export type PensionCertifyResult = z.infer<typeof PensionCertifyResult>;
