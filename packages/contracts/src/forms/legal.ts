import { z } from 'zod';
import type { ApplicationFormSpec, FormFieldSpec } from '../cases.js';
import { parseUscc } from '../validators/uscc.js';
import { choice, isoDate, mobilePhone, optionalText, trimmed, wholeNumber } from './schema-helpers.js';

/**
 * 调解仲裁 (F6, 各地劳动人事争议仲裁委员会), 法律服务 (G3, 广东省司法厅) and 自报燃气读数 (G1, 广州燃气): their
 * application forms. The guide's words: 申请调解 / 申请仲裁 “根据指引可进行1-9人个人或10人以上的集体申请”,
 * 仲裁审查确认 “选择1人或2人以上集体申请”; 办公证 “按需选择公证服务类型 … 审批通过后需携带证明证件原件，于指定时间
 * 前往指定地点办理领取手续并领取公证书”.
 */

type FormSchema = z.ZodType<Record<string, string | undefined>>;
const asForm = (schema: z.ZodType) => schema as unknown as FormSchema;

// ---------------------------------------------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------------------------------------------

/** A unified social credit code (统一社会信用代码), upper-cased, check character verified. */
const usccCode = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .transform((v) => v.toUpperCase())
    .superRefine((v, ctx) => {
      const parsed = parseUscc(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    });

/** An amount of money in yuan: digits with at most two decimals, more than 0. */
const yuanAmount = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d{1,9}(\.\d{1,2})?$/, `${label}请填写数字（元），最多两位小数`)
    .refine((v) => Number(v) > 0, { message: `${label}须大于0` })
    .refine((v) => Number(v) <= max, { message: `${label}不能超过${max}元` });

/** The names of the other applicants, separated by 、，, or spaces. */
export function splitNames(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[、，,；;\s]+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------------------
// 调解仲裁 (F6)
// ---------------------------------------------------------------------------------------------------------------

/** 申请调解 / 申请仲裁: 1–9 people apply individually, 10 or more collectively (the guide's words). */
export const LABOUR_APPLICANT_MODES = [
  { value: 'individual', label: '个人申请（1-9人）', labelEn: 'Individual (1–9 people)' },
  { value: 'collective', label: '集体申请（10人以上）', labelEn: 'Collective (10 or more people)' },
] as const;
/** 仲裁审查确认: one person, or 2 or more together. */
export const REVIEW_APPLICANT_MODES = [
  { value: 'single', label: '1人申请', labelEn: 'One person' },
  { value: 'collective', label: '2人以上集体申请', labelEn: 'Collective (2 or more people)' },
] as const;

/** The smallest collective application of 申请调解 / 申请仲裁. */
export const LABOUR_COLLECTIVE_MIN = 10;
/** Most applicants of one application. */
export const LABOUR_MAX_APPLICANTS = 999;

export const LABOUR_DISPUTE_TYPES = [
  { value: 'wages', label: '追索劳动报酬（拖欠工资）', labelEn: 'Unpaid wages' },
  { value: 'overtime', label: '加班工资', labelEn: 'Overtime pay' },
  { value: 'compensation', label: '经济补偿或赔偿金', labelEn: 'Severance or damages' },
  { value: 'contract', label: '订立、履行、变更、解除或终止劳动合同', labelEn: 'Labour contract' },
  { value: 'social-insurance', label: '社会保险', labelEn: 'Social insurance' },
  { value: 'injury', label: '工伤医疗费、工伤待遇', labelEn: 'Work-injury benefits' },
  { value: 'other', label: '其他劳动人事争议', labelEn: 'Other labour or personnel dispute' },
] as const;

/**
 * Whether the number of applicants agrees with the chosen way of applying (申请调解/申请仲裁: individual 1–9,
 * collective 10+; 仲裁审查确认: 1 person, or collective 2+); null when it does, else what to do.
 */
export function applicantCountProblem(
  form: 'labour' | 'review',
  mode: string | undefined,
  count: number,
): string | null {
  if (form === 'labour') {
    if (mode === 'individual') {
      return count >= 1 && count < LABOUR_COLLECTIVE_MIN
        ? null
        : `个人申请适用于1-9人，${LABOUR_COLLECTIVE_MIN}人以上请选择集体申请`;
    }
    return count >= LABOUR_COLLECTIVE_MIN ? null : '集体申请须10人以上，1-9人请选择个人申请';
  }
  if (mode === 'single') return count === 1 ? null : '2人以上请选择“2人以上集体申请”';
  return count >= 2 ? null : '集体申请须2人以上，1人请选择“1人申请”';
}

/** The other applicants' names (2–9 people apply individually): one name fewer than the number of applicants. */
function otherApplicantsProblem(count: number, names: string[]): string | null {
  if (count <= 1) return names.length === 0 ? null : '申请人数为1人时无需填写其他申请人';
  if (names.length === 0) return '请填写其他申请人的姓名';
  if (names.length !== count - 1) {
    return `申请人数为${count}人，除本人外应填写${count - 1}名其他申请人，现填写了${names.length}名`;
  }
  return null;
}

const modeField = (options: typeof LABOUR_APPLICANT_MODES | typeof REVIEW_APPLICANT_MODES): FormFieldSpec => ({
  name: 'applicantMode',
  label: '申请方式',
  labelEn: 'How you apply',
  kind: 'select',
  required: true,
  options,
});
const countField: FormFieldSpec = {
  name: 'applicantCount',
  label: '申请人数',
  labelEn: 'Number of applicants',
  kind: 'number',
  required: true,
  maxLength: 3,
  placeholder: '含本人在内的申请人数',
  placeholderEn: 'Including yourself',
};
const otherApplicantsField = (showFor: string): FormFieldSpec => ({
  name: 'otherApplicants',
  label: '其他申请人姓名',
  labelEn: 'Names of the other applicants',
  kind: 'textarea',
  required: false,
  maxLength: 200,
  placeholder: '除本人外的其他申请人姓名，用顿号“、”分隔；仅本人申请的不填',
  placeholderEn: 'The other applicants, separated by 、; leave empty if you apply alone',
  showWhen: { field: 'applicantMode', values: [showFor] },
});
const representativeNote = (label: string, labelEn: string): FormFieldSpec => ({
  name: 'representative',
  label,
  labelEn,
  kind: 'text',
  required: true,
  maxLength: 60,
  placeholder: '推举的代表人姓名，如：张伟、李娜',
  placeholderEn: 'The representatives chosen by the group',
  showWhen: { field: 'applicantMode', values: ['collective'] },
});
const employerFields: readonly FormFieldSpec[] = [
  {
    name: 'employerName',
    label: '用人单位名称',
    labelEn: 'Employer',
    kind: 'text',
    required: true,
    maxLength: 100,
    placeholder: '与营业执照上的名称一致',
    placeholderEn: 'As on its business licence',
  },
  {
    name: 'employerUscc',
    label: '用人单位统一社会信用代码',
    labelEn: "Employer's unified social credit code",
    kind: 'text',
    scanNumbers: false,
    required: true,
    maxLength: 18,
    placeholder: '18位，见营业执照',
    placeholderEn: '18 characters, on the business licence',
    help: '可在“信用查询”中按单位名称查到',
    helpEn: 'You can find it by name in the credit lookup',
  },
  {
    name: 'employerAddress',
    label: '用人单位地址',
    labelEn: "Employer's address",
    kind: 'text',
    required: true,
    maxLength: 120,
  },
];
const disputeFields = (amountLabel: string, amountLabelEn: string): readonly FormFieldSpec[] => [
  {
    name: 'disputeType',
    label: '争议类型',
    labelEn: 'Kind of dispute',
    kind: 'select',
    required: true,
    options: LABOUR_DISPUTE_TYPES,
  },
  {
    name: 'claims',
    label: '请求事项',
    labelEn: 'Your claims',
    kind: 'textarea',
    required: true,
    maxLength: 300,
    placeholder: '如：请求用人单位支付2025年3月至5月拖欠的工资',
    placeholderEn: 'E.g. that the employer pay the wages owed for March to May 2025',
  },
  {
    name: 'amount',
    label: amountLabel,
    labelEn: amountLabelEn,
    kind: 'number',
    required: true,
    maxLength: 12,
    placeholder: '单位：元',
    placeholderEn: 'In yuan',
  },
  {
    name: 'facts',
    label: '事实与理由',
    labelEn: 'Facts and reasons',
    kind: 'textarea',
    required: true,
    maxLength: 500,
    placeholder: '入职时间、岗位、工资标准、争议发生的经过等',
    placeholderEn: 'When you started, your job, your pay, what happened',
  },
  {
    name: 'contactPhone',
    label: '联系电话',
    labelEn: 'Contact phone',
    kind: 'phone',
    required: true,
  },
];

const labourBase = {
  applicantMode: choice(LABOUR_APPLICANT_MODES, '请选择申请方式'),
  applicantCount: wholeNumber('申请人数', 1, LABOUR_MAX_APPLICANTS),
  otherApplicants: optionalText(200, '其他申请人姓名不能超过200个字'),
  representative: optionalText(60, '代表人姓名不能超过60个字'),
  employerName: trimmed('请填写用人单位名称', 100, '用人单位名称不能超过100个字'),
  employerUscc: usccCode('请填写用人单位统一社会信用代码'),
  employerAddress: trimmed('请填写用人单位地址', 120, '用人单位地址不能超过120个字'),
  disputeType: choice(LABOUR_DISPUTE_TYPES, '请选择争议类型'),
  claims: trimmed('请填写请求事项', 300, '请求事项不能超过300个字'),
  amount: yuanAmount('涉及金额', 100_000_000),
  facts: trimmed('请填写事实与理由', 500, '事实与理由不能超过500个字'),
  contactPhone: mobilePhone('请填写联系电话'),
};

/** The agreement of the way of applying, the number of applicants, the other names and the representatives. */
function checkApplicants(
  v: { applicantMode: string; applicantCount: string; otherApplicants?: string; representative?: string },
  ctx: z.RefinementCtx,
  form: 'labour' | 'review',
) {
  const count = Number(v.applicantCount);
  const mismatch = applicantCountProblem(form, v.applicantMode, count);
  if (mismatch) ctx.addIssue({ code: 'custom', path: ['applicantCount'], message: mismatch });
  if (v.applicantMode === 'individual') {
    const names = otherApplicantsProblem(count, splitNames(v.otherApplicants));
    if (!mismatch && names) ctx.addIssue({ code: 'custom', path: ['otherApplicants'], message: names });
  } else if (v.applicantMode === 'collective' && !v.representative) {
    ctx.addIssue({ code: 'custom', path: ['representative'], message: '集体申请请填写推举的代表人' });
  }
}

const labourSchema = z
  .object(labourBase)
  .strict()
  .superRefine((v, ctx) => checkApplicants(v, ctx, 'labour'));

const LABOUR_ATTACHMENTS = (collectiveList: string, collectiveListEn: string) =>
  [
    {
      id: 'id-card',
      label: '申请人（代表人）身份证正反面照片',
      labelEn: 'Both sides of the ID card of the applicant (representative)',
      required: true,
      maxFiles: 2,
    },
    {
      id: 'evidence',
      label: '证据材料',
      labelEn: 'Evidence',
      required: true,
      maxFiles: 9,
      hint: '如劳动合同、工资条、考勤记录、银行流水、聊天记录截图、解除劳动关系通知等',
      hintEn:
        'E.g. the labour contract, pay slips, attendance records, bank statements, messages, the dismissal notice',
    },
    {
      id: 'applicant-list',
      label: collectiveList,
      labelEn: collectiveListEn,
      required: false,
      maxFiles: 5,
      hint: '集体申请须上传；个人申请不需要',
      hintEn: 'Needed for a collective application only',
    },
  ] as const;

const LABOUR_NOTICE_COMMON = [
  '劳动者或企业如需办理调解仲裁服务以维护自身合法权益，可选择“调解仲裁”服务，办理相关服务。',
  '请填写被申请人（用人单位）的名称和统一社会信用代码、请求事项、涉及金额和事实与理由，并上传证据材料；材料不全的，工作人员将通知您补正。',
];
const LABOUR_NOTICE_COMMON_EN = [
  'Workers or employers who need mediation or arbitration to protect their lawful rights can use the "Mediation & arbitration" services.',
  "Give the employer's name and unified social credit code, your claims, the amount and the facts, and upload your evidence; if anything is missing the staff will ask you to supplement it.",
];

// 仲裁审查确认
const reviewSchema = z
  .object({
    applicantMode: choice(REVIEW_APPLICANT_MODES, '请选择申请方式'),
    applicantCount: wholeNumber('申请人数', 1, LABOUR_MAX_APPLICANTS),
    representative: optionalText(60, '代表人姓名不能超过60个字'),
    employerName: labourBase.employerName,
    employerUscc: labourBase.employerUscc,
    mediationOrganisation: trimmed('请填写调解组织名称', 100, '调解组织名称不能超过100个字'),
    agreementDate: isoDate('请选择调解协议生效日期'),
    agreementContent: trimmed('请填写调解协议内容', 500, '调解协议内容不能超过500个字'),
    amount: yuanAmount('协议金额', 100_000_000),
    contactPhone: labourBase.contactPhone,
  })
  .strict()
  .superRefine((v, ctx) => checkApplicants(v, ctx, 'review'));

// ---------------------------------------------------------------------------------------------------------------
// 法律服务 (G3)
// ---------------------------------------------------------------------------------------------------------------

/** The matters of 法律服务 (as the justice department's practice areas). */
export const LEGAL_TOPICS = [
  { value: 'marriage-family', label: '婚姻家庭', labelEn: 'Marriage and family' },
  { value: 'labour', label: '劳动争议', labelEn: 'Labour disputes' },
  { value: 'contract', label: '合同纠纷', labelEn: 'Contracts' },
  { value: 'debt', label: '债权债务', labelEn: 'Debts' },
  { value: 'property', label: '房产纠纷', labelEn: 'Property' },
  { value: 'traffic', label: '交通事故', labelEn: 'Traffic accidents' },
  { value: 'criminal', label: '刑事辩护', labelEn: 'Criminal defence' },
  { value: 'company', label: '公司法务', labelEn: 'Company law' },
] as const;

const topicField = (label = '咨询类别', labelEn = 'Topic'): FormFieldSpec => ({
  name: 'topic',
  label,
  labelEn,
  kind: 'select',
  required: true,
  options: LEGAL_TOPICS,
});
const phoneField: FormFieldSpec = {
  name: 'contactPhone',
  label: '联系电话',
  labelEn: 'Contact phone',
  kind: 'phone',
  required: true,
};

const consultSchema = z
  .object({
    topic: choice(LEGAL_TOPICS, '请选择咨询类别'),
    question: trimmed('请填写您要咨询的问题', 500, '咨询问题不能超过500个字'),
    contactPhone: mobilePhone('请填写联系电话'),
  })
  .strict();

export const LAWYER_SERVICE_KINDS = [
  { value: 'litigation', label: '诉讼代理（打官司）', labelEn: 'Representation in court' },
  { value: 'arbitration', label: '仲裁代理', labelEn: 'Representation in arbitration' },
  { value: 'non-litigation', label: '非诉讼法律事务（审查合同、出具律师函等）', labelEn: 'Non-contentious work' },
  { value: 'adviser', label: '常年法律顾问', labelEn: 'Standing legal adviser' },
] as const;

const hireSchema = z
  .object({
    topic: choice(LEGAL_TOPICS, '请选择案件类别'),
    serviceKind: choice(LAWYER_SERVICE_KINDS, '请选择委托事项'),
    matter: trimmed('请简要说明案情和您的需求', 500, '案情说明不能超过500个字'),
    lawyerLicence: z
      .string()
      .trim()
      .regex(/^\d{17}$/, '律师执业证号为17位数字')
      .optional(),
    contactPhone: mobilePhone('请填写联系电话'),
  })
  .strict();

/** 法律援助: the economic-hardship declaration. */
export const HARDSHIP_GROUNDS = [
  {
    value: 'low-income',
    label: '家庭人均收入低于当地最低工资标准',
    labelEn: 'Household income per person below the local minimum wage',
  },
  { value: 'dibao', label: '城乡最低生活保障对象', labelEn: 'Receives the minimum living allowance (低保)' },
  { value: 'tekun', label: '特困供养人员', labelEn: 'Supported person in extreme hardship (特困)' },
  { value: 'other', label: '其他经济困难情形', labelEn: 'Other economic hardship' },
] as const;
export const HARDSHIP_PLEDGE = [
  {
    value: 'agree',
    label: '本人承诺以上经济困难情况属实，如有虚假愿承担相应责任',
    labelEn: 'I declare that the above is true and accept responsibility for any falsehood',
  },
  { value: 'decline', label: '不作承诺', labelEn: 'I do not make this declaration' },
] as const;

const aidSchema = z
  .object({
    topic: choice(LEGAL_TOPICS, '请选择案件类别'),
    matter: trimmed('请填写申请法律援助的事项', 500, '申请事项不能超过500个字'),
    householdSize: wholeNumber('家庭人口', 1, 20),
    monthlyIncome: z
      .string({ error: '请填写家庭月收入' })
      .trim()
      .min(1, '请填写家庭月收入')
      .regex(/^\d{1,7}(\.\d{1,2})?$/, '家庭月收入请填写数字（元），最多两位小数'),
    hardshipGround: choice(HARDSHIP_GROUNDS, '请选择经济困难情形'),
    hardshipDetail: optionalText(200, '经济困难情况说明不能超过200个字'),
    pledge: choice(HARDSHIP_PLEDGE, '请阅读并选择经济困难状况承诺').refine((v) => v === 'agree', {
      message: '申请法律援助须承诺经济困难状况属实',
    }),
    contactPhone: mobilePhone('请填写联系电话'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.hardshipGround === 'other' && !v.hardshipDetail) {
      ctx.addIssue({ code: 'custom', path: ['hardshipDetail'], message: '请说明经济困难的具体情况' });
    }
  });

/** 办公证: the notarization types offered (公证服务类型支持列表). */
export const NOTARIZATION_TYPES = [
  { value: 'birth', label: '出生公证', labelEn: 'Birth' },
  { value: 'kinship', label: '亲属关系公证', labelEn: 'Kinship' },
  { value: 'marital-status', label: '婚姻状况公证', labelEn: 'Marital status' },
  { value: 'education', label: '学历学位公证', labelEn: 'Education and degrees' },
  { value: 'no-criminal-record', label: '无犯罪记录公证', labelEn: 'No criminal record' },
  { value: 'driving-licence', label: '驾驶证公证', labelEn: 'Driving licence' },
  { value: 'power-of-attorney', label: '委托公证', labelEn: 'Power of attorney' },
  { value: 'declaration', label: '声明公证', labelEn: 'Declaration' },
  { value: 'copy', label: '复印件与原件相符公证', labelEn: 'Certified copy' },
  { value: 'inheritance', label: '继承公证', labelEn: 'Inheritance' },
] as const;
export const NOTARIZATION_USES = [
  { value: 'domestic', label: '国内使用', labelEn: 'In mainland China' },
  { value: 'abroad', label: '出国（境）使用', labelEn: 'Abroad (incl. Hong Kong, Macao, Taiwan)' },
] as const;
export const NOTARIZATION_LANGUAGES = [
  { value: 'none', label: '不需要译文', labelEn: 'No translation' },
  { value: 'en', label: '英文', labelEn: 'English' },
  { value: 'ja', label: '日文', labelEn: 'Japanese' },
  { value: 'ko', label: '韩文', labelEn: 'Korean' },
  { value: 'fr', label: '法文', labelEn: 'French' },
  { value: 'de', label: '德文', labelEn: 'German' },
] as const;

const notarySchema = z
  .object({
    notarizationType: choice(NOTARIZATION_TYPES, '请选择公证服务类型'),
    use: choice(NOTARIZATION_USES, '请选择公证书用途'),
    destination: optionalText(50, '使用国家或地区不能超过50个字'),
    language: choice(NOTARIZATION_LANGUAGES, '请选择译文语种'),
    copies: wholeNumber('公证书份数', 1, 10),
    details: trimmed('请填写需要公证的事项', 300, '公证事项不能超过300个字'),
    contactPhone: mobilePhone('请填写联系电话'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.use === 'abroad' && !v.destination) {
      ctx.addIssue({ code: 'custom', path: ['destination'], message: '出国（境）使用请填写使用国家或地区' });
    }
  });

// ---------------------------------------------------------------------------------------------------------------
// 自报燃气读数 (G1, 广州)
// ---------------------------------------------------------------------------------------------------------------

const gasReadingSchema = z
  .object({
    accountNumber: z
      .string({ error: '请填写燃气户号' })
      .trim()
      .min(1, '请填写燃气户号')
      .regex(/^\d{8,13}$/, '户号格式有误，请输入8至13位数字'),
    reading: wholeNumber('本次读数', 0, 99_999),
    readOn: isoDate('请选择抄表日期'),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------------------
// The forms
// ---------------------------------------------------------------------------------------------------------------

function labourForm(
  serviceId: 'shenqing-tiaojie' | 'shenqing-zhongcai',
  title: string,
  titleEn: string,
  notice: string,
  noticeEn: string,
): ApplicationFormSpec {
  return {
    serviceId,
    title,
    titleEn,
    notice: [...LABOUR_NOTICE_COMMON, notice],
    noticeEn: [...LABOUR_NOTICE_COMMON_EN, noticeEn],
    fields: [
      modeField(LABOUR_APPLICANT_MODES),
      countField,
      otherApplicantsField('individual'),
      representativeNote('代表人', 'Representatives'),
      ...employerFields,
      ...disputeFields('涉及金额（元）', 'Amount claimed (yuan)'),
    ],
    attachments: LABOUR_ATTACHMENTS(
      '全体申请人名单及推举代表人的证明',
      'List of all applicants and proof of the chosen representatives',
    ),
    schema: asForm(labourSchema),
    summaryField: 'disputeType',
    collection: 'none',
  };
}

export const LEGAL_FORMS: Readonly<Record<string, ApplicationFormSpec>> = {
  'shenqing-tiaojie': labourForm(
    'shenqing-tiaojie',
    '申请调解',
    'Apply for labour dispute mediation',
    '根据指引可进行1-9人个人或10人以上的集体申请。受理后，调解员将通过您留下的联系电话约定调解时间；调解结果以消息通知您。',
    'Apply individually (1–9 people) or collectively (10 or more). Once accepted, a mediator will call you to arrange the mediation; you will get a message with the outcome.',
  ),
  'shenqing-zhongcai': labourForm(
    'shenqing-zhongcai',
    '申请仲裁',
    'Apply for labour dispute arbitration',
    '根据指引可进入1-9人个体或10人以上的集体申请。申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算；仲裁委员会决定受理后将通知您开庭时间和地点。',
    'Apply individually (1–9 people) or collectively (10 or more). The time limit is one year from when you knew or should have known of the infringement; once accepted you will be told when and where the hearing is.',
  ),
  'zhongcai-shencha-queren': {
    serviceId: 'zhongcai-shencha-queren',
    title: '仲裁审查确认',
    titleEn: 'Arbitration review and confirmation',
    notice: [
      '经调解组织调解达成调解协议的，双方当事人可以自调解协议生效之日起15日内，共同向仲裁委员会提出仲裁审查申请。',
      '可选择1人或2人以上集体申请；请上传调解协议书，仲裁委员会审查确认后出具调解书，结果以消息通知您。',
    ],
    noticeEn: [
      'When a mediation organisation has brought about an agreement, both parties may jointly ask the arbitration commission to review it within 15 days of the agreement taking effect.',
      'Apply as one person or collectively (2 or more people); upload the mediation agreement. Once confirmed, the commission issues a mediation statement and you get a message.',
    ],
    fields: [
      modeField(REVIEW_APPLICANT_MODES),
      countField,
      representativeNote('代表人', 'Representatives'),
      employerFields[0] as FormFieldSpec,
      employerFields[1] as FormFieldSpec,
      {
        name: 'mediationOrganisation',
        label: '调解组织名称',
        labelEn: 'Mediation organisation',
        kind: 'text',
        required: true,
        maxLength: 100,
        placeholder: '如：某某街道劳动争议调解委员会',
        placeholderEn: 'E.g. the sub-district labour dispute mediation committee',
      },
      {
        name: 'agreementDate',
        label: '调解协议生效日期',
        labelEn: 'Date the agreement took effect',
        kind: 'date',
        required: true,
      },
      {
        name: 'agreementContent',
        label: '调解协议内容',
        labelEn: 'What the agreement says',
        kind: 'textarea',
        required: true,
        maxLength: 500,
      },
      {
        name: 'amount',
        label: '协议金额（元）',
        labelEn: 'Amount agreed (yuan)',
        kind: 'number',
        required: true,
        maxLength: 12,
        placeholder: '单位：元',
        placeholderEn: 'In yuan',
      },
      phoneField,
    ],
    attachments: [
      {
        id: 'agreement',
        label: '调解协议书',
        labelEn: 'The mediation agreement',
        required: true,
        maxFiles: 5,
      },
      {
        id: 'id-card',
        label: '申请人（代表人）身份证正反面照片',
        labelEn: 'Both sides of the ID card of the applicant (representative)',
        required: true,
        maxFiles: 2,
      },
      {
        id: 'applicant-list',
        label: '全体申请人名单及推举代表人的证明',
        labelEn: 'List of all applicants and proof of the chosen representatives',
        required: false,
        maxFiles: 5,
        hint: '集体申请须上传；1人申请不需要',
        hintEn: 'Needed for a collective application only',
      },
    ],
    schema: asForm(reviewSchema),
    summaryField: 'mediationOrganisation',
    collection: 'none',
  },
  'falv-liji-zixun': {
    serviceId: 'falv-liji-zixun',
    title: '立即咨询',
    titleEn: 'Consult a lawyer now',
    notice: [
      '其他法律服务可点击“立即咨询”免费在线咨询律师。',
      '请写清楚您的问题；值班律师答复后，答复内容将通过消息发送给您，也可在办件详情中查看。',
      '在线咨询的答复仅供参考；情况紧急的，请拨打12348公共法律服务热线。',
    ],
    noticeEn: [
      'For other legal matters, tap "Consult now" to consult a lawyer online free of charge.',
      "Describe your question clearly; the lawyer on duty's answer reaches you as a message and on the case page.",
      'Online answers are for reference only; in an emergency call the 12348 public legal service hotline.',
    ],
    fields: [
      topicField(),
      {
        name: 'question',
        label: '咨询问题',
        labelEn: 'Your question',
        kind: 'textarea',
        required: true,
        maxLength: 500,
        placeholder: '请描述事情经过和您想咨询的问题',
        placeholderEn: 'What happened and what you want to know',
      },
      phoneField,
    ],
    attachments: [
      {
        id: 'materials',
        label: '相关材料',
        labelEn: 'Related documents',
        required: false,
        maxFiles: 3,
        hint: '如合同、判决书、聊天记录截图（选填）',
        hintEn: 'E.g. a contract, a judgment, message screenshots (optional)',
      },
    ],
    schema: asForm(consultSchema),
    summaryField: 'topic',
    collection: 'none',
    // the consultation's answer is the approval's note: it must be written
    approvalReply: { label: '答复内容', labelEn: 'Answer' },
  },
  'pinqing-lvshi': {
    serviceId: 'pinqing-lvshi',
    title: '聘请律师',
    titleEn: 'Hire a lawyer',
    notice: [
      '如需聘请律师或寻求援助等，可在“申请帮助”一栏选择相应服务进入，根据提示办理。',
      '可填写您已选定律师的执业证号；未指定的，司法行政部门将为您推荐擅长该类案件的律师，并通过消息告知律师和律师事务所的联系方式。',
      '律师服务收费由您与律师事务所签订委托合同约定。',
    ],
    noticeEn: [
      'To hire a lawyer or seek legal aid, choose the service under "Apply for help" and follow the prompts.',
      "You may give the licence number of a lawyer you have chosen; otherwise the justice department recommends a lawyer experienced in such cases and sends you the lawyer's and the firm's contacts.",
      'Fees are agreed in the engagement contract you sign with the law firm.',
    ],
    fields: [
      topicField('案件类别', 'Kind of case'),
      {
        name: 'serviceKind',
        label: '委托事项',
        labelEn: 'What the lawyer is to do',
        kind: 'select',
        required: true,
        options: LAWYER_SERVICE_KINDS,
      },
      {
        name: 'matter',
        label: '案情简介及需求',
        labelEn: 'The case and what you need',
        kind: 'textarea',
        required: true,
        maxLength: 500,
      },
      {
        name: 'lawyerLicence',
        label: '指定律师执业证号',
        labelEn: "Chosen lawyer's licence number",
        kind: 'number',
        required: false,
        maxLength: 17,
        placeholder: '选填，17位数字',
        placeholderEn: 'Optional, 17 digits',
      },
      phoneField,
    ],
    attachments: [
      {
        id: 'materials',
        label: '案件相关材料',
        labelEn: 'Case documents',
        required: false,
        maxFiles: 5,
      },
    ],
    schema: asForm(hireSchema),
    summaryField: 'serviceKind',
    collection: 'none',
  },
  'falv-yuanzhu-shenqing': {
    serviceId: 'falv-yuanzhu-shenqing',
    title: '法律援助申请',
    titleEn: 'Apply for legal aid',
    notice: [
      '如需聘请律师或寻求援助等，可在“申请帮助”一栏选择相应服务进入，根据提示办理。',
      '申请法律援助须如实填写家庭经济状况并作出经济困难状况承诺；法律援助机构审查后决定是否给予法律援助，结果以消息通知您。',
      '咨询法律援助可拨打12348公共法律服务热线。',
    ],
    noticeEn: [
      'To hire a lawyer or seek legal aid, choose the service under "Apply for help" and follow the prompts.',
      "Give your household's economic situation truthfully and sign the hardship declaration; the legal-aid office decides after review and tells you by message.",
      'For questions about legal aid call the 12348 public legal service hotline.',
    ],
    fields: [
      topicField('案件类别', 'Kind of case'),
      {
        name: 'matter',
        label: '申请法律援助的事项',
        labelEn: 'The matter you need help with',
        kind: 'textarea',
        required: true,
        maxLength: 500,
      },
      {
        name: 'householdSize',
        label: '家庭人口',
        labelEn: 'People in your household',
        kind: 'number',
        required: true,
        maxLength: 2,
      },
      {
        name: 'monthlyIncome',
        label: '家庭月收入（元）',
        labelEn: 'Household income per month (yuan)',
        kind: 'number',
        required: true,
        maxLength: 10,
      },
      {
        name: 'hardshipGround',
        label: '经济困难情形',
        labelEn: 'Economic hardship',
        kind: 'select',
        required: true,
        options: HARDSHIP_GROUNDS,
      },
      {
        name: 'hardshipDetail',
        label: '经济困难情况说明',
        labelEn: 'Your hardship in detail',
        kind: 'textarea',
        required: true,
        maxLength: 200,
        showWhen: { field: 'hardshipGround', values: ['other'] },
      },
      {
        name: 'pledge',
        label: '经济困难状况承诺',
        labelEn: 'Hardship declaration',
        kind: 'select',
        required: true,
        options: HARDSHIP_PLEDGE,
      },
      phoneField,
    ],
    attachments: [
      {
        id: 'id-card',
        label: '居民身份证正反面照片',
        labelEn: 'Both sides of your resident ID card',
        required: true,
        maxFiles: 2,
      },
      {
        id: 'matter-materials',
        label: '与所申请事项相关的材料',
        labelEn: 'Documents about the matter',
        required: true,
        maxFiles: 5,
      },
      {
        id: 'hardship-proof',
        label: '经济困难证明材料',
        labelEn: 'Proof of hardship',
        required: false,
        maxFiles: 3,
        hint: '如低保证、特困供养证明（选填）',
        hintEn: 'E.g. the 低保 or 特困 certificate (optional)',
      },
    ],
    schema: asForm(aidSchema),
    summaryField: 'topic',
    collection: 'none',
  },
  'ban-gongzheng': {
    serviceId: 'ban-gongzheng',
    title: '办公证',
    titleEn: 'Apply for notarization',
    notice: [
      '按需选择公证服务类型，根据页面提示进行申请。',
      '审批通过后需携带证明证件原件，于指定时间前往指定地点办理领取手续并领取公证书。',
    ],
    noticeEn: [
      'Choose the type of notarization you need and apply as the page guides.',
      'Once approved, bring the original supporting documents to the designated place at the designated time to complete the formalities and collect the notarial certificate.',
    ],
    fields: [
      {
        name: 'notarizationType',
        label: '公证服务类型',
        labelEn: 'Type of notarization',
        kind: 'select',
        required: true,
        options: NOTARIZATION_TYPES,
      },
      {
        name: 'use',
        label: '公证书用途',
        labelEn: 'Where it will be used',
        kind: 'select',
        required: true,
        options: NOTARIZATION_USES,
      },
      {
        name: 'destination',
        label: '使用国家或地区',
        labelEn: 'Country or region',
        kind: 'text',
        required: true,
        maxLength: 50,
        showWhen: { field: 'use', values: ['abroad'] },
      },
      {
        name: 'language',
        label: '译文语种',
        labelEn: 'Translation',
        kind: 'select',
        required: true,
        options: NOTARIZATION_LANGUAGES,
      },
      {
        name: 'copies',
        label: '公证书份数',
        labelEn: 'Number of copies',
        kind: 'number',
        required: true,
        maxLength: 2,
      },
      {
        name: 'details',
        label: '公证事项',
        labelEn: 'What is to be notarized',
        kind: 'textarea',
        required: true,
        maxLength: 300,
        placeholder: '如：证明本人于2010年毕业于某某大学，获学士学位',
        placeholderEn: 'E.g. that I graduated from a university in 2010 with a bachelor’s degree',
      },
      phoneField,
    ],
    attachments: [
      {
        id: 'id-card',
        label: '居民身份证正反面照片',
        labelEn: 'Both sides of your resident ID card',
        required: true,
        maxFiles: 2,
      },
      {
        id: 'documents',
        label: '证明证件（照片或扫描件）',
        labelEn: 'Supporting documents (photos or scans)',
        required: true,
        maxFiles: 5,
        hint: '领取公证书时须携带原件核对',
        hintEn: 'Bring the originals when you collect the certificate',
      },
    ],
    schema: asForm(notarySchema),
    summaryField: 'notarizationType',
    collection: 'in_person',
  },
  'ranqi-zibao-dushu': {
    serviceId: 'ranqi-zibao-dushu',
    title: '自报燃气读数',
    titleEn: 'Report your gas meter reading',
    notice: [
      '自行抄读燃气表并上报读表数（暂仅支持广州燃气公司用户）。',
      '请填写燃气户号和燃气表上的整数读数（立方米，小数点后的红色数字不填），并上传清晰的燃气表照片；读数不能小于上次读数。',
      '燃气公司核对照片后按您上报的读数出账，结果以消息通知您。',
    ],
    noticeEn: [
      'Read your gas meter yourself and report the reading (Guangzhou Gas customers only).',
      'Give your account number and the whole number on the meter (m³; leave out the red digits after the point) and upload a clear photo of the meter; the reading cannot be below the last one.',
      'The gas company checks the photo and bills by your reading; you will get a message.',
    ],
    fields: [
      {
        name: 'accountNumber',
        label: '燃气户号',
        labelEn: 'Gas account number',
        kind: 'number',
        required: true,
        maxLength: 13,
        help: '见燃气缴费通知单，可在“燃气户号绑定”中查看',
        helpEn: 'On the gas bill, or under gas account binding',
      },
      {
        name: 'reading',
        label: '本次读数（立方米）',
        labelEn: 'Reading (m³)',
        kind: 'number',
        required: true,
        maxLength: 5,
      },
      {
        name: 'readOn',
        label: '抄表日期',
        labelEn: 'Date read',
        kind: 'date',
        required: true,
      },
    ],
    attachments: [
      {
        id: 'meter-photo',
        label: '燃气表照片',
        labelEn: 'Photo of the meter',
        required: true,
        maxFiles: 2,
        hint: '拍清楚表盘上的全部数字和表号',
        hintEn: 'All digits and the meter number clearly visible',
      },
    ],
    schema: asForm(gasReadingSchema),
    summaryField: 'reading',
    collection: 'none',
  },
};
