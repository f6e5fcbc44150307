import type { ServiceDefinition } from '../types.js';

const ELIGIBILITY_NOTE =
  '预约办证服务：目前支持除深圳以外的广东省户籍居民，以及商务人员、学生、60岁以上等其他符合办证条件的非广东省户籍居民，进行线上申请预约办证。';
const ELIGIBILITY_NOTE_EN =
  'Appointments: available online to Guangdong household-registered residents except those registered in Shenzhen, and to non-Guangdong residents who meet the conditions (business people, students, people over 60 and others).';
const CANCEL_NOTE = '预约护照、港澳台通行证首次申领/换领/补领服务是可以取消的。';
const CANCEL_NOTE_EN =
  'Appointments for a first passport or Hong Kong/Macau/Taiwan permit, renewal or replacement can be cancelled.';
const ENTRY_NOTE = '选择“护照通行证”服务，点击办证预约补换领新证。';
const ENTRY_NOTE_EN =
  'Under "Passports & travel permits", tap "Apply" to book an appointment for a new, renewed or replacement document.';
const WHO_NOTE = '支持全省本人或为他人预约办理出入境证件。';
const WHO_NOTE_EN =
  'Exit-entry document appointments can be made province-wide, for yourself or on behalf of someone else.';

const ENDORSE_SCOPE_NOTE =
  '签注服务：支持广东省户籍居民，以及广东省签发的港澳通行证、台湾通行证的签注服务线上办理。并不局限是否属于广东省户籍居民。';
const ENDORSE_SCOPE_NOTE_EN =
  'Endorsements: available online to Guangdong household-registered residents and for Hong Kong/Macau and Taiwan permits issued in Guangdong, whether or not the holder is a Guangdong resident.';
const ENDORSE_CANCEL_NOTE =
  '用户办理港澳台签注目前系统不支持取消。若您需要取消签注，建议咨询您申请签注时选择的办理地出入境管理部门〔热线电话：12345〕取消签注服务，若已缴签注费，可同时咨询退费时间和退费方式问题。';
const ENDORSE_CANCEL_NOTE_EN =
  'Hong Kong/Macau/Taiwan endorsements cannot be cancelled in the system at present. To cancel one, contact the exit-entry office of the place you chose when applying (hotline: 12345); if the endorsement fee has been paid, ask them also when and how it will be refunded.';
const PAYMENT_PROOF_NOTE =
  '如遇邮递员上门还要再收费，可出示您在“粤省事”办理出入境签注服务缴费成功后收到的“缴费成功通知”微信推送消息，作为缴费凭证。';
const PAYMENT_PROOF_NOTE_EN =
  'If the courier asks for payment again on delivery, show the "payment successful" WeChat notification you received after paying for the endorsement in "Yue Sheng Shi" as proof of payment.';

type Doc = { key: string; name: string; nameEn: string; keywords: readonly string[] };
const DOCS: readonly Doc[] = [
  { key: 'huzhao', name: '护照', nameEn: 'passport', keywords: ['护照', '出国', '出境'] },
  {
    key: 'gangao-tongxingzheng',
    name: '港澳通行证',
    nameEn: 'Hong Kong and Macau travel permit',
    keywords: ['港澳通行证', '港澳', '香港', '澳门', '通行证'],
  },
  {
    key: 'taiwan-tongxingzheng',
    name: '台湾通行证',
    nameEn: 'Taiwan travel permit',
    keywords: ['台湾通行证', '台湾', '赴台', '通行证'],
  },
];

type Action = { key: string; name: string; nameEn: string; descEn: string; keywords: readonly string[] };
const ACTIONS: readonly Action[] = [
  {
    key: 'shenling',
    name: '申领',
    nameEn: 'application appointment',
    descEn: 'apply for a first',
    keywords: ['办护照', '首次申领', '申请'],
  },
  {
    key: 'huanling',
    name: '换领',
    nameEn: 'renewal appointment',
    descEn: 'renew a',
    keywords: ['换证', '到期', '过期'],
  },
  {
    key: 'buling',
    name: '补领',
    nameEn: 'replacement appointment',
    descEn: 'replace a lost or damaged',
    keywords: ['补证', '丢失', '遗失'],
  },
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The nine exit-entry document appointments: 护照/港澳通行证/台湾通行证 × 申领/换领/补领. */
const appointments: ServiceDefinition[] = DOCS.flatMap((doc) =>
  ACTIONS.map(
    (action): ServiceDefinition => ({
      id: `${doc.key}-${action.key}-yuyue`,
      name: `${doc.name}${action.name}预约`,
      nameEn: `${capitalise(doc.nameEn)} ${action.nameEn}`,
      group: 'huzhao-tongxingzheng',
      department: 'gd-exit-entry',
      featureIds: ['D6'],
      kind: 'appointment',
      whoMayAct: 'self-or-others',
      requiresVerification: true,
      availability: { mode: 'all' },
      description: `本人或为他人预约${action.name}${doc.name}，预约成功后按时前往出入境办证窗口办理，预约可取消。`,
      descriptionEn: `Book an appointment to ${action.descEn} ${doc.nameEn}, for yourself or someone else, then go to the exit-entry office at the booked time; the appointment can be cancelled.`,
      keywords: [...doc.keywords, ...action.keywords, '出入境', '办证预约'],
      notes: [ELIGIBILITY_NOTE, CANCEL_NOTE, ENTRY_NOTE, WHO_NOTE],
      notesEn: [ELIGIBILITY_NOTE_EN, CANCEL_NOTE_EN, ENTRY_NOTE_EN, WHO_NOTE_EN],
    }),
  ),
);

export const huzhaoTongxingzhengServices: readonly ServiceDefinition[] = [
  ...appointments,
  {
    id: 'gangao-zaici-qianzhu',
    name: '港澳通行证再次签注',
    nameEn: 'Hong Kong and Macau permit re-endorsement',
    group: 'huzhao-tongxingzheng',
    department: 'gd-exit-entry',
    featureIds: ['D6'],
    kind: 'application',
    whoMayAct: 'self-or-others',
    requiresVerification: true,
    availability: { mode: 'all' },
    description: '选择“护照通行证”服务，点击签注办理港澳再次签注，在线缴纳签注费。',
    descriptionEn:
      'Under "Passports & travel permits", tap "Endorsement" to get a further Hong Kong/Macau endorsement online and pay the fee.',
    keywords: ['港澳签注', '再次签注', '续签', '港澳通行证', '香港', '澳门', '签注', '出入境'],
    notes: ['港澳通行证再次签注暂不支持线上取消', ENDORSE_CANCEL_NOTE, ENDORSE_SCOPE_NOTE, PAYMENT_PROOF_NOTE],
    notesEn: [
      'Hong Kong/Macau re-endorsements cannot yet be cancelled online.',
      ENDORSE_CANCEL_NOTE_EN,
      ENDORSE_SCOPE_NOTE_EN,
      PAYMENT_PROOF_NOTE_EN,
    ],
  },
  {
    id: 'taiwan-qianzhu',
    name: '台湾通行证签注',
    nameEn: 'Taiwan permit endorsement',
    group: 'huzhao-tongxingzheng',
    department: 'gd-exit-entry',
    featureIds: ['D6'],
    kind: 'application',
    whoMayAct: 'self-or-others',
    requiresVerification: true,
    availability: {
      mode: 'only',
      cities: ['广州', '深圳', '惠州', '中山', '汕头', '梅州', '潮州', '揭阳'],
      reason: '暂仅支持广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳',
      reasonEn:
        'Currently available in Guangzhou, Shenzhen, Huizhou, Zhongshan, Shantou, Meizhou, Chaozhou and Jieyang only',
    },
    description: '部分地市用户支持在线办理台湾通行证签注。',
    descriptionEn: 'Users in some cities can get a Taiwan permit endorsement online.',
    keywords: ['台湾签注', '赴台签注', '台湾通行证', '台湾', '签注', '出入境'],
    notes: [
      '台湾通行证签注暂仅支持广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳',
      ENDORSE_CANCEL_NOTE,
      ENDORSE_SCOPE_NOTE,
      PAYMENT_PROOF_NOTE,
    ],
    notesEn: [
      'Taiwan permit endorsements are currently available only in Guangzhou, Shenzhen, Huizhou, Zhongshan, Shantou, Meizhou, Chaozhou and Jieyang.',
      ENDORSE_CANCEL_NOTE_EN,
      ENDORSE_SCOPE_NOTE_EN,
      PAYMENT_PROOF_NOTE_EN,
    ],
  },
  {
    id: 'qianzhu-jindu-chaxun',
    name: '出入境签注进度查询',
    nameEn: 'Exit-entry endorsement progress',
    group: 'huzhao-tongxingzheng',
    department: 'gd-exit-entry',
    featureIds: ['D6'],
    kind: 'query',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: { mode: 'all' },
    description: '持有广东省内签发的出入境证件同时可关联相关电子证照查看签注进度及办理相关服务。',
    descriptionEn:
      'Holders of exit-entry documents issued in Guangdong can link the e-certificates to see endorsement progress and use the related services.',
    keywords: ['签注进度', '签注', '港澳通行证', '台湾通行证', '出入境', '进度'],
  },
];
