import { z } from 'zod';
import { CITY_CODES } from './cities.js';
import { StaffUsername } from './staff.js';
import { VerifierKindSchema, VerifierOrganisation } from './wallet-verifier.js';

/**
 * 核验单位管理 (issue 6, item 5): the console page where a 核验单位管理员 registers the hotels, police stations,
 * employers and coach stations of their city that verify citizens' e-certificates, keeps a hotel's star rating (the
 * e-ID is for hotels of three stars and above), stops an organisation, and opens or closes its verifiers' accounts.
 * A verifier's account is created with a one-time password shown once; the first login changes it and enrols the
 * authenticator, as for every staff account.
 */

/** How a verifier's account stands: awaiting its first login, usable, or locked after failed attempts. */
export const VERIFIER_MEMBER_STATES = {
  'first-login': '待首次登录',
  active: '正常',
  locked: '已锁定',
} as const;
export type VerifierMemberState = keyof typeof VERIFIER_MEMBER_STATES;

export const ConsoleVerifierMember = z
  .object({
    accountId: z.string(),
    username: z.string(),
    displayName: z.string(),
    state: z.enum(Object.keys(VERIFIER_MEMBER_STATES) as [VerifierMemberState, ...VerifierMemberState[]]),
    stateName: z.string(),
    addedAt: z.string(),
  })
  .meta({ id: 'ConsoleVerifierMember', description: '核验人员' });
export type ConsoleVerifierMember = z.infer<typeof ConsoleVerifierMember>;

/** A station of the province's coach ticketing system (省道路客运联网售票系统), as the system names it. */
export const TicketingStation = z
  .object({ id: z.string(), name: z.string() })
  .meta({ id: 'TicketingStation', description: '联网售票系统的客运站' });
export type TicketingStation = z.infer<typeof TicketingStation>;

export const ConsoleVerifierOrganisation = VerifierOrganisation.extend({
  /** A stopped organisation's verifiers record no check-ins (they may still verify anonymously, as anyone). */
  active: z.boolean(),
  createdAt: z.string(),
  members: z.array(ConsoleVerifierMember),
  /** Check-ins recorded in the last 30 days. */
  checkInsLast30Days: z.number().int(),
  /**
   * A coach station: the ticketing system's station it is, where its clerks' 验票 and 上车 happen; null until
   * linked (they cannot check tickets online). Always null for the other kinds.
   */
  ticketingStation: TicketingStation.nullable(),
}).meta({ id: 'ConsoleVerifierOrganisation', description: '核验单位（工作台）' });
export type ConsoleVerifierOrganisation = z.infer<typeof ConsoleVerifierOrganisation>;

/** A page of the register: a city has thousands of hotels, so the list is searched and paged by the server. */
export const VERIFIER_ORGANISATIONS_PAGE_SIZE = 20;

export const ConsoleVerifierOrganisationsQuery = z
  .object({
    city: z.enum(CITY_CODES, { error: '请选择广东省内的城市' }).optional(),
    kind: VerifierKindSchema.optional(),
    /** Part of the name (case-insensitive; % and _ are plain characters). */
    q: z.string().trim().max(80, '搜索内容不能超过80个字').optional(),
    page: z.coerce.number({ error: '页码有误' }).int('页码有误').min(1, '页码有误').max(10_000, '页码有误').default(1),
  })
  .strict();

export const ConsoleVerifierOrganisationPage = z
  .object({
    items: z.array(ConsoleVerifierOrganisation),
    /** How many organisations match, on every page. */
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ConsoleVerifierOrganisationPage', description: '核验单位（一页）' });
export type ConsoleVerifierOrganisationPage = z.infer<typeof ConsoleVerifierOrganisationPage>;

const OrganisationName = z
  .string({ error: '请输入单位名称' })
  .trim()
  .min(2, '单位名称至少2个字')
  .max(80, '单位名称不能超过80个字');

/** 1–5 stars, or null: 未评定星级. Only hotels have one. */
const StarRating = z
  .number({ error: '请选择酒店星级' })
  .int('请选择酒店星级')
  .min(1, '酒店星级为一至五星')
  .max(5, '酒店星级为一至五星')
  .nullable();

export const STAR_RATING_ONLY_FOR_HOTELS = '只有酒店评定星级，其他单位请不要选择星级';

export const CreateVerifierOrganisationInput = z
  .object({
    name: OrganisationName,
    kind: VerifierKindSchema,
    cityCode: z.enum(CITY_CODES, { error: '请选择广东省内的城市' }),
    starRating: StarRating.optional(),
  })
  .strict()
  .refine((o) => o.kind === 'hotel' || o.starRating == null, {
    path: ['starRating'],
    message: STAR_RATING_ONLY_FOR_HOTELS,
  })
  .meta({ id: 'CreateVerifierOrganisationInput' });
export type CreateVerifierOrganisationInput = z.input<typeof CreateVerifierOrganisationInput>;

export const UpdateVerifierOrganisationInput = z
  .object({ starRating: StarRating.optional(), active: z.boolean({ error: '状态有误' }).optional() })
  .strict()
  .refine((o) => o.starRating !== undefined || o.active !== undefined, { message: '没有要修改的内容' })
  .meta({ id: 'UpdateVerifierOrganisationInput' });
export type UpdateVerifierOrganisationInput = z.input<typeof UpdateVerifierOrganisationInput>;

export const VerifierOrganisationParams = z.object({ id: z.uuid({ error: '找不到该核验单位' }) });
export const VerifierMemberParams = z.object({
  id: z.uuid({ error: '找不到该核验单位' }),
  accountId: z.uuid({ error: '找不到该核验人员' }),
});

export const AddVerifierMemberInput = z
  .object({
    username: StaffUsername.regex(
      /^[a-z0-9][a-z0-9._-]{2,39}$/,
      '用户名为3-40位小写字母、数字或 . _ -，以字母或数字开头',
    ),
    displayName: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(40, '姓名不能超过40个字'),
  })
  .strict()
  .meta({ id: 'AddVerifierMemberInput' });
export type AddVerifierMemberInput = z.input<typeof AddVerifierMemberInput>;

export const AddedVerifierMember = z
  .object({
    member: ConsoleVerifierMember,
    /** Shown once, to hand to the verifier; it must be changed at the first login. Never stored in clear. */
    oneTimePassword: z.string(),
  })
  .meta({ id: 'AddedVerifierMember', description: '新开通的核验人员账号及其一次性初始密码' });
export type AddedVerifierMember = z.infer<typeof AddedVerifierMember>;

/** 接入联网售票系统: the stations of the organisation's city as the ticketing system lists them now. */
export const TicketingStationChoices = z
  .object({
    current: TicketingStation.nullable(),
    stations: z.array(
      TicketingStation.extend({
        address: z.string(),
        /** The organisation linked to it already, if another one is (one station, one organisation). */
        linkedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'TicketingStationChoices', description: '本市联网售票系统的客运站' });
export type TicketingStationChoices = z.infer<typeof TicketingStationChoices>;

export const LinkTicketingStationInput = z
  .object({
    stationId: z
      .string({ error: '请选择联网售票系统中的客运站' })
      .regex(/^[A-Z]{2}[0-9]{2}$/, '请选择联网售票系统中的客运站'),
  })
  .strict()
  .meta({ id: 'LinkTicketingStationInput' });
export type LinkTicketingStationInput = z.input<typeof LinkTicketingStationInput>;
