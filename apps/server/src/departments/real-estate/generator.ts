import { CITIES, isCityCode } from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import { GUANGDONG_CITIES, type PeopleBatch, type Rng, ROADS } from '../population-register/generator.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { PROGRESS_CITIES } from './contract.js';
import { demoRealEstate } from './demo.js';
import { insertRealEstateRecords } from './insert.js';
import { proofNumber, unitNumber } from './numbering.js';
import { emptyRealEstateRecords, type RealEstateRecords } from './records.js';
import { addApplication, addTitle, at, dayOf, isoOf } from './titles-gen.js';

/**
 * The registration records of a batch of people. Owners are households: a married couple (both living) owns
 * together (共同共有), anyone else alone (单独所有); about 60 % of couples and 25 % of single adults aged 25 and
 * over own their home, in the city where they live (a few a second unit: a flat or a parking space). Most
 * purchases of the last 30 years carry a mortgage, current until its term ends. Some owners have an off-plan
 * purchase pre-registered (预告登记). Applications (办理进度) exist only in 肇庆 and 茂名, plat maps only in 阳江:
 * those are the only registration centres that publish them (FEATURES G2).
 */

/** Yuan per square metre of a home bought in 2025, by city (a rough tiering; older purchases cost less). */
const PRICE_2025: Record<string, number> = {
  '440100': 38_000,
  '440300': 55_000,
  '440400': 24_000,
  '440600': 16_000,
  '441900': 20_000,
  '442000': 12_000,
  '441300': 10_000,
};

const BANKS = ['中国工商银行', '中国建设银行', '中国银行', '中国农业银行', '招商银行', '广发银行', '中国邮政储蓄银行'];
const DEVELOPER_WORDS = ['保利', '华润', '碧桂园', '越秀', '万科', '招商', '时代', '合景', '雅居乐', '富力'];

export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function cityOf(person: RegisteredPerson): string | undefined {
  const city = person.residenceCityCode ?? person.hukouCityCode;
  return city && isCityCode(city) ? city : undefined;
}

function shortName(cityCode: string): string {
  return CITIES.find((c) => c.code === cityCode)?.name ?? '';
}

/** Owner groups of a batch: each living married couple once (the spouse first in person id order), else one adult. */
export function ownerGroups(batch: PeopleBatch, asOf: string): RegisteredPerson[][] {
  const byId = new Map(batch.people.map((p) => [p.personId, p]));
  const spouseOf = new Map<string, RegisteredPerson>();
  for (const r of batch.relations) {
    const spouse = r.relation === 'spouse' ? byId.get(r.relativeId) : undefined;
    if (spouse) spouseOf.set(r.personId, spouse);
  }
  const groups: RegisteredPerson[][] = [];
  for (const p of batch.people) {
    if (p.status !== 'normal' || !cityOf(p) || ageOn(p.birthDate, asOf) < 18) continue;
    const spouse = spouseOf.get(p.personId);
    if (spouse && spouse.status === 'normal') {
      if (p.personId < spouse.personId) groups.push([p, spouse]);
    } else if (ageOn(p.birthDate, asOf) >= 25) {
      groups.push([p]);
    }
  }
  return groups;
}

function address(rng: Rng, cityCode: string): { regionCode: string; location: string } {
  const city = GUANGDONG_CITIES.find((c) => c.code === cityCode) as (typeof GUANGDONG_CITIES)[number];
  const district = rng.pick(city.districts);
  const location = `${city.fullName}${district.name}${rng.pick(ROADS)}${rng.int(1, 400)}号${rng.int(1, 30)}栋${rng.int(1, 33)}${String(rng.int(1, 8)).padStart(2, '0')}房`;
  return { regionCode: district.code, location };
}

function priceFen(cityCode: string, registeredOn: string, areaCm2: number): number {
  const perM2 = (PRICE_2025[cityCode] ?? 7_000) * 0.94 ** Math.max(0, 2025 - Number(registeredOn.slice(0, 4)));
  return Math.round((perM2 * areaCm2) / 100) * 100;
}

/** The records of one owner group, from its own random stream. */
function groupRecords(out: RealEstateRecords, owners: RegisteredPerson[], ctx: SeedContext) {
  const rng = ctx.rng('real-estate', owners[0]?.personId as string);
  if (!rng.chance(owners.length > 1 ? 0.6 : 0.25)) return;
  const cityCode = cityOf(owners[0] as RegisteredPerson) as string;
  const youngest = owners
    .map((o) => o.birthDate)
    .sort()
    .at(-1) as string;
  const from = Math.max(dayOf('1998-01-01'), dayOf(youngest) + Math.round(25 * 365.25));
  const until = dayOf(ctx.asOf) - 1;
  if (from > until) return;
  const units = rng.chance(0.2) ? 2 : 1;
  for (let i = 0; i < units; i++) {
    const registeredOn = isoOf(rng.int(from, until));
    const parking = i > 0 && rng.chance(0.5);
    const { regionCode, location } = address(rng, cityCode);
    const floorAreaCm2 = parking ? rng.int(1_200, 1_500) * 100 : rng.int(5_500, 16_000) * 10;
    const bank = `${rng.pick(BANKS)}股份有限公司${shortName(cityCode)}分行`;
    const loan = !parking && rng.chance(0.65);
    const amountFen =
      Math.round((priceFen(cityCode, registeredOn, floorAreaCm2) * (0.5 + 0.2 * rng.float())) / 1_000_000) * 1_000_000;
    addTitle(
      out,
      rng,
      owners,
      {
        cityCode,
        regionCode,
        location: parking ? location.replace(/\d+栋\d+房$/, `地下车位${rng.int(1, 600)}号`) : location,
        use: parking ? '车位' : '住宅',
        floorAreaCm2,
        registeredOn,
        registrationType: rng.chance(0.7) ? '转移登记' : '首次登记',
      },
      ctx.asOf,
      loan && amountFen > 0 ? { bank, amountFen, years: rng.pick([20, 25, 30]) } : null,
    );
  }
  // An off-plan purchase of the last two years, pre-registered (预告登记): a 不动产登记证明 held by the buyers.
  if (rng.chance(0.08)) {
    const registeredOn = isoOf(rng.int(dayOf(ctx.asOf) - 730, dayOf(ctx.asOf) - 1));
    const { regionCode, location } = address(rng, cityCode);
    const unit = unitNumber(regionCode, rng);
    const proof = proofNumber(cityCode, registeredOn, rng);
    out.proofs.push({
      proofNumber: proof,
      kind: 'pre-sale',
      unitNumber: unit,
      location,
      counterparty: `${shortName(cityCode)}${rng.pick(DEVELOPER_WORDS)}置业有限公司`,
      amountFen: null,
      termFrom: null,
      termTo: null,
      registeredOn,
      status: '现势',
      cancelledOn: null,
      updatedAt: at(registeredOn),
    });
    for (const o of owners)
      out.proofParties.push({ proofNumber: proof, unitNumber: unit, idNumber: o.idNumber, role: 'right-holder' });
  }
  // In 肇庆 and 茂名, an application some owners filed in the last ten days, still in progress.
  if ((PROGRESS_CITIES as readonly string[]).includes(cityCode) && rng.chance(0.1)) {
    const { location } = address(rng, cityCode);
    const submitted = isoOf(rng.int(dayOf(ctx.asOf) - 10, dayOf(ctx.asOf) - 1));
    addApplication(
      out,
      rng,
      owners,
      cityCode,
      rng.pick(['抵押权注销登记', '变更登记', '转移登记']),
      location,
      submitted,
      ctx.asOf,
    );
  }
}

/** Everything the registration system holds for a batch (pure: no database). */
export function realEstateRecordsFor(batch: PeopleBatch, ctx: SeedContext): RealEstateRecords {
  const out = emptyRealEstateRecords();
  for (const owners of ownerGroups(batch, ctx.asOf)) {
    if (!demoRealEstate(out, owners, ctx)) groupRecords(out, owners, ctx);
  }
  return out;
}

export const realEstateSeeder: DepartmentSeeder = {
  name: 'real-estate',
  async seedBatch(db, batch, ctx) {
    await insertRealEstateRecords(db, realEstateRecordsFor(batch, ctx));
  },
};
