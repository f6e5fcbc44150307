import type { DepartmentDefinition } from './types.js';

/**
 * The departments (办理部门) behind the catalog's services.
 * Ids are stable kebab-case: services refer to them and they are seeded into the database.
 */
export const DEPARTMENTS: readonly DepartmentDefinition[] = [
  {
    id: 'gd-hrss',
    name: '广东省人力资源和社会保障厅',
    nameEn: 'Human Resources and Social Security Department of Guangdong Province',
  },
  {
    id: 'shebao-agencies',
    name: '各地市社会保险经办机构',
    nameEn: 'Municipal social insurance agencies',
  },
  {
    id: 'gd-medical-security',
    name: '广东省医疗保障局',
    nameEn: 'Guangdong Healthcare Security Administration',
  },
  {
    id: 'housing-fund-centres',
    name: '各地市住房公积金管理中心',
    nameEn: 'Municipal housing provident fund management centres',
  },
  {
    id: 'gd-civil-affairs',
    name: '广东省民政厅',
    nameEn: 'Department of Civil Affairs of Guangdong Province',
  },
  {
    id: 'gd-disabled-persons-federation',
    name: '广东省残疾人联合会',
    nameEn: "Guangdong Disabled Persons' Federation",
  },
  {
    id: 'gd-public-security',
    name: '广东省公安厅（户政、治安）',
    nameEn: 'Department of Public Security of Guangdong Province (household registration and public order)',
  },
  {
    id: 'gd-traffic-police',
    name: '广东省公安厅交通管理局',
    nameEn: 'Traffic Administration Bureau of the Department of Public Security of Guangdong Province',
  },
  {
    id: 'gd-exit-entry',
    name: '广东省公安厅出入境管理局',
    nameEn: 'Exit and Entry Administration Bureau of the Department of Public Security of Guangdong Province',
  },
  {
    id: 'guangzhou-public-security',
    name: '广州市公安局',
    nameEn: 'Guangzhou Municipal Public Security Bureau',
  },
  {
    id: 'guangzhou-migrant-services',
    name: '广州市来穗人员服务管理局',
    nameEn: 'Guangzhou Migrant Population Service and Management Bureau',
  },
  {
    id: 'gd-tax',
    name: '国家税务总局广东省税务局',
    nameEn: 'Guangdong Provincial Tax Service, State Taxation Administration',
  },
  {
    id: 'gd-health',
    name: '广东省卫生健康委员会',
    nameEn: 'Health Commission of Guangdong Province',
  },
  {
    id: 'gd-education',
    name: '广东省教育厅',
    nameEn: 'Department of Education of Guangdong Province',
  },
  {
    id: 'gd-education-exam',
    name: '广东省教育考试院',
    nameEn: 'Guangdong Education Examinations Authority',
  },
  {
    id: 'foshan-education',
    name: '佛山市教育局',
    nameEn: 'Foshan Municipal Education Bureau',
  },
  {
    id: 'gd-graduate-employment-centre',
    name: '广东省高校毕业生就业指导中心',
    nameEn: 'Guangdong College Graduates Employment Guidance Centre',
  },
  {
    id: 'credit-guangdong',
    name: '信用广东',
    nameEn: 'Credit Guangdong',
  },
  {
    id: 'gd-natural-resources',
    name: '广东省自然资源厅（不动产登记）',
    nameEn: 'Department of Natural Resources of Guangdong Province (real estate registration)',
  },
  {
    id: 'gd-justice',
    name: '广东省司法厅',
    nameEn: 'Department of Justice of Guangdong Province',
  },
  {
    id: 'labour-arbitration',
    name: '各地劳动人事争议仲裁委员会',
    nameEn: 'Labour and personnel dispute arbitration commissions',
  },
  {
    id: 'guangzhou-gas',
    name: '广州燃气集团有限公司',
    nameEn: 'Guangzhou Gas Group Co., Ltd.',
  },
  {
    id: 'csg-guangdong-power',
    name: '广东电网有限责任公司（南方电网）',
    nameEn: 'Guangdong Power Grid Co., Ltd. (China Southern Power Grid)',
  },
  {
    id: 'yangjiang-water',
    name: '阳江市供水企业',
    nameEn: 'Yangjiang water supply utility',
  },
  {
    id: 'gd-transport',
    name: '广东省交通运输厅',
    nameEn: 'Department of Transport of Guangdong Province',
  },
  {
    id: 'gd-meteorological',
    name: '广东省气象局',
    nameEn: 'Guangdong Meteorological Service',
  },
  {
    id: 'guangzhou-railway',
    name: '中国铁路广州局集团有限公司',
    nameEn: 'China Railway Guangzhou Group Co., Ltd.',
  },
  {
    id: 'gd-airport-group',
    name: '广东省机场管理集团有限公司',
    nameEn: 'Guangdong Airport Authority',
  },
  {
    id: 'gd-volunteers',
    name: '广东省志愿者联合会',
    nameEn: 'Guangdong Volunteers Federation',
  },
  {
    id: 'gd-government-services-data',
    name: '广东省政务服务数据管理局',
    nameEn: 'Guangdong Government Service and Data Administration',
  },
];
