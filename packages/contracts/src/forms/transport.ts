import { z } from 'zod';
import type { ApplicationFormSpec, FormFieldSpec } from '../cases.js';
import { normalizePlate } from '../validators/plate.js';
import { choice, isoDate, mobilePhone, optionalText, personName, plateNumber, trimmed } from './schema-helpers.js';

/**
 * 行驶驾驶 (D3) and 智慧出行's emergency help (D5): 六年免检申请, 驾驶证换证, 行驶证换证 (traffic police), 快速理赔 (traffic
 * police), 道路救援 (transport department). Who may apply is decided from the traffic police's records by the rules in
 * apps/server/src/modules/cases/eligibility/transport.ts; the forms here only check the values.
 */

const plate = (required: string) => plateNumber(required).transform((v) => normalizePlate(v));

/** Where a result sent by post goes: recipient, phone, address (the 检验标志, the new licence). */
const POSTAL_FIELDS: readonly FormFieldSpec[] = [
  {
    name: 'recipientName',
    label: '收件人',
    labelEn: 'Recipient',
    kind: 'text',
    required: true,
    maxLength: 30,
  },
  {
    name: 'recipientPhone',
    label: '收件人手机号码',
    labelEn: "Recipient's mobile number",
    kind: 'phone',
    required: true,
  },
  {
    name: 'postalAddress',
    label: '邮寄地址',
    labelEn: 'Postal address',
    kind: 'textarea',
    required: true,
    maxLength: 120,
    placeholder: '省内地址，如：广州市天河区天河路1号某小区2栋301',
    placeholderEn: 'An address in Guangdong',
  },
];
const postalShape = {
  recipientName: personName('请填写收件人姓名'),
  recipientPhone: mobilePhone('请填写收件人手机号码'),
  postalAddress: trimmed('请填写邮寄地址', 120, '邮寄地址不能超过120个字'),
};

const PLATE_FIELD: FormFieldSpec = {
  name: 'plate',
  label: '号牌号码',
  labelEn: 'Plate number',
  kind: 'text',
  required: true,
  maxLength: 10,
  placeholder: '如 粤A12345',
  placeholderEn: 'e.g. 粤A12345',
  help: '须为登记在您本人名下的机动车',
  helpEn: 'A vehicle registered in your name',
};

// ---------------------------------------------------------------------------------------------------------------

export const LICENCE_RENEWAL_REASONS = [
  { value: 'expiring', label: '有效期满换证', labelEn: 'Validity ending' },
  { value: 'damaged', label: '驾驶证损毁', labelEn: 'Licence damaged' },
  { value: 'lost', label: '驾驶证遗失', labelEn: 'Licence lost' },
] as const;

export const VEHICLE_LICENCE_REASONS = [
  { value: 'damaged', label: '行驶证损毁', labelEn: 'Vehicle licence damaged' },
  { value: 'lost', label: '行驶证遗失', labelEn: 'Vehicle licence lost' },
  { value: 'full', label: '检验记录栏已签满', labelEn: 'Inspection record pages full' },
] as const;

export const INSURERS = [
  { value: 'picc', label: '中国人民财产保险', labelEn: 'PICC Property and Casualty' },
  { value: 'pingan', label: '中国平安财产保险', labelEn: 'Ping An Property & Casualty' },
  { value: 'cpic', label: '中国太平洋财产保险', labelEn: 'China Pacific Property Insurance' },
  { value: 'chinalife', label: '中国人寿财产保险', labelEn: 'China Life Property & Casualty' },
  { value: 'dadi', label: '中国大地财产保险', labelEn: 'China Continent Insurance' },
  { value: 'sunshine', label: '阳光财产保险', labelEn: 'Sunshine Property and Casualty' },
  { value: 'taiping', label: '太平财产保险', labelEn: 'Taiping General Insurance' },
  { value: 'other', label: '其他保险公司', labelEn: 'Another insurer' },
] as const;

export const INJURY_CHOICES = [
  { value: 'none', label: '无人员伤亡，车辆可以移动', labelEn: 'Nobody hurt, the vehicles can be moved' },
  { value: 'injured', label: '有人员受伤或车辆无法移动', labelEn: 'Someone is hurt or a vehicle cannot be moved' },
] as const;

export const RESCUE_PROBLEMS = [
  { value: 'breakdown', label: '车辆故障无法行驶', labelEn: 'Breakdown, cannot drive on' },
  { value: 'tyre', label: '爆胎或轮胎漏气', labelEn: 'Burst or flat tyre' },
  { value: 'battery', label: '电瓶亏电（需搭电）', labelEn: 'Flat battery (jump start)' },
  { value: 'fuel', label: '燃油或电量耗尽', labelEn: 'Out of fuel or charge' },
  { value: 'stuck', label: '车辆陷入或翻入路边', labelEn: 'Stuck or off the road' },
  { value: 'accident', label: '交通事故后需拖车', labelEn: 'Towing after an accident' },
  { value: 'other', label: '其他', labelEn: 'Other' },
] as const;

const PLATE_REQUIRED = '请填写号牌号码';

/** 交管 (D3, D5): the traffic police's applications and the transport department's 道路救援. */
export const TRANSPORT_FORMS: Readonly<Record<string, ApplicationFormSpec>> = {
  'liunian-mianjian-shenqing': {
    serviceId: 'liunian-mianjian-shenqing',
    title: '六年免检申请（申领检验标志）',
    titleEn: 'Six-year inspection exemption (inspection label)',
    notice: [
      '非营运小型、微型载客汽车（面包车除外）注册登记10年内免予上线检验；第6年在检验有效期满前3个月内申领检验标志，无需到检验机构检验。',
      '申请前，车辆涉及的交通违法行为和交通事故须处理完毕；车辆须登记在申请人本人名下。',
      '公安交通管理部门根据车辆登记信息审核，审核通过后将检验合格标志邮寄至您填写的地址。',
    ],
    noticeEn: [
      'Non-operating small and mini passenger cars (vans excepted) need no on-line inspection for 10 years after registration; in the 6th year the owner applies for the inspection label in the 3 months before the inspection validity ends, without going to an inspection station.',
      "The vehicle's traffic violations and accidents must all be dealt with first, and the vehicle must be registered in the applicant's name.",
      "The traffic police check the vehicle's record; once approved, the inspection label is posted to the address you give.",
    ],
    fields: [PLATE_FIELD, ...POSTAL_FIELDS],
    attachments: [],
    schema: z.object({ plate: plate(PLATE_REQUIRED), ...postalShape }).strict() as unknown as z.ZodType<
      Record<string, string | undefined>
    >,
    summaryField: 'plate',
    collection: 'post',
  },
  'jiashizheng-huanzheng': {
    serviceId: 'jiashizheng-huanzheng',
    title: '驾驶证换证申请',
    titleEn: 'Apply for a new driving licence',
    notice: [
      '驾驶证有效期满的，可在有效期满前90日内申请换证；驾驶证损毁或遗失的，可随时申请换领或补领。',
      '驾驶证被暂扣、吊销，或累积记分达到12分的，不能在线申请换证。',
      '请上传本人近期白底证件照；审核通过后，新驾驶证将邮寄至您填写的地址。',
    ],
    noticeEn: [
      'A licence whose validity ends may be renewed in the 90 days before; a damaged or lost licence may be replaced at any time.',
      'A suspended or revoked licence, or one with 12 points in the cycle, cannot be renewed online.',
      'Upload a recent photo of yourself on a white background; once approved, the new licence is posted to the address you give.',
    ],
    fields: [
      {
        name: 'reason',
        label: '换证原因',
        labelEn: 'Reason',
        kind: 'select',
        required: true,
        options: LICENCE_RENEWAL_REASONS,
      },
      ...POSTAL_FIELDS,
    ],
    attachments: [
      {
        id: 'photo',
        label: '本人近期证件照',
        labelEn: 'A recent photo of yourself',
        required: true,
        maxFiles: 1,
        hint: '白色背景、免冠正面，近6个月内拍摄',
        hintEn: 'White background, bareheaded, facing the camera, taken in the last 6 months',
      },
      {
        id: 'health',
        label: '身体条件证明',
        labelEn: 'Medical certificate',
        required: false,
        maxFiles: 2,
        hint: '年龄60周岁以上或申请大中型客货车准驾车型的，请上传医疗机构出具的身体条件证明',
        hintEn: 'Required from age 60, and for large passenger or goods vehicle classes',
      },
    ],
    schema: z
      .object({ reason: choice(LICENCE_RENEWAL_REASONS, '请选择换证原因'), ...postalShape })
      .strict() as unknown as z.ZodType<Record<string, string | undefined>>,
    summaryField: 'reason',
    collection: 'post',
  },
  'xingshizheng-huanzheng': {
    serviceId: 'xingshizheng-huanzheng',
    title: '行驶证换证申请',
    titleEn: 'Apply for a new vehicle licence',
    notice: [
      '机动车行驶证损毁、遗失，或检验记录栏已签满的，车辆所有人可以申请换领或补领行驶证。',
      '车辆须登记在申请人本人名下；逾期未检验的车辆，请先完成安全技术检验。',
      '审核通过后，新行驶证将邮寄至您填写的地址。',
    ],
    noticeEn: [
      'The owner may apply for a new vehicle licence when it is damaged or lost, or its inspection record pages are full.',
      "The vehicle must be registered in the applicant's name; a vehicle overdue for inspection must be inspected first.",
      'Once approved, the new vehicle licence is posted to the address you give.',
    ],
    fields: [
      PLATE_FIELD,
      {
        name: 'reason',
        label: '换证原因',
        labelEn: 'Reason',
        kind: 'select',
        required: true,
        options: VEHICLE_LICENCE_REASONS,
      },
      ...POSTAL_FIELDS,
    ],
    attachments: [
      {
        id: 'licence',
        label: '原行驶证照片',
        labelEn: 'Photo of the old vehicle licence',
        required: false,
        maxFiles: 2,
        hint: '损毁或签满的，请上传原行驶证正副页照片；遗失的无需上传',
        hintEn: 'For a damaged or full licence, both pages; not needed when lost',
      },
    ],
    schema: z
      .object({
        plate: plate(PLATE_REQUIRED),
        reason: choice(VEHICLE_LICENCE_REASONS, '请选择换证原因'),
        ...postalShape,
      })
      .strict() as unknown as z.ZodType<Record<string, string | undefined>>,
    summaryField: 'plate',
    collection: 'post',
  },
  'kuaisu-lipei': {
    serviceId: 'kuaisu-lipei',
    title: '轻微交通事故快速理赔',
    titleEn: 'Quick claim after a minor accident',
    notice: [
      '仅适用于无人员伤亡、车辆可以移动的轻微财产损失交通事故（快处快赔）。有人员受伤的，请立即拨打122或110报警，不要移动车辆。',
      '请先在确保安全的情况下拍摄现场照片（车辆全景、碰撞部位、双方号牌），再将车辆移至不妨碍交通的地点。',
      '交警根据提交的信息认定责任后，将结果告知双方，并推送至双方保险公司办理理赔。',
    ],
    noticeEn: [
      'Only for minor accidents with property damage, nobody hurt and the vehicles able to move. If anyone is hurt, call 122 or 110 at once and do not move the vehicles.',
      'Safely take photos of the scene (whole vehicles, damaged parts, both plates) first, then move the vehicles out of the way.',
      'The traffic police decide who is liable from what you send, tell both parties, and pass it to both insurers for the claim.',
    ],
    fields: [
      {
        name: 'injuries',
        label: '人员伤亡情况',
        labelEn: 'Injuries',
        kind: 'select',
        required: true,
        options: INJURY_CHOICES,
      },
      { name: 'accidentDate', label: '事故日期', labelEn: 'Date of the accident', kind: 'date', required: true },
      {
        name: 'accidentPlace',
        label: '事故地点',
        labelEn: 'Place of the accident',
        kind: 'textarea',
        required: true,
        maxLength: 100,
        placeholder: '道路、路口或门牌号，如：天河路与体育东路交叉路口',
        placeholderEn: 'Road, junction or street number',
      },
      {
        ...PLATE_FIELD,
        name: 'ownPlate',
        label: '本方号牌号码',
        labelEn: 'Your plate',
        help: undefined,
        helpEn: undefined,
      },
      {
        name: 'ownInsurer',
        label: '本方承保保险公司',
        labelEn: 'Your insurer',
        kind: 'select',
        required: true,
        options: INSURERS,
      },
      {
        ...PLATE_FIELD,
        name: 'otherPlate',
        label: '对方号牌号码',
        labelEn: "The other party's plate",
        help: undefined,
        helpEn: undefined,
      },
      {
        name: 'otherInsurer',
        label: '对方承保保险公司',
        labelEn: "The other party's insurer",
        kind: 'select',
        required: true,
        options: INSURERS,
      },
      {
        name: 'otherPhone',
        label: '对方驾驶人手机号码',
        labelEn: "The other driver's mobile",
        kind: 'phone',
        required: true,
      },
      {
        name: 'description',
        label: '事故经过',
        labelEn: 'What happened',
        kind: 'textarea',
        required: true,
        maxLength: 300,
        placeholder: '如：本车直行，对方车辆变更车道时碰撞本车右后侧',
        placeholderEn: 'e.g. I was going straight; the other car changed lanes into my right rear side',
      },
    ],
    attachments: [
      {
        id: 'scene',
        label: '事故现场照片',
        labelEn: 'Photos of the scene',
        required: true,
        maxFiles: 6,
        hint: '车辆全景、碰撞部位、双方号牌各至少一张',
        hintEn: 'At least one each of the whole vehicles, the damage and both plates',
      },
      {
        id: 'documents',
        label: '双方驾驶证、行驶证照片',
        labelEn: "Both parties' driving and vehicle licences",
        required: false,
        maxFiles: 4,
      },
    ],
    schema: z
      .object({
        injuries: choice(INJURY_CHOICES, '请选择人员伤亡情况'),
        accidentDate: isoDate('请选择事故日期'),
        accidentPlace: trimmed('请填写事故地点', 100, '事故地点不能超过100个字'),
        ownPlate: plate('请填写本方号牌号码'),
        ownInsurer: choice(INSURERS, '请选择本方承保保险公司'),
        otherPlate: plate('请填写对方号牌号码'),
        otherInsurer: choice(INSURERS, '请选择对方承保保险公司'),
        otherPhone: mobilePhone('请填写对方驾驶人手机号码'),
        description: trimmed('请填写事故经过', 300, '事故经过不能超过300个字'),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.ownPlate && v.ownPlate === v.otherPlate) {
          ctx.addIssue({ code: 'custom', path: ['otherPlate'], message: '对方号牌号码不能与本方相同' });
        }
      }) as unknown as z.ZodType<Record<string, string | undefined>>,
    summaryField: 'ownPlate',
    collection: 'none',
  },
  'daolu-jiuyuan': {
    serviceId: 'daolu-jiuyuan',
    title: '道路救援申请',
    titleEn: 'Request road rescue',
    notice: [
      '车辆在途中发生故障或事故需要救援时，请填写车辆位置、号牌和故障情况，救援调度人员将尽快与您电话联系。',
      '在高速公路上，请立即开启危险报警闪光灯，在车后150米外设置警告标志，人员撤离到护栏外等候；情况紧急请拨打12122或110。',
      '救援费用按救援单位公示的收费标准收取，以现场确认为准。',
    ],
    noticeEn: [
      'When your vehicle breaks down or has an accident on the road, give its location, plate and the problem; the rescue dispatcher will phone you as soon as possible.',
      'On an expressway, turn on the hazard lights, put the warning sign at least 150 m behind the car and wait behind the barrier; in an emergency call 12122 or 110.',
      "Rescue is charged at the rescue company's published rates, confirmed on site.",
    ],
    fields: [
      {
        name: 'location',
        label: '车辆所在位置',
        labelEn: 'Where the vehicle is',
        kind: 'textarea',
        required: true,
        maxLength: 120,
        placeholder: '道路名称、方向及公里桩号或附近地标，如：广深高速广州往深圳方向K35+200',
        placeholderEn: 'Road, direction and kilometre marker or a landmark',
      },
      { ...PLATE_FIELD, help: undefined, helpEn: undefined },
      {
        name: 'problem',
        label: '故障情况',
        labelEn: 'Problem',
        kind: 'select',
        required: true,
        options: RESCUE_PROBLEMS,
      },
      {
        name: 'details',
        label: '补充说明',
        labelEn: 'More details',
        kind: 'textarea',
        required: false,
        maxLength: 200,
        placeholder: '如车型、车辆颜色、车上人数',
        placeholderEn: 'e.g. model, colour, people on board',
      },
      { name: 'phone', label: '联系电话', labelEn: 'Phone', kind: 'phone', required: true },
    ],
    attachments: [],
    schema: z
      .object({
        location: trimmed('请填写车辆所在位置', 120, '车辆所在位置不能超过120个字'),
        plate: plate(PLATE_REQUIRED),
        problem: choice(RESCUE_PROBLEMS, '请选择故障情况'),
        details: optionalText(200, '补充说明不能超过200个字'),
        phone: mobilePhone('请填写联系电话'),
      })
      .strict() as unknown as z.ZodType<Record<string, string | undefined>>,
    summaryField: 'problem',
    collection: 'none',
  },
};
