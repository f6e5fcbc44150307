import type { ServiceDefinition } from '../types.js';

export const xinyongServices: readonly ServiceDefinition[] = [
  {
    id: 'xinyong-chaxun',
    name: '信用查询',
    nameEn: 'Credit search',
    group: 'xinyong',
    department: 'credit-guangdong',
    featureIds: ['F3'],
    kind: 'query',
    whoMayAct: 'anyone',
    requiresVerification: false,
    availability: { mode: 'all' },
    description:
      '输入主体名称或统一社会信用代码，查询省内企业、事业单位和社会组织等信用主体公共信用信息，了解企业有无行政处罚、司法裁定记录。',
    descriptionEn:
      'Enter a name or unified social credit code to see the public credit information of enterprises, public institutions and social organisations in the province, including administrative penalties and judicial rulings.',
    keywords: ['信用', '企业信用', '企业查询', '公司查询', '统一社会信用代码', '行政处罚', '失信', '信用广东'],
    materials: ['主体名称或统一社会信用代码'],
    materialsEn: ['Name or unified social credit code'],
    notes: ['在职位应聘或企业合作前，用户可查询企业信用信息。'],
    notesEn: ["Check a company's credit before applying for a job there or doing business with it."],
  },
  {
    id: 'xinyong-dingyue',
    name: '信用信息订阅',
    nameEn: 'Credit change subscription',
    group: 'xinyong',
    department: 'credit-guangdong',
    featureIds: ['F3'],
    kind: 'application',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: { mode: 'all' },
    description: '在信用主体信息详情页，可点击“订阅”，订阅后续信用信息变更状态，关注“粤省事”公众号更可获取提醒信息。',
    descriptionEn:
      'On a credit subject\'s detail page, tap "Subscribe" to follow changes to its credit information; follow the "Yue Sheng Shi" official account to get reminders.',
    keywords: ['信用订阅', '订阅', '企业信用', '信用变更', '提醒'],
  },
];
