import { z } from 'zod';
import type { ApplicationFormSpec, FormFieldSpec } from '../cases.js';
import { parseResidentId } from '../validators/resident-id.js';
import {
  choice,
  isoDate,
  mobilePhone,
  optionalText,
  personName,
  residentIdNumber,
  trimmed,
  wholeNumber,
} from './schema-helpers.js';

/**
 * 户政 (C1 居住证服务, E2 出生登记), 积分服务 (C2, 广州 来穗局) and 婚姻登记记录证明 (E1, 民政): forms in the guide's
 * words. The rules on who may apply (居住登记 approved half a year before 申领居住证, a 积分 record before 调整/入户,
 * the birth record the health department holds …) are the server's: apps/server/src/modules/cases/eligibility/
 * huzheng.ts. See docs/huzheng.md.
 */

type Options = readonly { readonly value: string; readonly label: string; readonly labelEn: string }[];
const asForm = (s: z.ZodType) => s as unknown as z.ZodType<Record<string, string | undefined>>;

/** A date not after today (China time, a day's grace for the phone's clock). */
const pastDate = (required: string, future: string) =>
  isoDate(required).refine((v) => v <= new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10), {
    message: future,
  });

const PHONE_FIELD: FormFieldSpec = {
  name: 'phone',
  label: '联系电话',
  labelEn: 'Contact phone',
  kind: 'phone',
  required: true,
  placeholder: '请填写11位手机号码',
  placeholderEn: '11-digit mobile number',
};

const ADDRESS_FIELD: FormFieldSpec = {
  name: 'residenceAddress',
  label: '居住地址',
  labelEn: 'Residential address',
  kind: 'textarea',
  required: true,
  maxLength: 120,
  placeholder: '请填写在本市居住的详细地址（区、街道、门牌号、房号）',
  placeholderEn: 'Your full address in this city (district, street, number, flat)',
};

const ID_CARD_SLOT = {
  id: 'id-card',
  label: '居民身份证正反面照片',
  labelEn: 'Both sides of your resident ID card',
  required: true,
  maxFiles: 2,
  hint: '请拍摄清晰、完整的正面（人像面）和反面（国徽面）',
  hintEn: 'Clear, complete photos of the front (photo side) and back (emblem side)',
} as const;

const RESIDENCE_NOTICE =
  '面对离开常住户口所在地，到其他城市居住的用户，“粤省事”提供申报居住登记、申领居住证、签注居住证等服务。';
const RESIDENCE_NOTICE_EN =
  'For people who have left the place of their permanent household registration to live in another city: residence registration, residence permits and their endorsement.';

// -------------------------------------------------------------------------------------------------------------
// C1 居住证服务
// -------------------------------------------------------------------------------------------------------------

const DWELLING_TYPES = [
  { value: 'rented', label: '租赁房屋', labelEn: 'Rented home' },
  { value: 'owned', label: '自有房屋', labelEn: 'Own home' },
  { value: 'dormitory', label: '单位宿舍', labelEn: 'Employer dormitory' },
  { value: 'relatives', label: '亲友家中', labelEn: 'With relatives or friends' },
  { value: 'other', label: '其他', labelEn: 'Other' },
] as const satisfies Options;

const RESIDENCE_REASONS = [
  { value: 'work', label: '务工', labelEn: 'Work' },
  { value: 'business', label: '经商', labelEn: 'Business' },
  { value: 'study', label: '就学', labelEn: 'Study' },
  { value: 'family', label: '投靠亲友', labelEn: 'Joining family' },
  { value: 'other', label: '其他', labelEn: 'Other' },
] as const satisfies Options;

const residenceRegistrationSchema = z
  .object({
    residenceAddress: trimmed('请填写居住地址', 120, '居住地址不能超过120个字'),
    dwellingType: choice(DWELLING_TYPES, '请选择住所类型'),
    reason: choice(RESIDENCE_REASONS, '请选择居住事由'),
    movedInOn: pastDate('请选择来本市居住日期', '来本市居住日期不能晚于今天'),
    workUnit: optionalText(100, '工作单位或就读学校不能超过100个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict();

const permitApplicationSchema = z
  .object({
    residenceAddress: trimmed('请填写居住地址', 120, '居住地址不能超过120个字'),
    workUnit: optionalText(100, '工作单位或就读学校不能超过100个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict();

const ADDRESS_CHANGE = [
  { value: 'no', label: '未变更', labelEn: 'Unchanged' },
  { value: 'yes', label: '已变更', labelEn: 'Changed' },
] as const satisfies Options;

const endorsementSchema = z
  .object({
    addressChanged: choice(ADDRESS_CHANGE, '请选择居住地址是否变更'),
    residenceAddress: optionalText(120, '居住地址不能超过120个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.addressChanged === 'yes' && !v.residenceAddress) {
      ctx.addIssue({ code: 'custom', path: ['residenceAddress'], message: '居住地址已变更的，请填写新的居住地址' });
    }
  });

// -------------------------------------------------------------------------------------------------------------
// C2 积分服务 (广州)
// -------------------------------------------------------------------------------------------------------------

const EDUCATION = [
  { value: 'junior', label: '初中及以下', labelEn: 'Junior secondary or below' },
  { value: 'senior', label: '高中、中专或技校', labelEn: 'Senior secondary or vocational school' },
  { value: 'college', label: '大专', labelEn: 'Junior college' },
  { value: 'bachelor', label: '本科', labelEn: "Bachelor's degree" },
  { value: 'master', label: '硕士研究生及以上', labelEn: "Master's degree or above" },
] as const satisfies Options;

const SKILLS = [
  { value: 'none', label: '无', labelEn: 'None' },
  { value: 'junior', label: '初级工', labelEn: 'Junior worker' },
  { value: 'intermediate', label: '中级工或初级职称', labelEn: 'Intermediate worker or junior title' },
  { value: 'senior', label: '高级工或中级职称', labelEn: 'Senior worker or intermediate title' },
  { value: 'technician', label: '技师及以上或高级职称', labelEn: 'Technician or above, or senior title' },
] as const satisfies Options;

const pointsApplicationSchema = z
  .object({
    education: choice(EDUCATION, '请选择最高学历'),
    skill: choice(SKILLS, '请选择职业资格或专业技术职称'),
    insuranceYears: wholeNumber('在穗缴纳社会保险年限', 0, 50),
    employer: trimmed('请填写工作单位', 100, '工作单位不能超过100个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict();

const ADJUSTMENT_ITEMS = [
  { value: 'education', label: '学历', labelEn: 'Education' },
  { value: 'skill', label: '职业资格或专业技术职称', labelEn: 'Qualification or title' },
  { value: 'insurance', label: '社会保险缴费年限', labelEn: 'Years of social insurance' },
  { value: 'housing', label: '住房情况', labelEn: 'Housing' },
  { value: 'other', label: '其他', labelEn: 'Other' },
] as const satisfies Options;

const pointsAdjustmentSchema = z
  .object({
    item: choice(ADJUSTMENT_ITEMS, '请选择调整项目'),
    newSituation: trimmed('请填写调整后的情况', 100, '调整后的情况不能超过100个字'),
    reason: trimmed('请填写申请调整的原因', 300, '调整原因不能超过300个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict();

const SETTLE_TYPES = [
  { value: 'own-home', label: '合法产权住房', labelEn: 'A home you legally own' },
  { value: 'employer', label: '单位集体户', labelEn: "Employer's collective household" },
  { value: 'community', label: '社区公共集体户', labelEn: 'Community collective household' },
] as const satisfies Options;

const pointsSettlementSchema = z
  .object({
    settleType: choice(SETTLE_TYPES, '请选择入户方式'),
    settleAddress: trimmed('请填写拟入户地址', 120, '拟入户地址不能超过120个字'),
    dependants: optionalText(200, '随迁人员不能超过200个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict();

const POINTS_NOTICE =
  '积分服务，是指通过设置积分指标体系，对持有在本市办理且有效期内《广东省居住证》的外来人员，根据其个人情况及实际贡献进行积分管理。';
const POINTS_NOTICE_EN =
  'The points service scores non-local residents holding a valid Guangdong Residence Permit issued in the city, by their circumstances and actual contribution.';

// -------------------------------------------------------------------------------------------------------------
// E2 出生登记
// -------------------------------------------------------------------------------------------------------------

const BIRTH_KINDS = [
  { value: 'guangdong', label: '在广东省内医疗机构出生', labelEn: 'Born in a hospital in Guangdong' },
  { value: 'elsewhere', label: '在广东省外出生', labelEn: 'Born outside Guangdong' },
] as const satisfies Options;

const SEXES = [
  { value: 'male', label: '男', labelEn: 'Male' },
  { value: 'female', label: '女', labelEn: 'Female' },
] as const satisfies Options;

/** 出生医学证明编号: a letter and nine digits, e.g. Q440612345. */
export const BIRTH_CERTIFICATE_NUMBER = /^[A-Z]\d{9}$/;

const optionalIdNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    if (v === '') return;
    const parsed = parseResidentId(v);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  })
  .optional();

const birthRegistrationSchema = z
  .object({
    birthKind: choice(BIRTH_KINDS, '请选择出生登记类型'),
    childName: personName('请填写新生儿姓名'),
    childSex: choice(SEXES, '请选择新生儿性别'),
    birthDate: pastDate('请选择出生日期', '出生日期不能晚于今天'),
    certificateNumber: z
      .string({ error: '请填写出生医学证明编号' })
      .trim()
      .min(1, '请填写出生医学证明编号')
      .transform((v) => v.toUpperCase())
      .refine((v) => BIRTH_CERTIFICATE_NUMBER.test(v), '出生医学证明编号为1位字母加9位数字，如Q440612345'),
    motherName: personName('请填写母亲姓名'),
    motherIdNumber: residentIdNumber('请填写母亲身份证号码'),
    fatherName: z.string().trim().max(30, '父亲姓名过长').optional(),
    fatherIdNumber: optionalIdNumber,
    householdAddress: trimmed('请填写申报入户地址', 120, '申报入户地址不能超过120个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.fatherName && !v.fatherIdNumber) {
      ctx.addIssue({ code: 'custom', path: ['fatherIdNumber'], message: '填写了父亲姓名的，请填写父亲身份证号码' });
    }
    if (v.fatherIdNumber && !v.fatherName) {
      ctx.addIssue({ code: 'custom', path: ['fatherName'], message: '填写了父亲身份证号码的，请填写父亲姓名' });
    }
  });

// -------------------------------------------------------------------------------------------------------------
// E1 婚姻登记记录证明
// -------------------------------------------------------------------------------------------------------------

const MARRIAGE_PROOF_PURPOSES = [
  { value: 'housing', label: '购房、贷款', labelEn: 'Buying a home or a loan' },
  { value: 'abroad', label: '出国（境）', labelEn: 'Going abroad' },
  { value: 'inheritance', label: '继承、公证', labelEn: 'Inheritance or notarisation' },
  { value: 'household', label: '户口、计生事务', labelEn: 'Household registration or family planning' },
  { value: 'other', label: '其他', labelEn: 'Other' },
] as const satisfies Options;

const marriageProofSchema = z
  .object({
    purpose: choice(MARRIAGE_PROOF_PURPOSES, '请选择开具用途'),
    purposeDetail: optionalText(100, '具体用途不能超过100个字'),
    recipientName: personName('请填写收件人姓名'),
    recipientPhone: mobilePhone('请填写收件人手机号码'),
    postalAddress: trimmed('请填写邮寄地址', 120, '邮寄地址不能超过120个字'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.purpose === 'other' && !v.purposeDetail) {
      ctx.addIssue({ code: 'custom', path: ['purposeDetail'], message: '用途选择“其他”时，请填写具体用途' });
    }
  });

export const HUZHENG_FORMS: Readonly<Record<string, ApplicationFormSpec>> = {
  'shenbao-juzhu-dengji': {
    serviceId: 'shenbao-juzhu-dengji',
    title: '申报居住登记',
    titleEn: 'Declare your residence',
    notice: [
      RESIDENCE_NOTICE,
      '“申报居住登记”，一般提交资料审核后会有审核结果〔办理时限以当地居住证服务办理部门实际审核时间为准〕。',
      '居住登记审批通过，满半年〔深圳除外〕后可申领居住证。',
    ],
    noticeEn: [
      RESIDENCE_NOTICE_EN,
      'After you submit a residence registration, the materials are reviewed and you get a result (the actual review time of the local residence-permit office applies).',
      'Half a year after the registration is approved (Shenzhen excepted) you may apply for a residence permit.',
    ],
    fields: [
      ADDRESS_FIELD,
      {
        name: 'dwellingType',
        label: '住所类型',
        labelEn: 'Type of home',
        kind: 'select',
        required: true,
        options: DWELLING_TYPES,
      },
      {
        name: 'reason',
        label: '居住事由',
        labelEn: 'Reason for living here',
        kind: 'select',
        required: true,
        options: RESIDENCE_REASONS,
      },
      {
        name: 'movedInOn',
        label: '来本市居住日期',
        labelEn: 'Date you moved to this city',
        kind: 'date',
        required: true,
      },
      {
        name: 'workUnit',
        label: '工作单位或就读学校',
        labelEn: 'Employer or school',
        kind: 'text',
        required: false,
        maxLength: 100,
        placeholder: '选填',
        placeholderEn: 'Optional',
      },
      PHONE_FIELD,
    ],
    attachments: [
      ID_CARD_SLOT,
      {
        id: 'residence-proof',
        label: '住所证明',
        labelEn: 'Proof of residence',
        required: true,
        maxFiles: 3,
        hint: '房屋租赁合同、房产证明或单位出具的住宿证明',
        hintEn: 'A tenancy agreement, proof of ownership or a letter from the employer providing the housing',
      },
    ],
    schema: asForm(residenceRegistrationSchema),
    summaryField: 'residenceAddress',
    collection: 'none',
  },
  'shenling-juzhuzheng': {
    serviceId: 'shenling-juzhuzheng',
    title: '申领居住证',
    titleEn: 'Apply for a residence permit',
    notice: [
      '“申报居住登记”审批通过，满半年〔深圳除外〕后“申领居住证”，一般提交资料审核后会有审核结果。',
      '审核通过的，自受理之日起10个工作日内完成居住证发放。〔办理时限以当地居住证服务办理部门实际审核时间为准〕',
      '居住证发放后，请按通知的时间和地点，携带身份证原件前往领取。',
    ],
    noticeEn: [
      'Once your residence registration has been approved and half a year has passed (Shenzhen excepted), apply for a residence permit; the materials are reviewed and you get a result.',
      'If approved, the permit is issued within 10 working days of acceptance (the actual review time of the local office applies).',
      'Once issued, collect it with your original ID card at the place and time given in the notice.',
    ],
    fields: [
      ADDRESS_FIELD,
      {
        name: 'workUnit',
        label: '工作单位或就读学校',
        labelEn: 'Employer or school',
        kind: 'text',
        required: false,
        maxLength: 100,
        placeholder: '选填',
        placeholderEn: 'Optional',
      },
      PHONE_FIELD,
    ],
    attachments: [
      ID_CARD_SLOT,
      {
        id: 'photo',
        label: '本人近期免冠彩色照片',
        labelEn: 'A recent colour photo without headwear',
        required: true,
        maxFiles: 1,
        hint: '白色背景、正面、露出双耳，或数码相片回执',
        hintEn: 'White background, facing the camera, both ears visible, or a digital photo receipt',
      },
    ],
    schema: asForm(permitApplicationSchema),
    summaryField: 'residenceAddress',
    collection: 'in_person',
    promisedWorkingDays: 10,
  },
  'qianzhu-juzhuzheng': {
    serviceId: 'qianzhu-juzhuzheng',
    title: '签注居住证',
    titleEn: 'Endorse your residence permit',
    notice: [
      RESIDENCE_NOTICE,
      '广东省居住证每年签注一次；请在签注有效期届满前30日内申请签注。',
      '审核通过即完成签注，签注结果可在“我的证照”中的居住证查看。',
    ],
    noticeEn: [
      RESIDENCE_NOTICE_EN,
      'A Guangdong Residence Permit is endorsed once a year; apply within the 30 days before the current endorsement runs out.',
      'Approval completes the endorsement; you can see it on the residence permit in My certificates.',
    ],
    fields: [
      {
        name: 'addressChanged',
        label: '居住地址是否变更',
        labelEn: 'Has your address changed?',
        kind: 'select',
        required: true,
        options: ADDRESS_CHANGE,
      },
      {
        ...ADDRESS_FIELD,
        label: '新的居住地址',
        labelEn: 'New address',
        showWhen: { field: 'addressChanged', values: ['yes'] },
      },
      PHONE_FIELD,
    ],
    attachments: [
      {
        id: 'residence-proof',
        label: '新住所证明',
        labelEn: 'Proof of the new residence',
        required: false,
        maxFiles: 3,
        hint: '居住地址变更的，请上传房屋租赁合同或房产证明',
        hintEn: 'If your address changed: the tenancy agreement or proof of ownership',
      },
    ],
    schema: asForm(endorsementSchema),
    summaryField: 'addressChanged',
    collection: 'none',
  },
  'jifen-shenqing': {
    serviceId: 'jifen-shenqing',
    title: '积分申请',
    titleEn: 'Apply for points',
    notice: [
      POINTS_NOTICE,
      '请如实填写个人情况并上传证明材料；审核通过后，核准的积分可在“积分查询”中查看。',
      '积分服务目前暂仅支持广州。',
    ],
    noticeEn: [
      POINTS_NOTICE_EN,
      'Fill in your circumstances truthfully and upload the proofs; once approved, your points show in Points enquiry.',
      'The points service is currently available in Guangzhou only.',
    ],
    fields: [
      {
        name: 'education',
        label: '最高学历',
        labelEn: 'Highest education',
        kind: 'select',
        required: true,
        options: EDUCATION,
      },
      {
        name: 'skill',
        label: '职业资格或专业技术职称',
        labelEn: 'Professional qualification or title',
        kind: 'select',
        required: true,
        options: SKILLS,
      },
      {
        name: 'insuranceYears',
        label: '在穗缴纳社会保险年限',
        labelEn: 'Years of social insurance paid in Guangzhou',
        kind: 'number',
        required: true,
        placeholder: '整年数，如 3',
        placeholderEn: 'Whole years, e.g. 3',
      },
      {
        name: 'employer',
        label: '工作单位',
        labelEn: 'Employer',
        kind: 'text',
        required: true,
        maxLength: 100,
        placeholder: '如：广州某某科技有限公司',
        placeholderEn: 'E.g. the company you work for',
      },
      PHONE_FIELD,
    ],
    attachments: [
      {
        id: 'proofs',
        label: '学历、职业资格等证明材料',
        labelEn: 'Proofs of education, qualifications and the like',
        required: true,
        maxFiles: 5,
        hint: '毕业证书、职业资格证书或职称证书的照片',
        hintEn: 'Photos of diplomas, qualification or title certificates',
      },
    ],
    schema: asForm(pointsApplicationSchema),
    summaryField: 'education',
    collection: 'none',
  },
  'jifen-tiaozheng': {
    serviceId: 'jifen-tiaozheng',
    title: '积分调整',
    titleEn: 'Adjust your points',
    notice: [POINTS_NOTICE, '个人情况发生变化的，可申请调整积分；须已有核准的积分记录。', '积分服务目前暂仅支持广州。'],
    noticeEn: [
      POINTS_NOTICE_EN,
      'When your circumstances change you can apply to adjust your points; you need an approved points record.',
      'The points service is currently available in Guangzhou only.',
    ],
    fields: [
      {
        name: 'item',
        label: '调整项目',
        labelEn: 'What changed',
        kind: 'select',
        required: true,
        options: ADJUSTMENT_ITEMS,
      },
      {
        name: 'newSituation',
        label: '调整后的情况',
        labelEn: 'Your circumstances now',
        kind: 'text',
        required: true,
        maxLength: 100,
        placeholder: '如：取得本科学历',
        placeholderEn: "E.g. obtained a bachelor's degree",
      },
      {
        name: 'reason',
        label: '调整原因',
        labelEn: 'Reason',
        kind: 'textarea',
        required: true,
        maxLength: 300,
      },
      PHONE_FIELD,
    ],
    attachments: [
      {
        id: 'proofs',
        label: '情况变化的证明材料',
        labelEn: 'Proof of the change',
        required: true,
        maxFiles: 5,
      },
    ],
    schema: asForm(pointsAdjustmentSchema),
    summaryField: 'item',
    collection: 'none',
  },
  'jifen-ruhu': {
    serviceId: 'jifen-ruhu',
    title: '积分入户',
    titleEn: 'Household registration by points',
    notice: [
      '积分入户核准分值得到一定值后，即可申请落户，享受更多的就业机会、社会保障更高、办证更为方便。',
      '审核通过后，请按通知的时间和地点，携带身份证原件领取准予迁入证明。',
      '积分服务目前暂仅支持广州。',
    ],
    noticeEn: [
      'Once your approved points reach the required score you can apply to settle, with more job opportunities, better social security and easier access to certificates.',
      'Once approved, collect the permit to move in with your original ID card at the place and time given in the notice.',
      'The points service is currently available in Guangzhou only.',
    ],
    fields: [
      {
        name: 'settleType',
        label: '入户方式',
        labelEn: 'Where to register',
        kind: 'select',
        required: true,
        options: SETTLE_TYPES,
      },
      {
        name: 'settleAddress',
        label: '拟入户地址',
        labelEn: 'Address to register at',
        kind: 'textarea',
        required: true,
        maxLength: 120,
      },
      {
        name: 'dependants',
        label: '随迁人员',
        labelEn: 'Family members moving with you',
        kind: 'textarea',
        required: false,
        maxLength: 200,
        placeholder: '选填：配偶、未成年子女的姓名',
        placeholderEn: 'Optional: names of your spouse and children under 18',
      },
      PHONE_FIELD,
    ],
    attachments: [
      {
        id: 'housing-proof',
        label: '入户地址证明',
        labelEn: 'Proof of the address',
        required: true,
        maxFiles: 3,
        hint: '房产证明或集体户接收证明',
        hintEn: 'Proof of ownership or the collective household’s letter of acceptance',
      },
    ],
    schema: asForm(pointsSettlementSchema),
    summaryField: 'settleType',
    collection: 'in_person',
  },
  'chusheng-dengji': {
    serviceId: 'chusheng-dengji',
    title: '出生登记',
    titleEn: 'Birth registration',
    notice: [
      '选择相应类型，根据提示办理即可。出生登记由新生儿的父亲或母亲在其常住户口所在地申报。',
      '在广东省内医疗机构出生的，出生医学证明信息将与卫生健康部门的记录核对。',
      '审核通过后，请按通知的时间和地点，携带户口簿和身份证原件办理入户。暂不支持广州、深圳地区。',
    ],
    noticeEn: [
      'Choose the type and follow the prompts. The child’s father or mother registers the birth where their permanent household registration is.',
      'For births in a Guangdong hospital, the birth medical certificate is checked against the health commission’s record.',
      'Once approved, bring the household register and your original ID card to the place and at the time given in the notice. Not yet available in Guangzhou or Shenzhen.',
    ],
    fields: [
      {
        name: 'birthKind',
        label: '出生登记类型',
        labelEn: 'Type',
        kind: 'select',
        required: true,
        options: BIRTH_KINDS,
      },
      { name: 'childName', label: '新生儿姓名', labelEn: "Child's name", kind: 'text', required: true, maxLength: 30 },
      { name: 'childSex', label: '新生儿性别', labelEn: "Child's sex", kind: 'select', required: true, options: SEXES },
      { name: 'birthDate', label: '出生日期', labelEn: 'Date of birth', kind: 'date', required: true },
      {
        name: 'certificateNumber',
        label: '出生医学证明编号',
        labelEn: 'Birth medical certificate number',
        kind: 'text',
        required: true,
        maxLength: 10,
        placeholder: '如：Q440612345',
        placeholderEn: 'E.g. Q440612345',
        help: '出生医学证明右上角的编号，1位字母加9位数字',
        helpEn: 'The number at the top right of the certificate: a letter and nine digits',
      },
      { name: 'motherName', label: '母亲姓名', labelEn: "Mother's name", kind: 'text', required: true, maxLength: 30 },
      {
        name: 'motherIdNumber',
        label: '母亲身份证号码',
        labelEn: "Mother's ID number",
        kind: 'idNumber',
        required: true,
      },
      {
        name: 'fatherName',
        label: '父亲姓名',
        labelEn: "Father's name",
        kind: 'text',
        required: false,
        maxLength: 30,
        placeholder: '选填',
        placeholderEn: 'Optional',
      },
      {
        name: 'fatherIdNumber',
        label: '父亲身份证号码',
        labelEn: "Father's ID number",
        kind: 'idNumber',
        required: false,
        placeholder: '选填',
        placeholderEn: 'Optional',
      },
      {
        name: 'householdAddress',
        label: '申报入户地址',
        labelEn: 'Household to register the child in',
        kind: 'textarea',
        required: true,
        maxLength: 120,
        placeholder: '父亲或母亲的户籍地址',
        placeholderEn: "The father's or mother's registered address",
      },
      PHONE_FIELD,
    ],
    attachments: [
      {
        id: 'birth-certificate',
        label: '出生医学证明',
        labelEn: 'Birth medical certificate',
        required: true,
        maxFiles: 2,
      },
      {
        id: 'household-register',
        label: '父母的居民户口簿、身份证',
        labelEn: "The parents' household register and ID cards",
        required: true,
        maxFiles: 6,
      },
      {
        id: 'marriage-certificate',
        label: '结婚证',
        labelEn: 'Marriage certificate',
        required: false,
        maxFiles: 2,
        hint: '选填',
        hintEn: 'Optional',
      },
    ],
    schema: asForm(birthRegistrationSchema),
    summaryField: 'childName',
    collection: 'in_person',
  },
  'hunyin-dengji-jilu-zhengming': {
    serviceId: 'hunyin-dengji-jilu-zhengming',
    title: '婚姻登记记录证明',
    titleEn: 'Marriage registration record certificate',
    notice: [
      '婚姻登记记录证明载明本人在广东省婚姻登记机关办理的结婚、离婚登记记录，由民政部门出具。',
      '婚姻登记机关不出具“无婚姻登记记录证明”；未查询到婚姻登记记录的，无法申请。',
      '审核通过后，证明将邮寄至您填写的地址。',
    ],
    noticeEn: [
      'The certificate states the marriage and divorce registrations you made at Guangdong registries; civil affairs issue it.',
      'Registries do not issue a certificate of no marriage registration; without a record you cannot apply.',
      'Once approved, the certificate is sent by post to the address you give.',
    ],
    fields: [
      {
        name: 'purpose',
        label: '开具用途',
        labelEn: 'Purpose',
        kind: 'select',
        required: true,
        options: MARRIAGE_PROOF_PURPOSES,
      },
      {
        name: 'purposeDetail',
        label: '具体用途',
        labelEn: 'Purpose in detail',
        kind: 'text',
        required: true,
        maxLength: 100,
        showWhen: { field: 'purpose', values: ['other'] },
      },
      { name: 'recipientName', label: '收件人', labelEn: 'Recipient', kind: 'text', required: true, maxLength: 30 },
      { name: 'recipientPhone', label: '收件人手机号码', labelEn: "Recipient's mobile", kind: 'phone', required: true },
      {
        name: 'postalAddress',
        label: '邮寄地址',
        labelEn: 'Postal address',
        kind: 'textarea',
        required: true,
        maxLength: 120,
      },
    ],
    attachments: [],
    schema: asForm(marriageProofSchema),
    summaryField: 'purpose',
    collection: 'post',
  },
};
