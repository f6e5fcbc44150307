import { z } from 'zod';
import type { ApplicationFormSpec, FormFieldSpec } from '../cases.js';
import { choice, mobilePhone, optionalText, trimmed } from './schema-helpers.js';

/**
 * 助残 (B8) and 老年人服务 (E4): applications reviewed by the disabled persons' federation (残联) and the civil-affairs
 * offices (民政). Who may apply (an existing 残疾人证, the age) is checked by the server's eligibility rules
 * (apps/server/src/modules/cases/eligibility/welfare.ts); docs/welfare.md.
 */

const asForm = (schema: z.ZodType) => schema as unknown as z.ZodType<Record<string, string | undefined>>;

/** The guide's sentence on 助残 (its words), first in every 残联 notice. */
const DISABILITY_INTRO =
  '为帮助减轻残疾人的生活负担，“粤省事”支持全省办理残疾人证申请、补办、残疾等级变更及部分类型补贴申请。';
const DISABILITY_INTRO_EN =
  'To ease the burden on people with disabilities, Yueshengshi handles disability certificate applications, replacements, disability level changes and some subsidy applications province-wide.';
const WHO_APPLIES =
  '可本人办理或为他人办理：为家人办理须先在“我的—家人与授权”中取得对方授权（未满14周岁子女由父母办理），申请人为被代办人本人。';
const WHO_APPLIES_EN =
  'You may apply for yourself or for someone else: first get their authorisation under Me → Family and authorisations (parents act for children under 14); the applicant is the person you act for.';

export const DISABILITY_CATEGORIES = [
  { value: '1', label: '视力残疾', labelEn: 'Visual' },
  { value: '2', label: '听力残疾', labelEn: 'Hearing' },
  { value: '3', label: '言语残疾', labelEn: 'Speech' },
  { value: '4', label: '肢体残疾', labelEn: 'Physical' },
  { value: '5', label: '智力残疾', labelEn: 'Intellectual' },
  { value: '6', label: '精神残疾', labelEn: 'Mental' },
  { value: '7', label: '多重残疾', labelEn: 'Multiple' },
] as const;

const REISSUE_REASONS = [
  { value: 'lost', label: '遗失', labelEn: 'Lost' },
  { value: 'damaged', label: '损毁', labelEn: 'Damaged' },
] as const;

export const DISABILITY_SUBSIDY_KINDS = [
  { value: 'living', label: '困难残疾人生活补贴', labelEn: 'Living subsidy for disabled people in hardship' },
  { value: 'care', label: '重度残疾人护理补贴', labelEn: 'Care subsidy for severely disabled people' },
] as const;

const LIVING_SITUATIONS = [
  { value: 'family', label: '与家人同住', labelEn: 'Lives with family' },
  { value: 'alone', label: '独居', labelEn: 'Lives alone' },
  { value: 'institution', label: '在养老机构居住', labelEn: 'Lives in a care home' },
] as const;

export const CARD_APPLY_TYPES = [
  { value: 'first', label: '首次申领', labelEn: 'First card' },
  { value: 'reissue', label: '遗失或损坏补领', labelEn: 'Replacement (lost or damaged)' },
] as const;

const contactPhone: FormFieldSpec = {
  name: 'contactPhone',
  label: '联系电话',
  labelEn: 'Contact phone',
  kind: 'phone',
  required: true,
  placeholder: '用于工作人员联系您',
  placeholderEn: 'So that staff can reach you',
};

const residenceAddress: FormFieldSpec = {
  name: 'residenceAddress',
  label: '现居住地址',
  labelEn: 'Current address',
  kind: 'textarea',
  required: true,
  maxLength: 120,
  placeholder: '请填写现居住的详细地址',
  placeholderEn: 'Your full current address',
};

const idCardSlot = {
  id: 'id-card',
  label: '居民身份证正反面照片',
  labelEn: 'Both sides of your resident ID card',
  required: true,
  maxFiles: 2,
  hint: '请拍摄清晰、完整的正面（人像面）和反面（国徽面）',
  hintEn: 'Clear, complete photos of the front (photo side) and back (emblem side)',
} as const;

const photoSlot = {
  id: 'photo',
  label: '近期二寸免冠彩色照片',
  labelEn: 'A recent 2-inch colour photo, bareheaded',
  required: true,
  maxFiles: 1,
  hint: '白色或浅蓝色背景，正面免冠',
  hintEn: 'White or light blue background, facing the camera, no hat',
} as const;

const phoneSchema = mobilePhone('请填写联系电话');
const addressSchema = trimmed('请填写现居住地址', 120, '现居住地址不能超过120个字');

export const WELFARE_FORMS: Readonly<Record<string, ApplicationFormSpec>> = {
  'canjirenzheng-shenqing': {
    serviceId: 'canjirenzheng-shenqing',
    title: '残疾人证申请',
    titleEn: 'Apply for a disability certificate',
    notice: [
      DISABILITY_INTRO,
      '申请人须为未持有残疾人证的本人；已持有残疾人证的，请办理补办或残疾等级变更。',
      '受理后，残联将通知您到指定医疗机构进行残疾评定；评定结果符合标准的，核发残疾人证，请按通知的时间和地点携带身份证原件现场领取。',
      WHO_APPLIES,
    ],
    noticeEn: [
      DISABILITY_INTRO_EN,
      'Apply only if you hold no disability certificate; holders apply for a replacement or a level change instead.',
      'Once accepted, the federation will ask you to attend a disability assessment at a designated medical institution; if the result meets the standard the certificate is issued: collect it in person with your original ID card at the place and time in the notice.',
      WHO_APPLIES_EN,
    ],
    fields: [
      {
        name: 'category',
        label: '申请残疾类别',
        labelEn: 'Category of disability',
        kind: 'select',
        required: true,
        options: DISABILITY_CATEGORIES,
        help: '以残疾评定结果为准',
        helpEn: 'The assessment decides the final category',
      },
      {
        name: 'cause',
        label: '致残原因及现状',
        labelEn: 'Cause and present condition',
        kind: 'textarea',
        required: true,
        maxLength: 300,
        placeholder: '如：先天、疾病、意外伤害，以及目前的主要困难',
        placeholderEn: 'E.g. congenital, illness or injury, and the main difficulties today',
      },
      residenceAddress,
      contactPhone,
    ],
    attachments: [
      idCardSlot,
      photoSlot,
      {
        id: 'medical',
        label: '病历或诊断证明',
        labelEn: 'Medical records or a diagnosis',
        required: false,
        maxFiles: 5,
        hint: '有助于评定的近期病历、检查报告（选填）',
        hintEn: 'Recent records or test reports that help the assessment (optional)',
      },
    ],
    schema: asForm(
      z
        .object({
          category: choice(DISABILITY_CATEGORIES, '请选择申请残疾类别'),
          cause: trimmed('请填写致残原因及现状', 300, '致残原因及现状不能超过300个字'),
          residenceAddress: addressSchema,
          contactPhone: phoneSchema,
        })
        .strict(),
    ),
    summaryField: 'category',
    collection: 'in_person',
  },

  'canjirenzheng-buban': {
    serviceId: 'canjirenzheng-buban',
    title: '残疾人证补办',
    titleEn: 'Replace a disability certificate',
    notice: [
      DISABILITY_INTRO,
      '残疾人证遗失或损毁的，可申请补办；补办的证件记载的残疾类别、等级与原证一致，原证自补办之日起作废。',
      '审核通过后，请按通知的时间和地点携带身份证原件（损毁的请一并交回原证）现场领取。',
      WHO_APPLIES,
    ],
    noticeEn: [
      DISABILITY_INTRO_EN,
      'A lost or damaged disability certificate can be replaced; the new card records the same category and level, and the old one becomes invalid.',
      'Once approved, collect it in person with your original ID card (and hand in a damaged card) at the place and time in the notice.',
      WHO_APPLIES_EN,
    ],
    fields: [
      {
        name: 'reason',
        label: '补办原因',
        labelEn: 'Reason',
        kind: 'select',
        required: true,
        options: REISSUE_REASONS,
      },
      {
        name: 'detail',
        label: '情况说明',
        labelEn: 'What happened',
        kind: 'textarea',
        required: false,
        maxLength: 200,
        placeholder: '选填，如遗失的时间、地点',
        placeholderEn: 'Optional, e.g. when and where it was lost',
      },
      residenceAddress,
      contactPhone,
    ],
    attachments: [
      idCardSlot,
      photoSlot,
      {
        id: 'damaged-card',
        label: '损毁证件照片',
        labelEn: 'Photo of the damaged card',
        required: false,
        maxFiles: 2,
        hint: '证件损毁的请上传（选填）',
        hintEn: 'If the card is damaged (optional)',
      },
    ],
    schema: asForm(
      z
        .object({
          reason: choice(REISSUE_REASONS, '请选择补办原因'),
          detail: optionalText(200, '情况说明不能超过200个字'),
          residenceAddress: addressSchema,
          contactPhone: phoneSchema,
        })
        .strict(),
    ),
    summaryField: 'reason',
    collection: 'in_person',
  },

  'canji-dengji-biangeng': {
    serviceId: 'canji-dengji-biangeng',
    title: '残疾等级变更',
    titleEn: 'Change of disability level',
    notice: [
      DISABILITY_INTRO,
      '持有残疾人证、残疾状况发生变化的，可申请变更残疾等级；受理后须重新进行残疾评定，以评定结果为准。',
      '评定后等级变更的，换发新证：请按通知的时间和地点携带身份证原件及原残疾人证现场领取。',
      WHO_APPLIES,
    ],
    noticeEn: [
      DISABILITY_INTRO_EN,
      'Certificate holders whose condition has changed can ask for a new level; a new assessment follows and its result decides.',
      'If the level changes a new card is issued: collect it in person with your original ID card and the old certificate at the place and time in the notice.',
      WHO_APPLIES_EN,
    ],
    fields: [
      {
        name: 'direction',
        label: '变更申请',
        labelEn: 'Change asked for',
        kind: 'select',
        required: true,
        options: [
          { value: 'worse', label: '残疾状况加重', labelEn: 'The condition has worsened' },
          { value: 'better', label: '残疾状况减轻', labelEn: 'The condition has improved' },
        ],
      },
      {
        name: 'reason',
        label: '变化情况说明',
        labelEn: 'How the condition changed',
        kind: 'textarea',
        required: true,
        maxLength: 300,
        placeholder: '请说明残疾状况的变化及时间',
        placeholderEn: 'What changed, and since when',
      },
      contactPhone,
    ],
    attachments: [
      idCardSlot,
      {
        id: 'medical',
        label: '近期病历或诊断证明',
        labelEn: 'Recent medical records or a diagnosis',
        required: true,
        maxFiles: 5,
        hint: '说明残疾状况变化的病历、检查报告',
        hintEn: 'Records or test reports showing the change',
      },
    ],
    schema: asForm(
      z
        .object({
          direction: z.enum(['worse', 'better'], { error: '请选择变更申请' }),
          reason: trimmed('请填写变化情况说明', 300, '变化情况说明不能超过300个字'),
          contactPhone: phoneSchema,
        })
        .strict(),
    ),
    summaryField: 'direction',
    collection: 'in_person',
  },

  'canjiren-butie-shenqing': {
    serviceId: 'canjiren-butie-shenqing',
    title: '残疾人补贴申请',
    titleEn: 'Apply for a disability subsidy',
    notice: [
      '选择补贴类型，根据界面提示操作即可。申请人须持有有效的残疾人证。',
      '困难残疾人生活补贴：面向最低生活保障家庭或低收入家庭中的残疾人；重度残疾人护理补贴：面向残疾等级为一级、二级的残疾人。',
      '审核通过后，补贴自批准的次月起按月发放，无需领取。',
      WHO_APPLIES,
    ],
    noticeEn: [
      'Choose the type of subsidy and follow the prompts. You must hold a valid disability certificate.',
      'Living subsidy: for disabled people in households on the minimum living allowance or recognised as low-income; care subsidy: for disability levels one and two.',
      'Once approved, the subsidy is paid monthly from the following month; there is nothing to collect.',
      WHO_APPLIES_EN,
    ],
    fields: [
      {
        name: 'kind',
        label: '补贴类型',
        labelEn: 'Subsidy',
        kind: 'select',
        required: true,
        options: DISABILITY_SUBSIDY_KINDS,
      },
      {
        name: 'livingSituation',
        label: '生活照料情况',
        labelEn: 'Daily care',
        kind: 'select',
        required: true,
        options: [
          { value: 'family', label: '家庭成员照料', labelEn: 'Cared for by the family' },
          { value: 'alone', label: '独自生活', labelEn: 'Living alone' },
          { value: 'institution', label: '在机构托养', labelEn: 'In a care institution' },
        ],
      },
      contactPhone,
    ],
    attachments: [idCardSlot],
    schema: asForm(
      z
        .object({
          kind: choice(DISABILITY_SUBSIDY_KINDS, '请选择补贴类型'),
          livingSituation: z.enum(['family', 'alone', 'institution'], { error: '请选择生活照料情况' }),
          contactPhone: phoneSchema,
        })
        .strict(),
    ),
    summaryField: 'kind',
    collection: 'none',
  },
  // ------------------------------------------------------------------------------------------------------------
  // 老年人服务 (E4)
  // ------------------------------------------------------------------------------------------------------------

  'gaoling-jintie-shenqing': {
    serviceId: 'gaoling-jintie-shenqing',
    title: '高龄津贴申请',
    titleEn: 'Apply for the old-age allowance',
    notice: [
      '高龄津贴申请暂仅支持肇庆、清远、韶关地区。',
      '申请人须为年满80周岁、户籍在当前城市的老年人；已在领取高龄津贴的无需重复申请。',
      '审核通过后，津贴自批准的次月起按月发放，无需领取。',
      '可本人办理或为他人办理：子女等家人为老人办理的，须先在“我的—家人与授权”中取得老人授权，申请条件按老人本人核验。',
    ],
    noticeEn: [
      'Applications for the old-age allowance are currently taken in Zhaoqing, Qingyuan and Shaoguan only.',
      'You must be 80 or older with your hukou in the current city; people already receiving the allowance need not apply.',
      'Once approved, the allowance is paid monthly from the following month; there is nothing to collect.',
      'You may apply for yourself or for someone else: family members applying for an older person first get their authorisation under Me → Family and authorisations; the conditions are checked for the older person.',
    ],
    fields: [
      {
        name: 'livingSituation',
        label: '居住情况',
        labelEn: 'Living situation',
        kind: 'select',
        required: true,
        options: LIVING_SITUATIONS,
      },
      residenceAddress,
      contactPhone,
    ],
    attachments: [
      idCardSlot,
      {
        id: 'household-register',
        label: '户口簿本人页',
        labelEn: 'Your page of the household register',
        required: false,
        maxFiles: 2,
        hint: '选填',
        hintEn: 'Optional',
      },
    ],
    schema: asForm(
      z
        .object({
          livingSituation: choice(LIVING_SITUATIONS, '请选择居住情况'),
          residenceAddress: addressSchema,
          contactPhone: phoneSchema,
        })
        .strict(),
    ),
    summaryField: 'livingSituation',
    collection: 'none',
  },

  'laonianren-youdaizheng-hefa': {
    serviceId: 'laonianren-youdaizheng-hefa',
    title: '老年人优待证核发（佛山：老人卡申办）',
    titleEn: 'Apply for a senior citizen card (Foshan: elderly card)',
    notice: [
      '老年人优待证核发暂仅支持佛山、清远、韶关地区（佛山为“老人卡申办”）。',
      '申请人须年满60周岁，凭证可享受当地规定的老年人优待。',
      '审核通过后，请按通知的时间和地点携带身份证原件现场领取。',
    ],
    noticeEn: [
      'Senior citizen cards are currently issued online in Foshan, Qingyuan and Shaoguan only (in Foshan: "Apply for an elderly card").',
      'You must be 60 or older; the card gives the benefits for older people the city provides.',
      'Once approved, collect the card in person with your original ID card at the place and time in the notice.',
    ],
    fields: [
      {
        name: 'applyType',
        label: '申领类型',
        labelEn: 'Type of application',
        kind: 'select',
        required: true,
        options: CARD_APPLY_TYPES,
      },
      residenceAddress,
      contactPhone,
    ],
    attachments: [idCardSlot, photoSlot],
    schema: asForm(
      z
        .object({
          applyType: choice(CARD_APPLY_TYPES, '请选择申领类型'),
          residenceAddress: addressSchema,
          contactPhone: phoneSchema,
        })
        .strict(),
    ),
    summaryField: 'applyType',
    collection: 'in_person',
  },
};
