import type { RegisteredPerson } from '../population-register/contract.js';
import type { Rng } from '../population-register/generator.js';
import { INSTITUTIONS_BY_BAND, type InstitutionLevel, MAJORS } from './institutions.js';
import { cohortKey, scramble } from './numbers.js';
import { schoolsNear } from './schools.js';

/**
 * The exam records of the synthetic province, derived from a person alone (and their own random stream):
 * who sat the 高考 (Guangdong hukou, the cohort's year, from 2006 on) and the 中考 (living in 佛山, the last
 * five exam years), with which numbers, scores and admission. Pure functions: the generator writes what
 * they return, and tests recompute them.
 */

export const GAOKAO_PROVIDER = '广东省教育考试院';
export const ZHONGKAO_PROVIDER = '佛山市教育局';
export const FOSHAN = '440600';

export interface SubjectScore {
  subject: string;
  score: number;
  fullMarks: number;
}

export const GAOKAO_TRACKS = ['physics', 'history', 'science', 'arts'] as const;
export type GaokaoTrack = (typeof GAOKAO_TRACKS)[number];
/** 2021 on: 物理类 / 历史类 (3+1+2); before: 理科 / 文科. */
export const TRACK_NAMES: Readonly<Record<GaokaoTrack, string>> = {
  physics: '物理类',
  history: '历史类',
  science: '理科',
  arts: '文科',
};

export const ADMISSION_STATUSES = ['admitted', 'not-admitted', 'pending'] as const;
export interface Admission {
  status: (typeof ADMISSION_STATUSES)[number];
  institution: string | null;
  major: string | null;
  level: InstitutionLevel | null;
}

export interface GaokaoCandidate {
  /** 考生号: year (2) + region code of the ID number (6) + 6 scrambled digits of the cohort key. */
  candidateNumber: string;
  /** 准考证号: year (2) + 12 scrambled digits of the 考生号's last 12. */
  ticketNumber: string;
  examYear: number;
  track: GaokaoTrack;
  /** The subjects sat, in timetable order (known from registration, before any score). */
  subjects: string[];
  examCentreCode: string;
  /** Null until the scores are published (about 25 June). */
  scores: SubjectScore[] | null;
  total: number | null;
  admission: Admission;
  /** When the record last changed: ticket issued, scores published or admission closed. ISO date-time. */
  updatedAt: string;
}

export interface ZhongkaoCandidate {
  /** 准考证号: year (2) + region code of the ID number (6) + 6 scrambled digits of the cohort key. */
  ticketNumber: string;
  examYear: number;
  /** The 初中 the candidate sat the exam from (a junior school of the 佛山 district they live in). */
  schoolCode: string;
  scores: SubjectScore[];
  total: number;
  updatedAt: string;
}

/** First 高考 year the exam authority keeps queryable records of (the 报到证 window starts with its graduates). */
export const FIRST_GAOKAO_YEAR = 2006;
/** 中考 results stay queryable for this many exam years. */
export const ZHONGKAO_YEARS = 5;

/**
 * 本科 lines (本科批次最低分数线) 2021–2024 by first-choice subject, as announced by 广东省教育考试院 (see
 * docs/departments/education.md); 2025 reuses 2024's. Before 2021 (文理分科) the sandbox uses one synthetic
 * line per track. 专科 line: a synthetic 200 throughout.
 */
const UNDERGRADUATE_LINES: Readonly<Record<number, { physics: number; history: number }>> = {
  2021: { physics: 432, history: 448 },
  2022: { physics: 445, history: 437 },
  2023: { physics: 439, history: 433 },
  2024: { physics: 442, history: 428 },
};
const PRE_2021_LINES = { science: 450, arts: 480 };
const VOCATIONAL_LINE = 200;

export function undergraduateLine(year: number, track: GaokaoTrack): number {
  if (track === 'science' || track === 'arts') return PRE_2021_LINES[track];
  const known = UNDERGRADUATE_LINES[Math.min(year, 2024)] ?? UNDERGRADUATE_LINES[2021];
  return (known as { physics: number; history: number })[track];
}

const pad = (n: number) => String(n).padStart(2, '0');
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The school year of a birth date: born 1 September (Y) … 31 August (Y+1) → Y. */
function cohortYear(birthDate: string): number {
  const [y, m] = birthDate.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/** The 高考 year of a birth cohort: the June after the eighteenth birthday of the cohort's youngest. */
export function gaokaoYear(birthDate: string): number {
  return cohortYear(birthDate) + 19;
}

export function zhongkaoYear(birthDate: string): number {
  return cohortYear(birthDate) + 16;
}

function score(rng: Rng, fullMarks: number, mean: number, ability: number): number {
  return Math.round(fullMarks * clamp(mean + 0.13 * ability + 0.07 * rng.normal(), 0.05, 0.98));
}

function gaokaoScores(rng: Rng, year: number, track: GaokaoTrack, ability: number): SubjectScore[] {
  const s = (subject: string, fullMarks: number, mean: number) => ({
    subject,
    score: score(rng, fullMarks, mean, ability),
    fullMarks,
  });
  const common = [s('语文', 150, 0.66), s('数学', 150, 0.55), s('外语', 150, 0.6)];
  if (year < 2021) return [...common, s(track === 'science' ? '理科综合' : '文科综合', 300, 0.57)];
  // 3+1+2: the first-choice subject in raw marks; the two re-chosen subjects graded (赋分) from 30 to 100.
  const electives = track === 'physics' ? ['化学', '生物', '地理', '思想政治'] : ['思想政治', '地理', '生物', '化学'];
  const first = rng.chance(0.7) ? [electives[0], electives[1]] : [electives[rng.int(0, 1)], electives[rng.int(2, 3)]];
  const graded = (subject: string) => ({
    subject,
    score: clamp(Math.round(70 + 14 * ability + 7 * rng.normal()), 30, 100),
    fullMarks: 100,
  });
  return [...common, s(track === 'physics' ? '物理' : '历史', 100, 0.58), ...first.map((x) => graded(x as string))];
}

function admissionOf(rng: Rng, year: number, track: GaokaoTrack, total: number): Admission {
  const none: Admission = { status: 'not-admitted', institution: null, major: null, level: null };
  const line = undergraduateLine(year, track);
  if (total >= line && rng.chance(0.96)) {
    const band = total >= line + 170 ? 'a' : total >= line + 100 ? 'b' : 'c';
    return {
      status: 'admitted',
      institution: rng.pick(INSTITUTIONS_BY_BAND[band]).name,
      major: rng.pick(MAJORS.undergraduate),
      level: 'undergraduate',
    };
  }
  if (total >= VOCATIONAL_LINE && rng.chance(0.85)) {
    return {
      status: 'admitted',
      institution: rng.pick(INSTITUTIONS_BY_BAND.v).name,
      major: rng.pick(MAJORS.vocational),
      level: 'vocational',
    };
  }
  return none;
}

/** Hand-picked 高考 of a demo person (the README's people), replacing the drawn one. */
export interface GaokaoOverride {
  track: GaokaoTrack;
  total: number;
  admission: Omit<Admission, 'status'>;
}

/**
 * A person's 高考 record, if they sat it: Guangdong hukou, the cohort's exam year from 2006 to the last one
 * whose admission tickets were out by the province's date, and about 70 % of each cohort (less before 2012).
 */
export function gaokaoOf(
  person: RegisteredPerson,
  rng: Rng,
  asOf: string,
  override?: GaokaoOverride,
): GaokaoCandidate | undefined {
  const year = gaokaoYear(person.birthDate);
  const participation = year < 2012 ? 0.55 : 0.7;
  const sat = rng.chance(participation);
  if (!person.hukouCityCode || year < FIRST_GAOKAO_YEAR || asOf < `${year}-05-25`) return undefined;
  if (!sat && !override) return undefined;
  const key = cohortKey(person.idNumber, person.birthDate, `${year - 19}-09-01`, 366);
  if (key === undefined) return undefined;
  const yy = pad(year % 100);
  const candidateNumber = `${yy}${person.idNumber.slice(0, 6)}${scramble6(key)}`;
  const ticketNumber = `${yy}${scramble12(Number(candidateNumber.slice(2)))}`;
  const track: GaokaoTrack =
    override?.track ??
    (year >= 2021 ? (rng.chance(0.6) ? 'physics' : 'history') : rng.chance(0.6) ? 'science' : 'arts');
  const ability = rng.normal();
  let scores = gaokaoScores(rng, year, track, ability);
  if (override) scores = fitTotal(scores, override.total);
  const total = scores.reduce((sum, x) => sum + x.score, 0);
  const drawn = admissionOf(rng, year, track, total);
  const centres = schoolsNear(person.hukouCityCode, person.address, 'senior');
  const examCentreCode = (rng.pick(centres) ?? centres[0])?.code ?? '';
  const published = asOf >= `${year}-06-25`;
  const closed = asOf >= `${year}-08-31`;
  const admission: Admission = !closed
    ? { status: 'pending', institution: null, major: null, level: null }
    : override
      ? { status: 'admitted', ...override.admission }
      : drawn;
  return {
    candidateNumber,
    ticketNumber,
    examYear: year,
    track,
    subjects: scores.map((x) => x.subject),
    examCentreCode,
    scores: published ? scores : null,
    total: published ? total : null,
    admission,
    updatedAt: `${closed ? `${year}-08-31` : published ? `${year}-06-25` : `${year}-05-25`}T09:00:00+08:00`,
  };
}

/** Spread a hand-picked total over the subjects, in proportion to their marks. */
function fitTotal(scores: SubjectScore[], total: number): SubjectScore[] {
  const full = scores.reduce((s, x) => s + x.fullMarks, 0);
  const fitted = scores.map((x) => ({ ...x, score: Math.floor((x.fullMarks * total) / full) }));
  let rest = total - fitted.reduce((s, x) => s + x.score, 0);
  for (const x of fitted) {
    const add = Math.min(rest, x.fullMarks - x.score);
    x.score += add;
    rest -= add;
  }
  return fitted;
}

const ZHONGKAO_SUBJECTS: readonly (readonly [string, number, number])[] = [
  ['语文', 120, 0.72],
  ['数学', 120, 0.66],
  ['英语', 120, 0.7],
  ['物理', 100, 0.68],
  ['化学', 100, 0.7],
  ['道德与法治', 100, 0.78],
  ['历史', 100, 0.76],
  ['体育与健康', 70, 0.88],
];

/** The year of the latest 中考 whose results (published about 10 July) are out by the province's date. */
export function latestZhongkaoYear(asOf: string): number {
  const year = Number(asOf.slice(0, 4));
  return asOf >= `${year}-07-10` ? year : year - 1;
}

/**
 * A 佛山 resident's 中考 record: living in 佛山 (the 佛山 education bureau runs the exam for the schools in
 * the city, whatever the hukou), the cohort's exam year among the last five with published results, and
 * about 95 % of the cohort (the rest left for another city or a vocational path).
 */
export function zhongkaoOf(person: RegisteredPerson, rng: Rng, asOf: string): ZhongkaoCandidate | undefined {
  const year = zhongkaoYear(person.birthDate);
  const latest = latestZhongkaoYear(asOf);
  if (!rng.chance(0.95)) return undefined;
  if (person.residenceCityCode !== FOSHAN || person.status !== 'normal') return undefined;
  if (year > latest || year <= latest - ZHONGKAO_YEARS) return undefined;
  const key = cohortKey(person.idNumber, person.birthDate, `${year - 16}-09-01`, 366);
  if (key === undefined) return undefined;
  const schools = schoolsNear(FOSHAN, person.residenceAddress, 'junior');
  const ability = rng.normal();
  const scores = ZHONGKAO_SUBJECTS.map(([subject, fullMarks, mean]) => ({
    subject,
    score: score(rng, fullMarks, mean, ability),
    fullMarks,
  }));
  return {
    ticketNumber: `${pad(year % 100)}${person.idNumber.slice(0, 6)}${scramble6(key)}`,
    examYear: year,
    schoolCode: rng.pick(schools)?.code ?? '',
    scores,
    total: scores.reduce((s, x) => s + x.score, 0),
    updatedAt: `${year}-07-10T09:00:00+08:00`,
  };
}

const scramble6 = (x: number) => scramble(x, 6, 738_457n, 271_829n);
const scramble12 = (x: number) => scramble(x, 12, 618_033_988_749n, 141_421_356_237n);

/** One exam session of an admission ticket. */
export interface ExamSession {
  date: string;
  start: string;
  end: string;
  subject: string;
}

/**
 * The timetable printed on a 高考 准考证 for the candidate's subjects: 7–8 June for the national papers,
 * 9–10 June for the re-chosen subjects (2021 on, Guangdong's published pattern).
 */
export function gaokaoTimetable(year: number, subjects: readonly string[], track: GaokaoTrack): ExamSession[] {
  const day = (d: number) => `${year}-06-${pad(d)}`;
  const sessions: ExamSession[] = [
    { date: day(7), start: '09:00', end: '11:30', subject: '语文' },
    { date: day(7), start: '15:00', end: '17:00', subject: '数学' },
  ];
  if (year < 2021) {
    sessions.push({ date: day(8), start: '09:00', end: '11:30', subject: TRACK_NAMES[track].replace('科', '科综合') });
    sessions.push({ date: day(8), start: '15:00', end: '17:00', subject: '外语' });
    return sessions;
  }
  sessions.push({ date: day(8), start: '09:00', end: '10:15', subject: track === 'physics' ? '物理' : '历史' });
  sessions.push({ date: day(8), start: '15:00', end: '17:00', subject: '外语' });
  const slots: Record<string, ExamSession> = {
    化学: { date: day(9), start: '08:30', end: '09:45', subject: '化学' },
    地理: { date: day(9), start: '11:00', end: '12:15', subject: '地理' },
    思想政治: { date: day(9), start: '15:00', end: '16:15', subject: '思想政治' },
    生物: { date: day(9), start: '17:30', end: '18:45', subject: '生物' },
  };
  for (const subject of ['化学', '地理', '思想政治', '生物']) {
    if (subjects.includes(subject)) sessions.push(slots[subject] as ExamSession);
  }
  return sessions;
}
