import { type CityCode, makeUscc } from '@yss/contracts';
import { GUANGDONG_CITIES, Rng, ROADS, SURNAMES } from '../population-register/generator.js';
import { landline } from '../province/city-phones.js';

/**
 * The public legal-service directory of the synthetic province (广东省司法厅 / 12348 广东法网): law firms with
 * their licence numbers, their lawyers, the legal-aid office of every city, and which lawyers answer the
 * free online consultation on which weekdays. Reference data, the same for every seed, computed in one
 * pass (so serial numbers are simply counted). Lawyers are public listings (name, licence, firm); they are
 * not linked to the population register and no ID numbers are held.
 */

export const PRACTICE_AREAS = [
  'marriage-family',
  'labour',
  'contract',
  'debt',
  'property',
  'traffic',
  'criminal',
  'company',
] as const;
export type PracticeArea = (typeof PRACTICE_AREAS)[number];
export const PRACTICE_AREA_NAMES: Readonly<Record<PracticeArea, string>> = {
  'marriage-family': '婚姻家庭',
  labour: '劳动争议',
  contract: '合同纠纷',
  debt: '债权债务',
  property: '房产纠纷',
  traffic: '交通事故',
  criminal: '刑事辩护',
  company: '公司法务',
};

export const FIRM_FORMS = ['partnership', 'sole', 'state'] as const;
export type FirmForm = (typeof FIRM_FORMS)[number];
export const FIRM_FORM_NAMES: Readonly<Record<FirmForm, string>> = {
  partnership: '合伙',
  sole: '个人',
  state: '国资',
};
const FORM_DIGIT: Readonly<Record<FirmForm, number>> = { partnership: 1, state: 2, sole: 3 };

export const LAWYER_CATEGORIES = ['full-time', 'part-time'] as const;
export type LawyerCategory = (typeof LAWYER_CATEGORIES)[number];
export const LAWYER_CATEGORY_NAMES: Readonly<Record<LawyerCategory, string>> = {
  'full-time': '专职律师',
  'part-time': '兼职律师',
};
/** 执业类别 digit of a lawyer's licence number (the ministry's categories: 1 专职, 2 兼职, …). */
const CATEGORY_DIGIT: Readonly<Record<LawyerCategory, number>> = { 'full-time': 1, 'part-time': 2 };

/**
 * Two-digit codes of the cities' lawyers' associations (广东省律师协会's list: 广州 01, 深圳 02, 珠海 03 …),
 * used in licence numbers after the province code 19.
 */
export const BAR_CITY_CODES: Readonly<Record<CityCode, string>> = {
  '440100': '01',
  '440300': '02',
  '440400': '03',
  '440500': '04',
  '440200': '05',
  '441600': '06',
  '441400': '07',
  '441300': '08',
  '441500': '09',
  '441900': '10',
  '442000': '11',
  '440700': '12',
  '440600': '13',
  '441700': '14',
  '440800': '15',
  '440900': '16',
  '441200': '17',
  '441800': '18',
  '445100': '19',
  '445200': '20',
  '445300': '21',
};
const PROVINCE_CODE = '19';

export interface LawFirm {
  /** 执业许可证号 (17 digits). */
  licenceNumber: string;
  /** 统一社会信用代码: authority 3 (司法行政), kind 1 (律师执业机构). */
  uscc: string;
  name: string;
  cityCode: CityCode;
  regionCode: string;
  address: string;
  phone: string;
  form: FirmForm;
  establishedOn: string;
}

export interface Lawyer {
  /** 执业证号 (17 digits). */
  licenceNumber: string;
  name: string;
  sex: 'male' | 'female';
  firmLicenceNumber: string;
  cityCode: CityCode;
  category: LawyerCategory;
  firstLicensedYear: number;
  practiceAreas: PracticeArea[];
  /** Answers the free online consultation (12348 在线咨询) on these weekdays (1 Monday … 7 Sunday). */
  dutyWeekdays: number[];
}

export interface LegalAidCentre {
  cityCode: CityCode;
  name: string;
  address: string;
  phone: string;
  hours: string;
}

const FIRM_MOTIFS =
  '广信华商金桥大成正平卓信君言泰和明思天禾德赛国鼎诚公海埠瑞恒中银法正远航南粤岭南汇德中安立天启源百越方圆'.match(
    /.{2}/gu,
  ) as string[];
const MALE_GIVEN = Array.from('伟强磊军勇杰涛明超刚辉鹏斌波华建志文俊峰健亮成海龙飞凯东彬鸿炜栋');
const FEMALE_GIVEN = Array.from('丽艳娟芳娜敏静燕玲丹莉倩霞红婷琳雪颖慧晶洁蓉萍');

export interface JusticeDirectory {
  firms: LawFirm[];
  lawyers: Lawyer[];
  centres: LegalAidCentre[];
}

function buildDirectory(): JusticeDirectory {
  const firms: LawFirm[] = [];
  const lawyers: Lawyer[] = [];
  const centres: LegalAidCentre[] = [];
  const usedNames = new Set<string>();
  for (const city of GUANGDONG_CITIES) {
    const rng = new Rng(`justice:${city.code}`);
    const bar = BAR_CITY_CODES[city.code];
    const serials = new Map<string, number>();
    const next = (key: string) => {
      const n = (serials.get(key) ?? 0) + 1;
      serials.set(key, n);
      return n;
    };
    const firmCount = Math.max(3, Math.round(city.residentWeight / 10));
    for (let f = 0; f < firmCount; f++) {
      const district = rng.pick(city.districts);
      // Two motifs, unique in the province: 广东广信君达律师事务所.
      let name = '';
      for (let tries = 0; tries < 100 && (name === '' || usedNames.has(name)); tries++) {
        const a = rng.pick(FIRM_MOTIFS);
        let b = rng.pick(FIRM_MOTIFS);
        while (b === a) b = rng.pick(FIRM_MOTIFS);
        name = `广东${a}${b}律师事务所`;
      }
      usedNames.add(name);
      const form: FirmForm = rng.chance(0.12) ? 'sole' : rng.chance(0.03) ? 'state' : 'partnership';
      const year = rng.int(1993, 2023);
      const firmSerial = next(`firm:${year}`);
      const licenceNumber = `3${PROVINCE_CODE}${bar}${year}${FORM_DIGIT[form]}${String(firmSerial).padStart(7, '0')}`;
      const orgCode = `${bar}${String(year % 100).padStart(2, '0')}${String(firmSerial).padStart(4, '0')}`;
      const firm: LawFirm = {
        licenceNumber,
        uscc: makeUscc({ authority: '3', kind: '1', regionCode: district.code, orgCode }),
        name,
        cityCode: city.code,
        regionCode: district.code,
        address: `广东省${city.fullName}${district.name}${rng.pick(ROADS)}${rng.int(1, 400)}号${rng.int(2, 30)}楼`,
        phone: landline(city.code, rng),
        form,
        establishedOn: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      };
      firms.push(firm);
      const size = form === 'sole' ? rng.int(1, 3) : rng.int(3, 10);
      for (let l = 0; l < size; l++) {
        const sex = rng.chance(0.45) ? 'female' : 'male';
        const first = Math.max(year, rng.int(1993, 2024));
        const category: LawyerCategory = rng.chance(0.92) ? 'full-time' : 'part-time';
        const areas = new Set<PracticeArea>();
        const areaCount = rng.int(1, 3);
        while (areas.size < areaCount) areas.add(rng.pick(PRACTICE_AREAS));
        // About a third of lawyers take turns (1–3 weekdays) answering the free online consultation.
        const dutyDays = rng.chance(0.35) ? rng.int(1, 3) : 0;
        const days = new Set<number>();
        while (days.size < dutyDays) days.add(rng.int(1, 7));
        lawyers.push({
          licenceNumber: `1${PROVINCE_CODE}${bar}${first}${CATEGORY_DIGIT[category]}${sex === 'male' ? 1 : 0}${String(next(`lawyer:${first}`)).padStart(6, '0')}`,
          name:
            rng.pick(SURNAMES) +
            rng.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN) +
            (rng.chance(0.6) ? rng.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN) : ''),
          sex,
          firmLicenceNumber: licenceNumber,
          cityCode: city.code,
          category,
          firstLicensedYear: first,
          practiceAreas: PRACTICE_AREAS.filter((a) => areas.has(a)),
          dutyWeekdays: [...days].sort((a, b) => a - b),
        });
      }
    }
    const seat = city.districts[0] as { code: string; name: string };
    centres.push({
      cityCode: city.code,
      name: `${city.fullName}法律援助${city.code === '440100' || city.code === '440300' ? '处' : '中心'}`,
      address: `广东省${city.fullName}${seat.name}${rng.pick(ROADS)}${rng.int(1, 300)}号`,
      phone: landline(city.code, rng),
      hours: '周一至周五 09:00–12:00，14:00–17:30（法定节假日除外）',
    });
  }
  return { firms, lawyers, centres };
}

let directory: JusticeDirectory | undefined;

export function justiceDirectory(): JusticeDirectory {
  directory ??= buildDirectory();
  return directory;
}

/** The province-wide public legal service hotline. */
export const PUBLIC_LEGAL_SERVICE_HOTLINE = '12348';
/** When the online lawyers answer (the hotline itself answers around the clock). */
export const ONLINE_CONSULTATION_HOURS = '09:00–12:00，14:00–18:00';
