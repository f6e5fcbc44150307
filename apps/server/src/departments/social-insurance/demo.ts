import { DEMO_PEOPLE } from '../population-register/generator.js';

/**
 * Hand-picked 人社 records of the README's demo people, each chosen to show a rule of the guide. Their jobs,
 * wages and cities still come from the shared life model (so tax and housing-fund records agree); only what
 * the life model does not decide is fixed here. See docs/departments/social-insurance.md.
 */
export const demoPersonId = (name: string): string => {
  const person = DEMO_PEOPLE.find((p) => p.name === name);
  if (!person) throw new Error(`no demo person ${name}`);
  return person.personId;
};

export interface DemoCard {
  generation: 1 | 2;
  bankName: string | null;
  issuingCityCode: string;
  issuedOn: string;
}

export const DEMO_CARDS: ReadonlyMap<string, DemoCard> = new Map([
  // Second-generation cards: can be linked (A4).
  [
    demoPersonId('张伟'),
    { generation: 2, bankName: '中国工商银行', issuingCityCode: '440100', issuedOn: '2018-09-20' },
  ],
  [
    demoPersonId('刘芳'),
    { generation: 2, bankName: '中国建设银行', issuingCityCode: '440100', issuedOn: '2019-07-16' },
  ],
  [demoPersonId('张建国'), { generation: 2, bankName: '广州银行', issuingCityCode: '440100', issuedOn: '2016-03-08' }],
  [demoPersonId('李娜'), { generation: 2, bankName: '招商银行', issuingCityCode: '440300', issuedOn: '2015-02-11' }],
  [
    demoPersonId('刘洋'),
    { generation: 2, bankName: '中国农业银行', issuingCityCode: '440100', issuedOn: '2017-01-12' },
  ],
  [demoPersonId('陈嘉欣'), { generation: 2, bankName: '中国银行', issuingCityCode: '440300', issuedOn: '2015-11-03' }],
  // A first-generation card (no UnionPay logo): 关联社保卡 fails with the guide's advice (A4).
  [demoPersonId('陈志强'), { generation: 1, bankName: null, issuingCityCode: '440600', issuedOn: '2008-06-18' }],
]);

/**
 * 张建国's last 养老资格认证 was more than 12 months before the province's date: his pension is suspended
 * until someone certifies him (his son 张伟 can, 为他人办理).
 */
export const DEMO_CERTIFICATIONS: ReadonlyMap<string, { at: string; agentIdNumber: string | null }> = new Map([
  [demoPersonId('张建国'), { at: '2024-12-05T10:20:00+08:00', agentIdNumber: null }],
]);
