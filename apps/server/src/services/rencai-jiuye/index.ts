import type { ServiceDefinition } from '../types.js';

export const rencaiJiuyeServices: readonly ServiceDefinition[] = [
  {
    id: 'biyesheng-dangan-quxiang',
    name: '毕业生档案去向查询',
    nameEn: 'Graduate archive whereabouts',
    group: 'rencai-jiuye',
    zones: ['jiaoyu'],
    department: 'gd-graduate-employment-centre',
    featureIds: ['F2'],
    kind: 'query',
    whoMayAct: 'self',
    requiresVerification: true,
    availability: { mode: 'all' },
    description: '关联高校毕业生就业报到证后，可点击毕业生档案去向查，可查询接收单位、寄出日期、寄出方式、寄出信息。',
    descriptionEn:
      'After linking your graduate employment report card, see where your graduate archive went: receiving unit, date sent, method and tracking details.',
    keywords: ['档案', '人事档案', '档案去向', '毕业生', '报到证', '考研', '考公务员', '工龄'],
    notes: [
      '目前支持2006-2016届办理过暂缓就业的本省本专科及研究生查询，后续将陆续覆盖支持2019届应届生。',
      '其他查询入口：专区——教育服务专区；服务——人才与就业——毕业生服务。',
      '毕业生档案与毕业生考研、考公务员、出国、升学息息相关，另外，工龄、待遇、社保受保时间等也是以个人档案的记录为依据。',
    ],
    notesEn: [
      'Currently covers Guangdong undergraduates, college graduates and postgraduates of the 2006–2016 classes who deferred employment; the 2019 class will be covered later.',
      'Other entries: Zones → Education zone; Services → Talent & employment → Graduate services.',
      'The graduate archive matters for postgraduate entrance exams, civil-service exams, going abroad and further study; years of service, pay and the period covered by social insurance are also based on its records.',
    ],
  },
];
