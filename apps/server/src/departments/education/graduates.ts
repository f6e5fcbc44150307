import { findCity } from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import { GUANGDONG_CITIES, OTHER_PROVINCE_DISTRICTS, type Rng, ROADS } from '../population-register/generator.js';
import type { Enterprise } from '../province/enterprises.js';
import type { Job, Life } from '../province/life.js';
import { type GaokaoCandidate, gaokaoYear } from './exams.js';
import { INSTITUTIONS, INSTITUTIONS_BY_BAND, institutionNamed, MAJORS } from './institutions.js';
import { cohortKey, scramble } from './numbers.js';

/**
 * 高校毕业生就业报到证 and 档案去向 of the synthetic province (广东省高校毕业生就业指导中心): graduates of the
 * classes of 2006–2016, the years the guide says are covered. A graduate's school follows their 高考
 * admission when the exam authority has it (高考 from 2006); people whose 高考 was earlier, or in another
 * province, graduate with a drawn school. Where the archive went follows lifeOf: an employer that is an
 * institution (机关事业单位) keeps it; a company cannot, so it goes to the talent exchange centre (人才市场) of
 * the job's city; with no job, back to the place of origin (生源地).
 */

export const GRADUATE_PROVIDER = '广东省高校毕业生就业指导中心';
export const FIRST_CLASS = 2006;
export const LAST_CLASS = 2016;

export const EDUCATION_LEVELS = ['vocational', 'undergraduate', 'master', 'doctor'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_NAMES: Readonly<Record<EducationLevel, string>> = {
  vocational: '专科',
  undergraduate: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};
const STUDY_YEARS: Readonly<Record<EducationLevel, number>> = { vocational: 3, undergraduate: 4, master: 3, doctor: 3 };

export const ARCHIVE_DESTINATIONS = ['employer', 'talent-market', 'origin'] as const;
export type ArchiveDestination = (typeof ARCHIVE_DESTINATIONS)[number];
export const ARCHIVE_DESTINATION_NAMES: Readonly<Record<ArchiveDestination, string>> = {
  employer: '单位',
  'talent-market': '人才市场',
  origin: '生源地',
};
export const ARCHIVE_METHODS = ['confidential-mail', 'courier'] as const;
export type ArchiveMethod = (typeof ARCHIVE_METHODS)[number];
export const ARCHIVE_METHOD_NAMES: Readonly<Record<ArchiveMethod, string>> = {
  'confidential-mail': '机要寄送',
  courier: '专人送达',
};

export interface Graduate {
  /** 报到证编号: class year (4) + region code of the ID number (6) + 7 scrambled digits. */
  certificateNumber: string;
  graduationYear: number;
  institution: string;
  /** 主管单位: the institution's competent authority. */
  authority: string;
  major: string;
  level: EducationLevel;
  /** 报到单位: the employer, or the body that receives the archive. */
  reportTo: string;
  reportToUscc: string | null;
  archive: {
    destination: ArchiveDestination;
    /** 接收单位 */
    receiver: string;
    address: string;
    sentOn: string;
    method: ArchiveMethod;
    trackingNumber: string | null;
    receivedOn: string;
  };
  updatedAt: string;
}

/** Hand-picked facts of a demo person's studies (the rest follows the rules). */
export interface GraduateOverride {
  /** Continue to a master's degree after the 高考-admitted undergraduate degree (false: stop there). */
  master: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

function cityFullName(cityCode: string): string {
  return GUANGDONG_CITIES.find((c) => c.code === cityCode)?.fullName ?? `${findCity(cityCode)?.name ?? ''}市`;
}

function streetAddress(rng: Rng, cityCode: string, regionCode?: string): string {
  const city = GUANGDONG_CITIES.find((c) => c.code === cityCode);
  if (!city) return '';
  const district = city.districts.find((d) => d.code === regionCode) ?? rng.pick(city.districts);
  return `广东省${city.fullName}${district.name}${rng.pick(ROADS)}${rng.int(1, 400)}号`;
}

/** The 生源地 receiver: the employment authority of the hukou city (in another province too). */
function origin(person: RegisteredPerson, rng: Rng): { receiver: string; address: string } {
  if (person.hukouCityCode) {
    return {
      receiver: `${cityFullName(person.hukouCityCode)}人力资源和社会保障局`,
      address: streetAddress(rng, person.hukouCityCode),
    };
  }
  const district = OTHER_PROVINCE_DISTRICTS.find((d) => d.code === person.hukouRegionCode);
  const city = district?.prefix.match(/^.*?市/)?.[0] ?? district?.prefix ?? '';
  return {
    receiver: `${city}人力资源和社会保障局`,
    address: `${district?.prefix ?? city}${rng.pick(ROADS)}${rng.int(1, 400)}号`,
  };
}

/**
 * The job a graduate of `year` went to: the one held in the September after graduation (archives are sent
 * in July on the strength of the employment agreement; a job found later does not bring the archive back).
 */
export function jobAfterGraduation(life: Life, year: number): Job | undefined {
  const september = `${year}-09`;
  return life.jobs.find((j) => j.from <= september && (j.to === null || j.to >= september));
}

interface Studies {
  institution: string;
  major: string;
  level: EducationLevel;
  graduationYear: number;
}

function studiesOf(
  person: RegisteredPerson,
  gaokao: GaokaoCandidate | undefined,
  rng: Rng,
  override?: GraduateOverride,
): Studies | undefined {
  const dropOut = rng.chance(0.03);
  const goOn = rng.chance(0.12);
  const doctor = rng.chance(0.1);
  if (gaokao) {
    const { admission } = gaokao;
    if (admission.status !== 'admitted' || !admission.institution || !admission.major || !admission.level) return;
    if (dropOut && !override) return;
    if (admission.level === 'vocational') {
      const { institution, major } = admission;
      return { institution, major, level: 'vocational', graduationYear: gaokao.examYear + STUDY_YEARS.vocational };
    }
    const bachelor = gaokao.examYear + STUDY_YEARS.undergraduate + (admission.major === '临床医学' ? 1 : 0);
    const master = override ? override.master : goOn;
    if (!master)
      return {
        institution: admission.institution,
        major: admission.major,
        level: 'undergraduate',
        graduationYear: bachelor,
      };
    const level: EducationLevel = !override && doctor ? 'doctor' : 'master';
    const institution = rng.chance(0.5) ? admission.institution : rng.pick(INSTITUTIONS_BY_BAND.a).name;
    const further = STUDY_YEARS.master + (level === 'doctor' ? STUDY_YEARS.doctor : 0);
    return { institution, major: admission.major, level, graduationYear: bachelor + further };
  }
  // No 高考 record here: the exam was before 2006 or in another province. About 30 % of those cohorts
  // studied. Hong Kong, Macao and Taiwan residents (region codes 81–83) are not in the 报到证 system.
  const born = Number(person.birthDate.slice(0, 4));
  if (born < 1979 || born > 1996 || !rng.chance(0.3) || /^8[1-3]/.test(person.hukouRegionCode)) return;
  const x = rng.float();
  const level: EducationLevel = x < 0.35 ? 'vocational' : x < 0.85 ? 'undergraduate' : x < 0.98 ? 'master' : 'doctor';
  const levelYears =
    level === 'vocational'
      ? STUDY_YEARS.vocational
      : STUDY_YEARS.undergraduate +
        (level === 'undergraduate' ? 0 : STUDY_YEARS.master) +
        (level === 'doctor' ? STUDY_YEARS.doctor : 0);
  const pool =
    level === 'vocational' ? INSTITUTIONS_BY_BAND.v : INSTITUTIONS.filter((i) => i.level === 'undergraduate');
  return {
    institution: rng.pick(pool).name,
    major: rng.pick(MAJORS[level === 'vocational' ? 'vocational' : 'undergraduate']),
    level,
    graduationYear: gaokaoYear(person.birthDate) + levelYears + (rng.chance(0.2) ? 1 : 0),
  };
}

/**
 * A person's 报到证 and archive record, if they graduated in 2006–2016 (and the class had left by the
 * province's date).
 */
export function graduateOf(
  person: RegisteredPerson,
  gaokao: GaokaoCandidate | undefined,
  life: Life,
  rng: Rng,
  asOf: string,
  override?: GraduateOverride,
): Graduate | undefined {
  const studies = studiesOf(person, gaokao, rng, override);
  if (!studies) return;
  const { graduationYear: year } = studies;
  if (year < FIRST_CLASS || year > LAST_CLASS || asOf < `${year}-07-01`) return;
  const key = cohortKey(person.idNumber, person.birthDate, '1975-01-01', 9000);
  if (key === undefined) return;
  const job = jobAfterGraduation(life, year);
  const employer: Enterprise | undefined = job?.employer;
  const destination: ArchiveDestination = !employer
    ? 'origin'
    : employer.kind === 'institution'
      ? 'employer'
      : 'talent-market';
  const jobCity = job?.cityCode ?? person.residenceCityCode ?? person.hukouCityCode ?? '440100';
  const receiver =
    destination === 'employer' && employer
      ? { receiver: employer.name, address: streetAddress(rng, employer.cityCode, employer.regionCode) }
      : destination === 'origin' || !job
        ? origin(person, rng)
        : { receiver: `${cityFullName(jobCity)}人才交流服务中心`, address: streetAddress(rng, jobCity) };
  const sentOn = `${year}-07-${pad(rng.int(5, 31))}`;
  const method: ArchiveMethod = rng.chance(0.85) ? 'confidential-mail' : 'courier';
  const tracking = `JY${String(rng.int(0, 99_999)).padStart(5, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  const receivedOn = addDays(sentOn, rng.int(3, 12));
  return {
    certificateNumber: `${year}${person.idNumber.slice(0, 6)}${scramble(key, 7, 7_654_321n, 1_234_567n)}`,
    graduationYear: year,
    institution: studies.institution,
    authority: institutionNamed(studies.institution)?.authority ?? '广东省教育厅',
    major: studies.major,
    level: studies.level,
    reportTo: employer && destination !== 'origin' ? employer.name : receiver.receiver,
    reportToUscc: employer && destination !== 'origin' ? employer.uscc : null,
    archive: {
      destination,
      ...receiver,
      sentOn,
      method,
      trackingNumber: method === 'confidential-mail' ? tracking : null,
      receivedOn,
    },
    updatedAt: `${receivedOn}T17:00:00+08:00`,
  };
}

function addDays(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}
