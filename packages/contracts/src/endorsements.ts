import { z } from 'zod';
import { CITY_CODES } from './cities.js';

/**
 * 在线签注 (D6, 护照通行证): 港澳通行证再次签注 and 台湾通行证签注 (only 广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳)
 * applied for online — for Guangdong hukou and for permits issued in Guangdong. The citizen chooses the permit and
 * the endorsement (destination, kind, trips), pays the fee at the payment provider's cashier, then the exit-entry
 * system takes the application (and mails the endorsement). Not cancellable online. 签注进度查询 shows the citizen's
 * endorsements and their progress.
 */

export const ENDORSEMENT_SERVICE_IDS = ['gangao-zaici-qianzhu', 'taiwan-qianzhu'] as const;
export const EndorsementServiceId = z.enum(ENDORSEMENT_SERVICE_IDS, { error: '请选择签注事项' });
export type EndorsementServiceId = z.infer<typeof EndorsementServiceId>;
export const ENDORSEMENT_PROGRESS_SERVICE = 'qianzhu-jindu-chaxun';

/** The guide's words on cancelling (用户办理港澳台签注目前系统不支持取消 …). */
export const ENDORSEMENT_CANCEL_NOTE =
  '用户办理港澳台签注目前系统不支持取消。若您需要取消签注，建议咨询您申请签注时选择的办理地出入境管理部门〔热线电话：12345〕取消签注服务，若已缴签注费，可同时咨询退费时间和退费方式问题。';
/** The guide's words on the proof of payment (缴费成功通知). */
export const ENDORSEMENT_PROOF_NOTE =
  '如遇邮递员上门还要再收费，可出示您在“粤省事”办理出入境签注服务缴费成功后收到的“缴费成功通知”消息，作为缴费凭证。';

const Destination = z.enum(['hong-kong', 'macao', 'taiwan'], { error: '请选择前往地' });
const Kind = z.enum(['tourism-individual', 'tourism-group', 'visiting-relatives', 'business'], {
  error: '请选择签注种类',
});
const Trips = z.enum(['once', 'twice', 'multiple'], { error: '请选择签注次数' });
const Fen = z.number().int().meta({ description: '金额（分）' });

export const EndorsementOptionsQuery = z
  .object({
    service: EndorsementServiceId,
    city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }),
  })
  .strict();

export const EndorsementOptionView = z.object({
  destination: Destination,
  destinationName: z.string(),
  kind: Kind,
  kindName: z.string(),
  trips: Trips,
  tripsName: z.string(),
  /** 每次逗留天数 */
  stayDays: z.number().int(),
  /** 有效期（月） */
  validMonths: z.number().int(),
  /** 签注费 */
  feeFen: Fen,
  available: z.boolean(),
  /** Why not, in Chinese (已有正在办理的签注 …); null when available. */
  reason: z.string().nullable(),
});
export type EndorsementOptionView = z.infer<typeof EndorsementOptionView>;

export const EndorsementPermit = z.object({
  /** 证件号码 (the citizen's own permit) */
  documentNumber: z.string(),
  kindName: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  issuePlace: z.string(),
  statusName: z.string(),
  /** May this permit get an endorsement online at all (the guide's rule); else `reason`. */
  eligible: z.boolean(),
  reason: z.string().nullable(),
  options: z.array(EndorsementOptionView),
});
export type EndorsementPermit = z.infer<typeof EndorsementPermit>;

export const EndorsementOptions = z
  .object({
    service: EndorsementServiceId,
    serviceName: z.string(),
    permits: z.array(EndorsementPermit),
    source: z.object({ department: z.string(), updatedAt: z.string().nullable() }),
  })
  .meta({ id: 'EndorsementOptions', description: '在线签注: the citizen’s permits and the endorsements each may get' });
export type EndorsementOptions = z.infer<typeof EndorsementOptions>;

export const CreateEndorsementInput = z
  .object({
    service: EndorsementServiceId,
    city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }),
    documentNumber: z
      .string({ error: '请选择证件' })
      .trim()
      .regex(/^[A-Za-z0-9]{8,11}$/, '证件号码格式有误'),
    destination: Destination,
    kind: Kind,
    trips: Trips,
    /** The fee the citizen saw; refused with BILL_AMOUNT_CHANGED if the exit-entry system now says otherwise. */
    amountFen: z.number({ error: '金额有误' }).int('金额有误').positive('金额有误').max(1_000_000, '金额有误'),
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'CreateEndorsementInput' });
export type CreateEndorsementInput = z.input<typeof CreateEndorsementInput>;

export const EndorsementStepView = z.object({
  step: z.string(),
  name: z.string(),
  on: z.string().nullable(),
  state: z.enum(['done', 'current', 'pending', 'rejected']),
});

export const EndorsementProgress = z.object({
  endorsementId: z.string(),
  documentNumber: z.string(),
  destinationName: z.string(),
  kindName: z.string(),
  tripsName: z.string(),
  stayDays: z.number().int(),
  /** 粤省事在线签注 / 窗口办理 / 自助签注机 */
  channelName: z.string(),
  appliedOn: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  feeFen: Fen,
  status: z.string(),
  statusName: z.string(),
  /** Every step of the endorsement's path, done and to come. */
  steps: z.array(EndorsementStepView),
  updatedAt: z.string(),
});
export type EndorsementProgress = z.infer<typeof EndorsementProgress>;

/** The permits whose endorsements 签注进度查询 shows once linked in 我的证照 (credential types of the wallet). */
export const ENDORSEMENT_PERMIT_TYPES = ['hk-macao-permit', 'taiwan-permit'] as const;
export type EndorsementPermitType = (typeof ENDORSEMENT_PERMIT_TYPES)[number];

export const MyEndorsements = z
  .object({
    /** The endorsements on permits linked in 我的证照 (all of them when a family member looks, with 授权). */
    endorsements: z.array(EndorsementProgress),
    /**
     * FEATURES D6 / the guide: 持有广东省内签发的出入境证件同时可关联相关电子证照查看签注进度. The kinds of permit that carry
     * endorsements but are not linked yet: their endorsements are left out until they are.
     */
    unlinkedPermits: z.array(z.object({ type: z.enum(ENDORSEMENT_PERMIT_TYPES), name: z.string() })),
    source: z.object({ department: z.string(), updatedAt: z.string().nullable() }),
  })
  .meta({ id: 'MyEndorsements', description: '签注进度查询 (D6)' });
export type MyEndorsements = z.infer<typeof MyEndorsements>;
