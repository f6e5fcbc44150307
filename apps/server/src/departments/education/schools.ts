import { type CityCode, findCity } from '@yss/contracts';
import { GUANGDONG_CITIES, Rng, ROADS } from '../population-register/generator.js';
import { landline } from '../province/city-phones.js';

/**
 * The school directory of the synthetic province (学校查询): kindergartens, primary, junior and senior
 * middle schools in every district of the 21 cities. It is reference data of the province, the same for
 * every seed (a seed changes who lives here, not which schools exist), so the generator can name a
 * candidate's school without a database lookup and two seeds never disagree about a school code.
 *
 * Counts per district follow the city's resident weight, so 广州 and 深圳 districts have more schools than
 * 云浮's; the directory has about 1,500 schools whatever the number of people (it is written at every
 * demo seed, so it stays small).
 */

export const SCHOOL_STAGES = ['kindergarten', 'primary', 'junior', 'senior'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];
export const SCHOOL_OWNERSHIPS = ['public', 'private'] as const;
export type SchoolOwnership = (typeof SCHOOL_OWNERSHIPS)[number];

export const STAGE_NAMES: Readonly<Record<SchoolStage, string>> = {
  kindergarten: '幼儿园',
  primary: '小学',
  junior: '初级中学',
  senior: '高级中学',
};
export const OWNERSHIP_NAMES: Readonly<Record<SchoolOwnership, string>> = { public: '公办', private: '民办' };

export interface School {
  /** The sandbox's school code: 4 digits of the city, 2 of the district's place in the city, stage, 3 serial. */
  code: string;
  name: string;
  cityCode: CityCode;
  /** GB/T 2260 code of the district (东莞 and 中山 towns share the city's code). */
  regionCode: string;
  districtName: string;
  address: string;
  stage: SchoolStage;
  ownership: SchoolOwnership;
  phone: string;
}

/** Two-character motifs for school names: places, virtues and plants common in Guangdong school names. */
const MOTIFS =
  '育才华阳东风培英启明明德景泰桂花朝阳新港金沙南华东湖西关北斗文德先烈沙河石牌龙洞翠竹荔园梅林滨海红棉紫荆凤凰青云雅正博文丽江广雅执信晓园怡景锦绣星海晨光碧桂康乐永安德馨知行'.match(
    /.{2}/gu,
  ) as string[];

/** Share of schools run privately (民办), by stage: most kindergartens, a minority of the rest. */
const PRIVATE_SHARE: Readonly<Record<SchoolStage, number>> = {
  kindergarten: 0.45,
  primary: 0.1,
  junior: 0.15,
  senior: 0.15,
};

const STAGE_DIGIT: Readonly<Record<SchoolStage, number>> = { kindergarten: 1, primary: 2, junior: 3, senior: 4 };

function counts(residentWeight: number, districts: number): Record<SchoolStage, number> {
  const f = residentWeight / districts / 10;
  return {
    kindergarten: 2 + Math.round(4 * f),
    primary: 1 + Math.round(3 * f),
    junior: 1 + Math.round(1.5 * f),
    senior: 1 + Math.round(0.6 * f),
  };
}

function schoolName(
  stage: SchoolStage,
  ownership: SchoolOwnership,
  motif: string,
  cityShort: string,
  district: string,
  n: number,
): string {
  if (ownership === 'private') {
    if (stage === 'kindergarten') return `${district}${motif}幼儿园`;
    const suffix = ['外国语学校', '实验学校', '双语学校'][n % 3] as string;
    return `${district}${motif}${suffix}`;
  }
  switch (stage) {
    case 'kindergarten':
      return n === 0 ? `${district}机关幼儿园` : `${district}${motif}幼儿园`;
    case 'primary':
      return n === 0 ? `${district}实验小学` : `${district}${motif}小学`;
    case 'junior':
      return `${district}${motif}中学`;
    case 'senior':
      return `${cityShort}市${motif}中学`;
  }
}

function buildDirectory(): School[] {
  const schools: School[] = [];
  for (const city of GUANGDONG_CITIES) {
    const cityShort = findCity(city.code)?.name ?? city.fullName.replace(/市$/, '');
    const perStage = counts(city.residentWeight, city.districts.length);
    // Senior school motifs are unique in the city (their names carry the city, not the district).
    const seniorMotifs = new Rng(`schools:${city.code}:senior-motifs`);
    const usedSenior = new Set<string>();
    city.districts.forEach((district, districtIndex) => {
      const rng = new Rng(`schools:${city.code}:${districtIndex}`);
      for (const stage of SCHOOL_STAGES) {
        const used = new Set<string>();
        for (let n = 0; n < perStage[stage]; n++) {
          const ownership: SchoolOwnership = n > 0 && rng.chance(PRIVATE_SHARE[stage]) ? 'private' : 'public';
          let motif = rng.pick(MOTIFS);
          const pool = stage === 'senior' ? usedSenior : used;
          const draw = stage === 'senior' ? seniorMotifs : rng;
          for (let tries = 0; pool.has(motif) && tries < 50; tries++) motif = draw.pick(MOTIFS);
          pool.add(motif);
          const code = `${city.code.slice(0, 4)}${String(districtIndex + 1).padStart(2, '0')}${STAGE_DIGIT[stage]}${String(n + 1).padStart(3, '0')}`;
          schools.push({
            code,
            name: schoolName(stage, ownership, motif, cityShort, district.name, n),
            cityCode: city.code,
            regionCode: district.code,
            districtName: district.name,
            address: `广东省${city.fullName}${district.name}${rng.pick(ROADS)}${rng.int(1, 300)}号`,
            stage,
            ownership,
            phone: landline(city.code, rng),
          });
        }
      }
    });
  }
  return schools;
}

let directory: readonly School[] | undefined;

/** Every school of the province, in code order (computed once). */
export function schoolDirectory(): readonly School[] {
  directory ??= buildDirectory();
  return directory;
}

let byDistrict: Map<string, School[]> | undefined;

/**
 * The schools of a stage in the district an address lies in (an address of the synthetic province begins
 * with 广东省, the city and the district), or in the city when the district cannot be read.
 */
export function schoolsNear(cityCode: string, address: string | null, stage: SchoolStage): School[] {
  if (!byDistrict) {
    byDistrict = new Map();
    for (const s of schoolDirectory()) {
      for (const key of [`${s.cityCode}:${s.districtName}:${s.stage}`, `${s.cityCode}::${s.stage}`]) {
        const list = byDistrict.get(key) ?? [];
        list.push(s);
        byDistrict.set(key, list);
      }
    }
  }
  const city = GUANGDONG_CITIES.find((c) => c.code === cityCode);
  const district = city?.districts.find((d) => address?.startsWith(`广东省${city.fullName}${d.name}`));
  return (
    (district && byDistrict.get(`${cityCode}:${district.name}:${stage}`)) ??
    byDistrict.get(`${cityCode}::${stage}`) ??
    []
  );
}
