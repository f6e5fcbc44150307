import type { ServiceDefinition } from '../types.js';

export const xinshengerServices: readonly ServiceDefinition[] = [
  {
    id: 'shenling-chusheng-yixue-zhengming',
    name: '申领出生医学证明',
    nameEn: 'Birth medical certificate application',
    group: 'xinshenger',
    department: 'gd-health',
    featureIds: ['E2'],
    kind: 'appointment',
    whoMayAct: 'mother-only',
    requiresVerification: true,
    availability: { mode: 'all' },
    description: '选择新生儿服务，点击申领出生医学证明，根据指引完成操作，预约到医疗机构领取纸质版出生医学证明。',
    descriptionEn:
      'Under "Newborn services", tap "Apply for the birth medical certificate" and follow the guidance to book collection of the paper certificate at the medical institution.',
    keywords: ['出生证', '出生医学证明', '出生证明', '新生儿', '宝宝', '生孩子', '医院'],
    materials: ['身份证原件'],
    materialsEn: ['Original ID card'],
    notes: [
      '该线上申领流程必须由新生儿母亲登录“粤省事”操作',
      '当前支持全省的出生证申领预约，但是否设置预约时间、预约号源，由各个医疗机构自行决定，如果出现不能预约的情况，请联系对应的医疗机构。',
      '预约成功后，新生儿父母中的一方前往医疗机构领取纸质版出生医学证明，需要出示身份证原件，并在现场进行刷脸认证，认证通过后领取。',
    ],
    notesEn: [
      'This online application must be made by the newborn\'s mother, logged in to "Yue Sheng Shi".',
      'Birth certificate appointments are supported province-wide, but each medical institution decides whether to offer appointment times and slots; if you cannot book, contact the medical institution.',
      "After booking, one of the newborn's parents collects the paper birth medical certificate at the medical institution, showing the original ID card and passing a face check on site.",
    ],
  },
];
