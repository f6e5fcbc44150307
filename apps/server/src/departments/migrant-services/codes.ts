/**
 * The sandbox 来穗局's 积分 indicators (积分指标) and their points: illustrative (广州's real table has more
 * indicators and other weights), chosen so that the demo record of 刘洋 (大专 40, 中级工 30, 社保 5 年 10, 居住 6 年 6)
 * follows them. docs/huzheng.md lists them.
 */

export const EDUCATION_POINTS = {
  junior: { detail: '初中及以下', points: 0 },
  senior: { detail: '高中、中专或技校', points: 20 },
  college: { detail: '大专', points: 40 },
  bachelor: { detail: '本科', points: 60 },
  master: { detail: '硕士研究生及以上', points: 80 },
} as const;
export type Education = keyof typeof EDUCATION_POINTS;

export const SKILL_POINTS = {
  none: { detail: '无', points: 0 },
  junior: { detail: '初级工', points: 10 },
  intermediate: { detail: '中级工或初级职称', points: 30 },
  senior: { detail: '高级工或中级职称', points: 50 },
  technician: { detail: '技师及以上或高级职称', points: 60 },
} as const;
export type Skill = keyof typeof SKILL_POINTS;

/** 在穗缴纳社会保险: 2 points a year, at most 40. */
export const insurancePoints = (years: number) => Math.min(40, Math.max(0, Math.floor(years)) * 2);
/** 在穗居住登记: 1 point a full year since the first approved 居住登记 in 广州, at most 10. */
export const residencePoints = (years: number) => Math.min(10, Math.max(0, years));

export const INDICATORS = {
  education: '文化程度',
  skill: '技能',
  insurance: '社会保险',
  residence: '居住情况',
} as const;

/**
 * 积分调整: the new situation as the applicant wrote it, read for the indicator's level (the words of the form's
 * options); null when it names none (the 来穗局 then refuses: the window scores it).
 */
export function educationIn(text: string): Education | null {
  if (/硕士|博士|研究生/.test(text)) return 'master';
  if (/本科|学士/.test(text)) return 'bachelor';
  if (/大专|专科/.test(text)) return 'college';
  if (/高中|中专|技校/.test(text)) return 'senior';
  return null;
}

export function skillIn(text: string): Skill | null {
  if (/技师|高级职称/.test(text)) return 'technician';
  if (/高级工|中级职称/.test(text)) return 'senior';
  if (/中级工|初级职称/.test(text)) return 'intermediate';
  if (/初级工/.test(text)) return 'junior';
  return null;
}

export function insuranceYearsIn(text: string): number | null {
  const m = /(\d{1,2})\s*年/.exec(text);
  return m ? Number(m[1]) : null;
}
