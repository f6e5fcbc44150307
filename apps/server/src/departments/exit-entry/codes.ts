/**
 * Reference data of the sandbox exit-entry system (出入境): document kinds, endorsement kinds and the
 * progress steps of an endorsement, the guide's per-city rules.
 */

/** The documents this system holds for a person (numbers as the shared travel-document validators read them). */
export const DOCUMENT_KINDS = {
  passport: '普通护照',
  'hk-macao-permit': '往来港澳通行证',
  'taiwan-permit': '往来台湾通行证',
  'hk-macao-resident-permit': '港澳居民来往内地通行证',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const DOCUMENT_STATUSES = { valid: '有效', expired: '已过期', cancelled: '已作废' } as const;
export type DocumentStatus = keyof typeof DOCUMENT_STATUSES;

export const DESTINATIONS = { 'hong-kong': '香港', macao: '澳门', taiwan: '台湾' } as const;
export type Destination = keyof typeof DESTINATIONS;

/** 签注种类 (the letter printed on the endorsement in brackets). */
export const ENDORSEMENT_KINDS = {
  'tourism-individual': '个人旅游', // L
  'tourism-group': '团队旅游', // G
  'visiting-relatives': '探亲', // T
  business: '商务', // S
} as const;
export type EndorsementKind = keyof typeof ENDORSEMENT_KINDS;

export const ENDORSEMENT_TRIPS = { once: '一次有效', twice: '二次有效', multiple: '一年多次有效' } as const;
export type EndorsementTrips = keyof typeof ENDORSEMENT_TRIPS;

/** 办理渠道 */
export const ENDORSEMENT_CHANNELS = { online: '粤省事在线签注', counter: '窗口办理', machine: '自助签注机' } as const;
export type EndorsementChannel = keyof typeof ENDORSEMENT_CHANNELS;

/** Steps of an endorsement (the last one reached is its status). */
export const ENDORSEMENT_STEPS = {
  submitted: '已提交',
  paid: '已缴费',
  accepted: '已受理',
  approved: '审批通过',
  mailed: '已寄出',
  delivered: '已签收',
  issued: '已签发',
  rejected: '不予签注',
} as const;
export type EndorsementStep = keyof typeof ENDORSEMENT_STEPS;

/** The path of each channel: online endorsements are mailed (EMS), counter ones collected, machine ones at once. */
export const CHANNEL_STEPS: Record<EndorsementChannel, readonly EndorsementStep[]> = {
  online: ['submitted', 'paid', 'approved', 'mailed', 'delivered'],
  counter: ['accepted', 'paid', 'approved', 'issued'],
  machine: ['paid', 'issued'],
};

/** Fees in yuan (illustrative: 15 yuan a trip as the national fee schedule since 2019; multiple-entry 120). */
export const ENDORSEMENT_FEES: Record<EndorsementTrips, number> = { once: 15, twice: 30, multiple: 120 };

export const APPOINTMENT_BUSINESSES = { 'first-issue': '首次申领', renewal: '换发', reissue: '补发' } as const;
export type AppointmentBusiness = keyof typeof APPOINTMENT_BUSINESSES;

export const APPOINTMENT_STATUSES = {
  booked: '已预约',
  cancelled: '已取消',
  attended: '已办理',
  missed: '已过期未办理',
} as const;
export type AppointmentStatus = keyof typeof APPOINTMENT_STATUSES;

/** The guide: Taiwan endorsements online only for permits of these cities (广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳). */
export const TAIWAN_ONLINE_CITIES: readonly string[] = [
  '440100',
  '440300',
  '441300',
  '442000',
  '440500',
  '441400',
  '445100',
  '445200',
];

/** 深圳 hukou: appointments are not made here (深圳 has its own system); the guide excludes them. */
export const SHENZHEN = '440300';

/**
 * What 粤省事 offers online (在线签注): a further endorsement on a 往来港澳通行证 (港澳通行证再次签注) and a Taiwan
 * endorsement on a 往来台湾通行证 (广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳 permits only), each kind and number
 * of trips with its stay and validity. Business and group endorsements are applied for at the counter.
 */
export const ONLINE_ENDORSEMENTS: Record<
  'hk-macao-permit' | 'taiwan-permit',
  readonly { destination: Destination; kind: EndorsementKind; trips: EndorsementTrips }[]
> = {
  'hk-macao-permit': (['hong-kong', 'macao'] as const).flatMap((destination) => [
    { destination, kind: 'tourism-individual' as const, trips: 'once' as const },
    { destination, kind: 'tourism-individual' as const, trips: 'twice' as const },
    { destination, kind: 'visiting-relatives' as const, trips: 'once' as const },
  ]),
  'taiwan-permit': [
    { destination: 'taiwan', kind: 'tourism-individual', trips: 'once' },
    { destination: 'taiwan', kind: 'visiting-relatives', trips: 'once' },
  ],
};

/** Steps before an endorsement is finished: one of these on the same permit and destination is in progress. */
export const IN_PROGRESS_STEPS: readonly EndorsementStep[] = ['submitted', 'paid', 'accepted', 'approved'];
