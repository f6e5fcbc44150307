import type { ServiceDefinition } from '../types.js';

/** A5: housing-fund services, whole province except 东莞, 惠州, 揭阳 (guide, 公积金 FAQ). */
const NOT_DG_HZ_JY = {
  mode: 'except',
  cities: ['东莞', '惠州', '揭阳'],
  reason: '暂不支持东莞、惠州、揭阳',
  reasonEn: 'Not yet available in Dongguan, Huizhou or Jieyang',
} as const;

const ENTRY_NOTE = '不同地区支持办理的公积金服务数量及事项入口名称会有不同，请以当地页面展示的服务为准。';
const ENTRY_NOTE_EN =
  'The housing-fund services offered and the names of their entries differ from city to city; go by the services shown for your city.';
const SWITCH_NOTE =
  '如无法关联，请尝试在登录“粤省事”首页时尝试把左上角的地市切换为您所缴纳公积金的城市，并再次尝试关联。';
const SWITCH_NOTE_EN =
  'If the fund cannot be linked, switch the city at the top left of the "Yue Sheng Shi" home page to the city where you pay into the housing fund, then try linking again.';

const ONLINE_NOTE =
  '如果您是广州、深圳用户首次提取，需要进行前台提取预约，并到公积金服务办理网点提取；如果您已在到公积金网点办理过提取，则可在线直接办理，但需遵循并满足对应提取事项的提取条件方能成功提交提取申请。省内其他地市用户请进行前台提取预约，并到公积金服务办理网点提取。';
const ONLINE_NOTE_EN =
  'Guangzhou and Shenzhen users withdrawing for the first time must book a counter withdrawal appointment and withdraw at a housing-fund service outlet; once you have withdrawn at an outlet, you can withdraw online directly, but the application only goes through if the conditions of that kind of withdrawal are met. Users in the other cities of the province should book a counter withdrawal appointment and withdraw at a housing-fund service outlet.';
const PHONE_NOTE =
  '“手机号码不正确”的提示并非说需修改个人中心的手机号，而是要修改您绑定公积金账户的手机号。需要您前往公积金管理中心网站，或公积金服务网点修改。';
const PHONE_NOTE_EN =
  'The message "incorrect mobile number" does not mean you must change the number in your personal centre: it is the number bound to your housing-fund account that must be changed, on the housing-fund management centre\'s website or at a housing-fund service outlet.';
const UNFINISHED_NOTE =
  '“存在未办结服务不能提取”的提示由公积金服务部门返回，可能由于您以前通过其他渠道办理过提取服务仍未提取成功的，具体情况建议联系公积金中心咨询。';
const UNFINISHED_NOTE_EN =
  'The message "an unfinished service exists, withdrawal not possible" comes from the housing-fund department: you may have started a withdrawal through another channel that has not yet succeeded. Please contact the housing-fund centre for details.';

export const gongjijinServices: readonly ServiceDefinition[] = [
  {
    id: 'gongjijin-jiaocun-xinxi',
    name: '公积金缴存信息',
    nameEn: 'Housing fund deposit information',
    group: 'gongjijin',
    department: 'housing-fund-centres',
    featureIds: ['B5', 'A5'],
    kind: 'query',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: NOT_DG_HZ_JY,
    description: '选择“公积金”服务，点击缴存信息即可查看个人公积金账号、个人账户余额、月缴存金额等信息。',
    descriptionEn:
      'Under "Housing fund", tap "Deposit information" to see your housing-fund account number, account balance, monthly deposit and more.',
    keywords: ['公积金', '住房公积金', '公积金余额', '公积金账号', '月缴存额', '一金'],
    notes: [ENTRY_NOTE, SWITCH_NOTE],
    notesEn: [ENTRY_NOTE_EN, SWITCH_NOTE_EN],
  },
  {
    id: 'gongjijin-jiaocun-mingxi',
    name: '公积金缴存明细',
    nameEn: 'Housing fund deposit details',
    group: 'gongjijin',
    department: 'housing-fund-centres',
    featureIds: ['B5', 'A5'],
    kind: 'query',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: NOT_DG_HZ_JY,
    description: '查询个人住房公积金的缴存明细。',
    descriptionEn: 'See the details of the deposits into your housing fund.',
    keywords: ['公积金', '住房公积金', '缴存记录', '公积金明细', '一金'],
    notes: [ENTRY_NOTE],
    notesEn: [ENTRY_NOTE_EN],
  },
  {
    id: 'gongjijin-zaici-tiqu',
    name: '公积金再次提取',
    nameEn: 'Housing fund repeat withdrawal',
    group: 'gongjijin',
    department: 'housing-fund-centres',
    featureIds: ['B6', 'A5'],
    kind: 'application',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: NOT_DG_HZ_JY,
    description: '选择公积金并点击再次提取，按指引完成操作即可办理。',
    descriptionEn: 'Under "Housing fund", tap "Repeat withdrawal" and follow the steps.',
    keywords: ['公积金', '提取公积金', '取公积金', '公积金提取', '再次提取'],
    notes: [ONLINE_NOTE, PHONE_NOTE, UNFINISHED_NOTE, ENTRY_NOTE],
    notesEn: [ONLINE_NOTE_EN, PHONE_NOTE_EN, UNFINISHED_NOTE_EN, ENTRY_NOTE_EN],
  },
  {
    id: 'gongjijin-qiantai-tiqu-yuyue',
    name: '公积金前台提取预约',
    nameEn: 'Housing fund counter withdrawal appointment',
    group: 'gongjijin',
    department: 'housing-fund-centres',
    featureIds: ['B6', 'A5'],
    kind: 'appointment',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: NOT_DG_HZ_JY,
    description: '进行前台提取预约，并到公积金服务办理网点提取。',
    descriptionEn: 'Book a counter withdrawal appointment, then withdraw at a housing-fund service outlet.',
    keywords: ['公积金', '提取公积金', '取公积金', '提取预约', '首次提取'],
    notes: [ONLINE_NOTE, PHONE_NOTE, UNFINISHED_NOTE, ENTRY_NOTE],
    notesEn: [ONLINE_NOTE_EN, PHONE_NOTE_EN, UNFINISHED_NOTE_EN, ENTRY_NOTE_EN],
  },
  {
    id: 'gongjijin-daikuan-chaxun',
    name: '公积金贷款查询',
    nameEn: 'Housing fund loan enquiry',
    group: 'gongjijin',
    department: 'housing-fund-centres',
    featureIds: ['B5', 'A5'],
    kind: 'query',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: NOT_DG_HZ_JY,
    description: '部分地市支持查询个人住房公积金贷款信息。',
    descriptionEn: 'Some cities let you look up your housing-fund loan.',
    keywords: ['公积金', '公积金贷款', '房贷', '贷款'],
    notes: ['部分地市还支持提取、贷款等服务办理及查询。', ENTRY_NOTE],
    notesEn: ['Some cities also offer withdrawals, loans and other services and enquiries.', ENTRY_NOTE_EN],
  },
];
