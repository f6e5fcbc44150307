import type { PersonalRouteSample } from './sample.js';

/**
 * 中考成绩查询 (佛山), 高考准考证查询及下载 and 高考成绩查询 (E3). The number + password routes read a record the
 * caller proves with its password (docs/departments/education.md: 陈依's 中考 ticket, 张伟's 考生号).
 */
const ZHONGKAO = { ticketNumber: '21440305148549', password: '99639855' };
const ZHANG = { candidateNumber: '06440106241996', password: 'yss123456' };
const GK = '/api/v1/lookups/gaokao';

export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'zhongkao-chengji-chaxun',
    method: 'POST',
    url: '/api/v1/lookups/zhongkao/results?city=440600',
    body: ZHONGKAO,
    owner: '陈志强',
  },
  { serviceId: 'gaokao-zhunkaozheng', method: 'GET', url: `${GK}/admission-tickets?city=440100`, owner: '张伟' },
  {
    serviceId: 'gaokao-zhunkaozheng',
    method: 'POST',
    url: `${GK}/admission-tickets/by-candidate-number?city=440100`,
    body: ZHANG,
    owner: '张伟',
  },
  {
    serviceId: 'gaokao-zhunkaozheng',
    method: 'GET',
    url: `${GK}/admission-tickets/${ZHANG.candidateNumber}/pdf?city=440100`,
    owner: '张伟',
  },
  {
    serviceId: 'gaokao-zhunkaozheng',
    method: 'POST',
    url: `${GK}/admission-tickets/by-candidate-number/pdf?city=440100`,
    body: ZHANG,
    owner: '张伟',
  },
  { serviceId: 'gaokao-chengji-chaxun', method: 'GET', url: `${GK}/results?city=440100`, owner: '张伟' },
  {
    serviceId: 'gaokao-chengji-chaxun',
    method: 'POST',
    url: `${GK}/results/by-candidate-number?city=440100`,
    body: ZHANG,
    owner: '张伟',
  },
  {
    serviceId: 'gaokao-chengji-chaxun',
    method: 'GET',
    url: `${GK}/results/${ZHANG.candidateNumber}/pdf?city=440100`,
    owner: '张伟',
  },
  {
    serviceId: 'gaokao-chengji-chaxun',
    method: 'POST',
    url: `${GK}/results/by-candidate-number/pdf?city=440100`,
    body: ZHANG,
    owner: '张伟',
  },
];
