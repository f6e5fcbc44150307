import type { GaokaoOverride } from './exams.js';
import type { GraduateOverride } from './graduates.js';

/**
 * Hand-picked education records of the README's demo people, keyed by person id (DEMO_PEOPLE). Everything
 * not fixed here (numbers, exam centre, archive receiver, dates) follows the same rules as for everyone:
 * the archive of each follows their lifeOf job in the September of their graduation year.
 *
 * - 张伟 (1988): 高考 2006 理科 612 → 华南理工大学 计算机科学与技术 → 本科 2010; archive to 人才市场 (his
 *   job then is at a sole proprietorship, which cannot keep archives).
 * - 刘芳 (1990): 高考 2008 文科 545 → 广东外语外贸大学 英语 → 本科 2012; no job in September 2012 → 生源地.
 * - 李娜 (1992): 高考 2010 理科 575 → 深圳大学 电子信息工程 → 本科 2014; no job in September 2014 → 生源地.
 * - 陈志强 (1979, 佛山): 高考 about 1998 and graduation before 2006: no record (outside both windows).
 * - 刘洋 (1995, 湖南 hukou): sat the 高考 in 湖南 (no Guangdong record); class of 2017 or later: none.
 * - 张梓轩 (2017), 张建国, 王秀英, 陈嘉欣 (香港): no education records.
 */
export const DEMO_CANDIDATE_PASSWORD = 'yss123456';

export const DEMO_EDUCATION: Readonly<Record<string, { gaokao: GaokaoOverride; graduate: GraduateOverride }>> = {
  // 张伟
  'de000000-0000-4000-8000-000000000001': {
    gaokao: {
      track: 'science',
      total: 612,
      admission: { institution: '华南理工大学', major: '计算机科学与技术', level: 'undergraduate' },
    },
    graduate: { master: false },
  },
  // 刘芳
  'de000000-0000-4000-8000-000000000002': {
    gaokao: {
      track: 'arts',
      total: 545,
      admission: { institution: '广东外语外贸大学', major: '英语', level: 'undergraduate' },
    },
    graduate: { master: false },
  },
  // 李娜
  'de000000-0000-4000-8000-000000000006': {
    gaokao: {
      track: 'science',
      total: 575,
      admission: { institution: '深圳大学', major: '电子信息工程', level: 'undergraduate' },
    },
    graduate: { master: false },
  },
};
