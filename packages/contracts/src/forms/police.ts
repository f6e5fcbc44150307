import { z } from 'zod';
import type { ApplicationFormSpec } from '../cases.js';
import { trimmed } from './schema-helpers.js';

const NO_CRIMINAL_RECORD_PURPOSES = [
  { value: 'employment', label: '就业入职', labelEn: 'Employment' },
  { value: 'abroad', label: '出国（境）', labelEn: 'Going abroad' },
  { value: 'study', label: '升学', labelEn: 'Study' },
  { value: 'qualification', label: '资格考试或职业资格', labelEn: 'Exams or professional qualifications' },
  { value: 'other', label: '其他', labelEn: 'Other' },
] as const;

const noCriminalRecordSchema = z
  .object({
    purpose: z.enum(NO_CRIMINAL_RECORD_PURPOSES.map((p) => p.value) as [string, ...string[]], {
      error: '请选择开具用途',
    }),
    purposeDetail: z.string().trim().max(100, '其他用途不能超过100个字').optional(),
    receivingUnit: trimmed('请填写使用单位（证明提交给哪个单位）', 100, '使用单位不能超过100个字'),
    residenceAddress: trimmed('请填写现居住地址', 120, '现居住地址不能超过120个字'),
    workUnit: z.string().trim().max(100, '工作单位不能超过100个字').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.purpose === 'other' && !v.purposeDetail) {
      ctx.addIssue({ code: 'custom', path: ['purposeDetail'], message: '用途选择“其他”时，请填写具体用途' });
    }
  });

/** 公安 (G5): 无犯罪记录证明. */
export const POLICE_FORMS: Readonly<Record<string, ApplicationFormSpec>> = {
  'wufanzui-jilu-zhengming': {
    serviceId: 'wufanzui-jilu-zhengming',
    progressServiceId: 'wufanzui-jilu-zhengming-jindu',
    title: '无犯罪记录证明申请',
    titleEn: 'Apply for a certificate of no criminal record',
    notice: [
      '本证明用于证明申请人在本省户籍或居住期间无犯罪记录，由公安机关出具。',
      '请如实填写申请信息并上传身份证正反面照片；信息不全或不清晰的，将通知您补正材料。',
      '审核通过后，目前暂仅支持现场领取：请按通知的时间和地点，携带身份证原件前往领取。',
    ],
    noticeEn: [
      'The police issue this certificate to show that the applicant has no criminal record while registered or resident in the province.',
      'Fill in the form truthfully and upload photos of both sides of your ID card; if anything is missing or unclear you will be asked to supplement it.',
      'Once approved, the certificate can currently only be collected in person: bring your original ID card to the place and at the time given in the notice.',
    ],
    fields: [
      {
        name: 'purpose',
        label: '开具用途',
        labelEn: 'Purpose',
        kind: 'select',
        required: true,
        options: NO_CRIMINAL_RECORD_PURPOSES,
      },
      {
        name: 'purposeDetail',
        label: '具体用途',
        labelEn: 'Purpose in detail',
        kind: 'text',
        required: true,
        maxLength: 100,
        placeholder: '请填写具体用途',
        placeholderEn: 'What is it for?',
        showWhen: { field: 'purpose', values: ['other'] },
      },
      {
        name: 'receivingUnit',
        label: '使用单位',
        labelEn: 'Receiving organisation',
        kind: 'text',
        required: true,
        maxLength: 100,
        placeholder: '证明提交给哪个单位，如：广州某某科技有限公司',
        placeholderEn: 'Who the certificate is for, e.g. the employer',
      },
      {
        name: 'residenceAddress',
        label: '现居住地址',
        labelEn: 'Current address',
        kind: 'textarea',
        required: true,
        maxLength: 120,
        placeholder: '请填写现居住的详细地址',
        placeholderEn: 'Your full current address',
      },
      {
        name: 'workUnit',
        label: '现工作单位',
        labelEn: 'Current employer',
        kind: 'text',
        required: false,
        maxLength: 100,
        placeholder: '选填',
        placeholderEn: 'Optional',
      },
    ],
    attachments: [
      {
        id: 'id-card',
        label: '居民身份证正反面照片',
        labelEn: 'Both sides of your resident ID card',
        required: true,
        maxFiles: 2,
        hint: '请拍摄清晰、完整的正面（人像面）和反面（国徽面）',
        hintEn: 'Clear, complete photos of the front (photo side) and back (emblem side)',
      },
      {
        id: 'supporting',
        label: '其他证明材料',
        labelEn: 'Other supporting documents',
        required: false,
        maxFiles: 3,
        hint: '如单位开具的证明函（选填）',
        hintEn: 'E.g. a letter from the organisation (optional)',
      },
    ],
    schema: noCriminalRecordSchema as unknown as z.ZodType<Record<string, string | undefined>>,
    summaryField: 'purpose',
    collection: 'in_person',
  },
};
