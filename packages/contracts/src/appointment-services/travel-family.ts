import type { AppointmentServiceSpec } from '../appointments.js';
import { BRING_ID, BRING_ID_EN } from './common.js';

/**
 * 出入境办证预约 (D6), 婚姻登记预约 (E1), 申领出生医学证明 (E2), 开锁便民服务 (G4) and 燃气预约上门 (G1). Who may
 * book is in the server's `modules/appointments/eligibility/travel-family.ts`; the notices say it in the guide's
 * words first.
 */

/** The guide's answer to 一定要广东省户籍的才可以办理吗 (出入境服务常见疑问). */
const EXIT_ENTRY_SCOPE =
  '预约办证服务：目前支持除深圳以外的广东省户籍居民，以及商务人员、学生、60岁以上等其他符合办证条件的非广东省户籍居民，进行线上申请预约办证。';
const EXIT_ENTRY_SCOPE_EN =
  'Appointments are available online to Guangdong household-registered residents except those registered in Shenzhen, and to non-Guangdong residents who meet the conditions (business people, students, people over 60 and others).';
/** What the platform can check itself, and what only the counter can. */
const EXIT_ENTRY_CHECKS =
  '平台按公安户政登记的户籍核对：深圳户籍暂不支持在此预约；非广东省户籍的60岁以上人员可直接预约；商务人员、学生等其他符合办证条件的非广东省户籍居民，平台无法在线核实，请携带居民身份证及在职、在学等相关证明材料直接到出入境办证窗口咨询办理（热线电话：12345）。';
const EXIT_ENTRY_CHECKS_EN =
  'The platform checks the household registration on record: Shenzhen registrations cannot book here; non-Guangdong residents aged 60 or over can book directly; business people, students and other eligible non-Guangdong residents cannot be verified online: take your ID card and proof of employment or study to an exit-entry office (hotline 12345).';
const EXIT_ENTRY_CANCEL = '预约护照、港澳台通行证首次申领/换领/补领服务是可以取消的。';
const EXIT_ENTRY_CANCEL_EN =
  'Appointments for a first passport or Hong Kong/Macau/Taiwan permit, renewal or replacement can be cancelled.';
const EXIT_ENTRY_PHOTO = '办证大厅现场采集证件照片和指纹，请按预约时间前往出入境办证窗口。';
const EXIT_ENTRY_PHOTO_EN = 'The office takes your photo and fingerprints on site; go at the booked time.';

type Doc = { key: string; name: string; nameEn: string };
const DOCS: readonly Doc[] = [
  { key: 'huzhao', name: '护照', nameEn: 'passport' },
  { key: 'gangao-tongxingzheng', name: '港澳通行证', nameEn: 'Hong Kong and Macau travel permit' },
  { key: 'taiwan-tongxingzheng', name: '台湾通行证', nameEn: 'Taiwan travel permit' },
];

/** What each kind of appointment asks the applicant to bring (besides the ID card). */
const ACTIONS = [
  {
    key: 'shenling',
    bring: (d: Doc) => `首次申领${d.name}：请携带本人居民身份证原件。`,
    bringEn: (d: Doc) => `First ${d.nameEn}: bring your original resident ID card.`,
  },
  {
    key: 'huanling',
    bring: (d: Doc) =>
      `换领${d.name}（有效期将满、已过期或签证页用完等）：请携带本人居民身份证原件及原${d.name}；出入境管理部门须有您的${d.name}记录。`,
    bringEn: (d: Doc) =>
      `Renewing a ${d.nameEn} (expiring, expired or full): bring your original ID card and the old ${d.nameEn}; the exit-entry administration must have a record of it.`,
  },
  {
    key: 'buling',
    bring: (d: Doc) =>
      `补领${d.name}（遗失、被盗或损毁）：请携带本人居民身份证原件，损毁的请携带原${d.name}；出入境管理部门须有您的${d.name}记录。`,
    bringEn: (d: Doc) =>
      `Replacing a lost, stolen or damaged ${d.nameEn}: bring your original ID card (and the damaged ${d.nameEn}); the exit-entry administration must have a record of it.`,
  },
] as const;

const exitEntry: Record<string, AppointmentServiceSpec> = Object.fromEntries(
  DOCS.flatMap((doc) =>
    ACTIONS.map((action): [string, AppointmentServiceSpec] => {
      const serviceId = `${doc.key}-${action.key}-yuyue`;
      return [
        serviceId,
        {
          serviceId,
          notice: [
            EXIT_ENTRY_SCOPE,
            EXIT_ENTRY_CHECKS,
            action.bring(doc),
            EXIT_ENTRY_PHOTO,
            EXIT_ENTRY_CANCEL,
            BRING_ID,
          ],
          noticeEn: [
            EXIT_ENTRY_SCOPE_EN,
            EXIT_ENTRY_CHECKS_EN,
            action.bringEn(doc),
            EXIT_ENTRY_PHOTO_EN,
            EXIT_ENTRY_CANCEL_EN,
            BRING_ID_EN,
          ],
          bookingWindowDays: 14,
        },
      ];
    }),
  ),
);

/** The guide's words on the 出生医学证明 (新生儿服务的常见疑问). */
const BIRTH_MOTHER_ONLY = '该线上申领流程必须由新生儿母亲登录“粤省事”操作';

export const TRAVEL_FAMILY_APPOINTMENT_SERVICES: Readonly<Record<string, AppointmentServiceSpec>> = {
  ...exitEntry,
  'hunyin-dengji-yuyue': {
    serviceId: 'hunyin-dengji-yuyue',
    notice: [
      '办理结婚登记或离婚登记，男女双方须共同到场，不能委托他人代办；预约一方预约即可，请与对方约定同一时段前往。',
      '结婚登记：请携带双方的居民身份证、户口簿原件及近期2寸半身免冠合影照片3张。离婚登记：另须携带结婚证原件及双方签署的离婚协议书。',
      '预约后可在“婚姻登记预约查询”查看或取消预约。',
      BRING_ID,
    ],
    noticeEn: [
      'Both parties must attend a marriage or divorce registration in person; it cannot be delegated. One of you books; agree on the same time and go together.',
      'Marriage: bring both ID cards, both household registers and three recent 2-inch half-length photos of the two of you. Divorce: also the marriage certificate and the divorce agreement signed by both.',
      'See or cancel the booking under "Marriage registration appointment enquiry".',
      BRING_ID_EN,
    ],
    bookingWindowDays: 14,
  },
  'shenling-chusheng-yixue-zhengming': {
    serviceId: 'shenling-chusheng-yixue-zhengming',
    notice: [
      BIRTH_MOTHER_ONLY,
      '当前支持全省的出生证申领预约，但是否设置预约时间、预约号源，由各个医疗机构自行决定，如果出现不能预约的情况，请联系对应的医疗机构。请选择新生儿出生的医疗机构。',
      '预约成功后，新生儿父母中的一方前往医疗机构领取纸质版出生医学证明，需要出示身份证原件，并在现场进行刷脸认证，认证通过后领取。',
      '如不能按时前往，请提前取消预约。',
    ],
    noticeEn: [
      'This online application must be made by the newborn\'s mother, logged in to "Yue Sheng Shi".',
      'Birth certificate appointments are supported province-wide, but each medical institution decides whether to offer appointment times and slots; if you cannot book, contact the medical institution. Choose the institution where the baby was born.',
      "After booking, one of the newborn's parents collects the paper birth medical certificate at the medical institution, showing the original ID card and passing a face check on site.",
      'If you cannot make it, cancel in advance.',
    ],
    bookingWindowDays: 14,
  },
  'kaisuo-bianmin-fuwu': {
    serviceId: 'kaisuo-bianmin-fuwu',
    notice: [
      '如不慎遗漏或丢失钥匙，可选择开锁便民服务，根据提示完成预约并等待开锁人员上门核验服务。',
      '开锁服务支持当前市区范围的门、保险箱、车锁的开锁预约服务：请按锁具（门锁、保险箱、车锁）和所在区选择服务点和上门时段。',
      '开锁人员上门后先核验身份：请出示本人居民身份证原件，以及对房屋、保险箱或车辆有权使用的证明（如房产证、租赁合同、机动车行驶证），核验通过后方可开锁。',
      '该服务暂仅支持广州；预约时段内请在需开锁的地点等候并保持手机畅通，如不需要了，请提前取消预约。',
    ],
    noticeEn: [
      'Locked out or lost your keys? Book the locksmith service and wait for the locksmith to come and verify on site.',
      'Appointments cover doors, safes and car locks within the city: choose the service point for the lock and your district, and a visiting time.',
      'The locksmith first checks who you are: show your original ID card and proof that you may use the home, safe or vehicle (title deed, tenancy agreement, vehicle licence); the lock is opened only after the check.',
      'Guangzhou only. Wait at the place during the booked time with your phone on; if you no longer need it, cancel in advance.',
    ],
    bookingWindowDays: 14,
    homeVisit: true,
  },
  'ranqi-yuyue-shangmen': {
    serviceId: 'ranqi-yuyue-shangmen',
    notice: [
      '燃气预约上门支持广州燃气公司用户（须为燃气户号的户主）：燃气公司工作人员在预约时段内到户号登记的用户地址上门服务（安检、维修、开通燃气等）。',
      '请选择用户地址所在区的上门时段；预约时段内请保证家中有成年人并保持手机畅通。工作人员上门时会出示工作证件，请核实后再开门。',
      '暂仅支持广州地区；如不需要了，请提前取消预约。',
    ],
    noticeEn: [
      'Home visits are for Guangzhou Gas customers (the holder of the gas account): the gas company visits the address registered with the account during the booked time (safety check, repair, connection…).',
      'Choose a visiting time for the district of that address; an adult must be at home, phone on. The staff show their work ID: check it before you open the door.',
      'Guangzhou only. If you no longer need it, cancel in advance.',
    ],
    bookingWindowDays: 14,
  },
};
