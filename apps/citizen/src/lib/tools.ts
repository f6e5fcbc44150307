import { CREDENTIAL_TYPES } from '@yss/contracts';
import type { ParseKeys } from 'i18next';
import { PROGRESS_ROUTES } from './apply-services';
import { APPOINTMENT_QUERY_ROUTES } from './appointment-services';

/** Services that open a page of this app (tools, lookups): the service page's action button goes there. */
export const TOOL_ROUTES: Readonly<Record<string, string>> = {
  // 意见反馈 (H1): the FAQ search and the message form, as 个人中心 → 意见反馈 opens them
  'yijian-fankui': '/faq',
  'geshui-jisuanqi': '/tools/income-tax',
  'jiaban-gongzi-jisuanqi': '/tools/overtime-pay',
  'quming-chaxun': '/tools/name-check',
  'shebao-jiaofei-mingxi': '/lookups/social-insurance',
  'shenfenzheng-banli-chaxun': '/lookups/id-card',
  'huzheng-shenpi-chaxun': '/lookups/household-approvals',
  'jifen-chaxun': '/lookups/points',
  'weifa-chaxun': '/lookups/traffic-violations',
  'biyesheng-dangan-quxiang': '/lookups/graduate-archive',
  'geshui-jiaona-mingxi': '/lookups/income-tax',
  'shebaofei-jiaofei-mingxi': '/lookups/social-insurance-fees',
  'fapiao-chaxun': '/tools/invoice-verify',
  'diushi-beidao-fapiao-chaxun': '/tools/lost-invoice',
  'dianzi-shuipiao-chayan': '/tools/tax-certificate',
  // 生活缴费 (G1): one page per utility (我的户号, 绑定, 账单; 水费应缴 in 阳江)
  'ranqi-huhao-bangding': '/lookups/utilities/gas',
  'ranqi-zhangdan-chaxun': '/lookups/utilities/gas',
  'ranqi-jiaofei': '/utilities/gas/pay',
  'dianli-huhao-bangding': '/lookups/utilities/power',
  'dianfei-chaxun': '/lookups/utilities/power',
  'shuiwu-huhao-bangding': '/lookups/utilities/water',
  'shuifei-yingjiao-chaxun': '/lookups/utilities/water',
  'shuifei-zhangdan-chaxun': '/lookups/utilities/water',
  // 调解仲裁 (F6), 法律服务 (G3), 停气/燃气价格/停电通知 (G1): pages/LabourDisputeGuide, LegalConsult, GasOutages, …
  'tiaojie-zhongcai-banshi-xuzhi': '/tools/labour-dispute-guide',
  'falv-jinru-wenzhen': '/tools/legal-consult',
  'tingqi-chaxun': '/utilities/gas/outages',
  'ranqi-jiage': '/utilities/gas/prices',
  'tingdian-tongzhi': '/lookups/utilities/power/outages',
  // 不动产 (G2)
  'budongchan-xinxi-chaxun': '/lookups/real-estate',
  'budongchan-banli-jindu-chaxun': '/lookups/real-estate/progress',
  'quanzheng-futu-chaxun': '/lookups/real-estate/plat-map',
  'xinyong-chaxun': '/credit',
  'xinyong-dingyue': '/credit/subscriptions',
  'xuexiao-chaxun': '/lookups/schools',
  'zhongkao-chengji-chaxun': '/lookups/zhongkao',
  'gaokao-zhunkaozheng': '/lookups/gaokao/ticket',
  'gaokao-chengji-chaxun': '/lookups/gaokao/results',
  'gongjijin-jiaocun-xinxi': '/lookups/housing-fund',
  'gongjijin-jiaocun-mingxi': '/lookups/housing-fund',
  // 助残 (B8) and 社会救助办理查询 (B7): docs/welfare.md
  'canjirenzheng-chaxun': '/lookups/disability',
  // 养老资格认证 (E4): for oneself or a family member who authorised it
  'yanglao-zige-renzheng': '/pension-certification',
  'dibao-jindu-chaxun': '/lookups/social-assistance?kind=dibao',
  'dishouru-jiating-jindu-chaxun': '/lookups/social-assistance?kind=low-income',
  'tekun-renyuan-jindu-chaxun': '/lookups/social-assistance?kind=tekun',
  'linshi-jiuzhu-jindu-chaxun': '/lookups/social-assistance?kind=temporary',
  'yiliao-jiuzhu-jindu-chaxun': '/lookups/social-assistance?kind=medical',
  'kaitong-yibao-zhifu': '/lookups/medical-payment',
  'yibao-saoma-zhifu': '/lookups/medical-pay-code',
  'yibao-zhanghu-yue': '/lookups/medical-balance',
  // 长途车 (D1): 购票查询; 验票上车 and 退票 start from 我的车票 (出示车票, 退票)
  'changtuche-goupiao': '/coach',
  'changtuche-yanpiao-shangche': '/coach/orders',
  'changtuche-tuipiao': '/coach/orders',
  // 车船税缴款 (D4): 本人清缴 and 他人清缴
  'chechuanshui-jiaokuan': '/tax/vehicle-tax',
  // 车辆购置税 (D4): the unpaid purchases and their 缴纳; 完税证明查询 from there
  'cheliang-gouzhishui': '/tax/purchase-tax',
  // 在线签注 (D6): choose the endorsement and pay the fee; 签注进度查询
  'gangao-zaici-qianzhu': '/exit-entry/endorsements/apply?service=gangao-zaici-qianzhu',
  'taiwan-qianzhu': '/exit-entry/endorsements/apply?service=taiwan-qianzhu',
  'qianzhu-jindu-chaxun': '/exit-entry/endorsements',
  // 我的证照 (issue 6): each certificate type's service opens the "+" flow at that type (new types appear by themselves)
  ...Object.fromEntries(
    Object.entries(CREDENTIAL_TYPES).map(([type, spec]) => [spec.serviceId, `/wallet/add?type=${type}`]),
  ),
  // 交通出行: 一键移车 (G6), 一键报警 (D5)
  'yijian-yiche': '/tools/move-car',
  'yijian-baojing': '/tools/police-call',
  // 航班服务 and 航班在线值机 (D5): docs/flights.md
  'hangban-fuwu': '/travel/flights',
  'hangban-zaixian-zhiji': '/travel/flights/check-in',
  // 智慧出行 (D5): 行程订阅及天气, 高速动态, 附近路况, 铁路信息 — docs/travel.md
  'xingcheng-dingyue-tianqi': '/travel/trips',
  'gaosu-dongtai': '/travel/expressways',
  'fujin-lukuang': '/travel/roads',
  'tielu-xinxi': '/travel/railway',
  // 公积金再次提取 (B6), 公积金贷款查询, 开具电子税票 (F4), 便捷开票 (F5): docs/taxfund.md
  'gongjijin-zaici-tiqu': '/housing-fund/withdraw',
  'gongjijin-daikuan-chaxun': '/lookups/housing-fund/loan',
  'geshui-kaiju-dianzi-shuipiao': '/tax/certificates?kind=income-tax',
  'shebaofei-kaiju-dianzi-shuipiao': '/tax/certificates?kind=social-insurance-fee',
  'bianjie-kaipiao': '/tools/invoice-titles',
  // 在线办理: a form's progress query (办理进度查询) is the citizen's own cases of that service (我的办件)
  ...PROGRESS_ROUTES,
  // 在线预约: a service's 预约查询 is the citizen's own appointments of that service (我的预约)
  ...APPOINTMENT_QUERY_ROUTES,
};

/**
 * Services applied for online whose result a lookup shows: the service page shows a 查询 entry beside 在线办理, and
 * a case of theirs links there once 已制发. Labels are i18n keys (`labelFoshan`: 佛山's own name of the thing).
 */
export interface ServiceLookup {
  route: string;
  label: ParseKeys;
  labelFoshan?: ParseKeys;
  description?: ParseKeys;
  caseLabel: ParseKeys;
  caseLabelFoshan?: ParseKeys;
}
export const SERVICE_LOOKUPS: Readonly<Record<string, ServiceLookup>> = {
  // 老年人优待证 (E4; 佛山: 老人卡): docs/welfare.md
  'laonianren-youdaizheng-hefa': {
    route: '/lookups/senior-card',
    label: 'welfare.seniorCard.entry',
    labelFoshan: 'welfare.seniorCard.entryFoshan',
    description: 'welfare.seniorCard.entryDesc',
    caseLabel: 'welfare.seniorCard.fromCase',
    caseLabelFoshan: 'welfare.seniorCard.fromCaseFoshan',
  },
};

/** The label of a lookup entry in a city (佛山 names some things its own way). */
export function lookupLabel(l: ServiceLookup, cityCode: string, of: 'label' | 'caseLabel'): ParseKeys {
  const foshan = of === 'label' ? l.labelFoshan : l.caseLabelFoshan;
  return cityCode === '440600' && foshan ? foshan : l[of];
}
