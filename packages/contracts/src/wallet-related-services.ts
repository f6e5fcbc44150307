import type { CredentialType } from './wallet.js';

/** A catalog service a certificate leads to: its id, and its name as the catalog has it (a test keeps them equal). */
export interface RelatedService {
  readonly serviceId: string;
  readonly name: string;
  readonly nameEn: string;
}

const s = (serviceId: string, name: string, nameEn: string): RelatedService => ({ serviceId, name, nameEn });

const VIOLATIONS = s('weifa-chaxun', '违法查询', 'Traffic violation query');
const ENDORSEMENT_PROGRESS = s('qianzhu-jindu-chaxun', '出入境签注进度查询', 'Exit-entry endorsement progress');
const REAL_ESTATE = [
  s('budongchan-xinxi-chaxun', '不动产信息查询', 'Real estate registration information'),
  s('budongchan-banli-jindu-chaxun', '不动产登记办理进度查询', 'Real estate registration progress'),
];
const MARRIAGE = [
  s('hunyin-dengji-jilu-zhengming', '婚姻登记记录证明', 'Marriage registration record certificate'),
  s(
    'bulin-jiehunzheng-lihunzheng-yuyue',
    '补领结婚证/离婚证预约',
    'Marriage/divorce certificate replacement appointment',
  ),
];

/**
 * 相关服务 of a linked certificate (A3: "other certificates open the services they belong to"; the guide: 关联高校毕业生
 * 就业报到证后，可点击毕业生档案去向查; 关联相关电子证照查看签注进度): the services its detail page leads to. Every type
 * is listed (a type with none shows none), so a new type cannot be forgotten silently.
 */
export const RELATED_SERVICES: Readonly<Record<CredentialType, readonly RelatedService[]>> = {
  'resident-id': [],
  'driving-licence': [VIOLATIONS, s('jiashizheng-huanzheng', '驾驶证换证', 'Driving licence renewal')],
  'vehicle-licence': [
    VIOLATIONS,
    s('nianshen-yuyue', '年审预约', 'Annual inspection appointment'),
    s('liunian-mianjian-shenqing', '六年免检申请', 'Six-year inspection exemption application'),
    s('xingshizheng-huanzheng', '行驶证换证', 'Vehicle licence replacement'),
  ],
  'housing-fund': [
    s('gongjijin-jiaocun-xinxi', '公积金缴存信息', 'Housing fund deposit information'),
    s('gongjijin-jiaocun-mingxi', '公积金缴存明细', 'Housing fund deposit details'),
    s('gongjijin-zaici-tiqu', '公积金再次提取', 'Housing fund repeat withdrawal'),
  ],
  'social-security-card': [
    s('shebao-jiaofei-mingxi', '社保缴费明细', 'Social insurance contribution details'),
    s('kaitong-yibao-zhifu', '开通医保支付', 'Enable medical insurance payment'),
  ],
  'disability-certificate': [
    s('canjirenzheng-chaxun', '残疾人证查询', 'Disability certificate enquiry'),
    s('canjiren-butie-shenqing', '残疾人补贴申请', 'Disability subsidy application'),
  ],
  'residence-permit': [s('qianzhu-juzhuzheng', '签注居住证', 'Residence permit endorsement')],
  'birth-certificate': [s('chusheng-dengji', '出生登记', 'Birth registration')],
  'marriage-certificate': MARRIAGE,
  'divorce-certificate': MARRIAGE,
  'graduate-report-card': [s('biyesheng-dangan-quxiang', '毕业生档案去向查询', 'Graduate archive whereabouts')],
  'real-estate-proof': REAL_ESTATE,
  'real-estate-title': REAL_ESTATE,
  'volunteer-card': [],
  passport: [s('huzhao-huanling-yuyue', '护照换领预约', 'Passport renewal appointment')],
  'hk-macao-permit': [
    s('gangao-zaici-qianzhu', '港澳通行证再次签注', 'Hong Kong and Macau permit re-endorsement'),
    ENDORSEMENT_PROGRESS,
  ],
  'taiwan-permit': [s('taiwan-qianzhu', '台湾通行证签注', 'Taiwan permit endorsement'), ENDORSEMENT_PROGRESS],
};
