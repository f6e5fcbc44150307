import { CITIES, type CityCode } from '@yss/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import {
  GIVEN_NAME_CHARACTERS,
  GUANGDONG_CITIES,
  type Rng,
  ROADS,
  SURNAMES,
} from '../population-register/generator.js';
import { type Enterprise, enterprise, poolSize } from '../province/enterprises.js';
import type { DepartmentSeeder, SeedContext } from '../province/seed-context.js';
import { addDemoEntities } from './demo.js';
import type { EnterpriseStatus, JudicialKind } from './tables.js';

/**
 * The 信用广东 records of the synthetic province: every enterprise of the shared pool (enterprises.ts: the
 * employers the other departments name), all in business (存续) since people work there, plus about 8 % more per
 * city — pool indices past the end, which no life model employs — that were deregistered (注销) or had their
 * licence revoked (吊销). Some have administrative penalties and judicial records; every event is a version in
 * the change log. A few hand-picked demo entities (demo.ts) come on top.
 */

export interface EnterpriseRow {
  uscc: string;
  name: string;
  cityCode: string;
  regionCode: string;
  kind: Enterprise['kind'];
  industry: string;
  legalRepresentative: string;
  registeredCapitalWan: number;
  establishedOn: string;
  status: EnterpriseStatus;
  statusSince: string | null;
  address: string;
  version: number;
  updatedAt: string;
}

export interface PenaltyRow {
  decisionNumber: string;
  uscc: string;
  authority: string;
  decidedOn: string;
  violation: string;
  content: string;
  fineFen: number | null;
}

export interface JudicialRow {
  caseNumber: string;
  kind: JudicialKind;
  uscc: string;
  court: string;
  filedOn: string;
  amountFen: number | null;
  status: '执行中' | '已结案' | '已生效';
}

export interface ChangeRow {
  uscc: string;
  version: number;
  changedAt: string;
  item: string;
  summary: string;
}

export interface CreditRecords {
  /** Every USCC written so far: the shared pool can repeat a code (see the docs); the first entity keeps it. */
  usccs: Set<string>;
  enterprises: EnterpriseRow[];
  penalties: PenaltyRow[];
  judicial: JudicialRow[];
  changes: ChangeRow[];
}

/** Share of closed entities added per city, beyond the pool. */
export const CLOSED_SHARE = 0.08;

const VIOLATIONS: readonly { violation: string; content: string; fine: [number, number] }[] = [
  { violation: '未按规定公示年度报告', content: '警告', fine: [0, 0] },
  { violation: '销售不合格产品', content: '没收违法所得，罚款', fine: [2_000, 50_000] },
  { violation: '发布虚假广告', content: '责令停止发布，罚款', fine: [10_000, 200_000] },
  { violation: '价格违法行为', content: '罚款', fine: [5_000, 100_000] },
  { violation: '无照经营', content: '责令改正，罚款', fine: [1_000, 10_000] },
  { violation: '食品安全违法行为', content: '没收违法所得，罚款', fine: [5_000, 50_000] },
];

const TAX_VIOLATIONS: readonly { violation: string; content: string; fine: [number, number] }[] = [
  { violation: '未按期进行纳税申报', content: '罚款', fine: [200, 2_000] },
  { violation: '未按规定开具发票', content: '罚款', fine: [1_000, 10_000] },
];

/** The characters written before 市监罚 in a city's decision numbers (our format, see the docs). */
const CITY_ABBREVIATIONS: Record<string, string> = {
  '440100': '穗',
  '440200': '韶',
  '440300': '深',
  '440400': '珠',
  '440500': '汕',
  '440600': '佛',
  '440700': '江',
  '440800': '湛',
  '440900': '茂',
  '441200': '肇',
  '441300': '惠',
  '441400': '梅',
  '441500': '汕尾',
  '441600': '河',
  '441700': '阳',
  '441800': '清',
  '441900': '东',
  '442000': '中',
  '445100': '潮',
  '445200': '揭',
  '445300': '云',
};

const KIND_CAPITAL: Record<Enterprise['kind'], readonly number[]> = {
  company: [10, 30, 50, 100, 100, 200, 300, 500, 1_000, 2_000, 5_000],
  'sole-proprietor': [1, 2, 3, 5, 10, 20, 50],
  institution: [50, 100, 300, 500, 1_000],
};

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const at = (date: string) => `${date}T10:00:00+08:00`;

function cityAndDistrict(e: Enterprise) {
  const city = GUANGDONG_CITIES.find((c) => c.code === e.cityCode) as (typeof GUANGDONG_CITIES)[number];
  const district = city.districts.find((d) => d.code === e.regionCode && d.code !== city.code);
  return { city, districtName: district?.name ?? '' };
}

function personName(rng: Rng): string {
  const given = rng.pick(GIVEN_NAME_CHARACTERS) + (rng.chance(0.7) ? rng.pick(GIVEN_NAME_CHARACTERS) : '');
  return rng.pick(SURNAMES) + given;
}

/** A day between two dates (inclusive), as YYYY-MM-DD. */
function dayBetween(rng: Rng, from: string, to: string): string {
  return isoOf(rng.int(dayOf(from), Math.max(dayOf(from), dayOf(to))));
}

/** One entity's credit record: registration, penalties, judicial records and its change log. */
export function creditRecordOf(e: Enterprise, closed: boolean, ctx: SeedContext, into: CreditRecords): void {
  if (into.usccs.has(e.uscc)) return;
  into.usccs.add(e.uscc);
  const rng = ctx.rng('credit', e.uscc);
  const { city, districtName } = cityAndDistrict(e);
  const lastDay = isoOf(dayOf(ctx.asOf) - 1);
  const changes: Omit<ChangeRow, 'uscc' | 'version'>[] = [
    { changedAt: at(e.establishedOn), item: '设立登记', summary: `${e.name}成立` },
  ];
  let legalRepresentative = personName(rng);
  if (!closed && rng.chance(0.1) && e.establishedOn < '2024-01-01') {
    const before = legalRepresentative;
    legalRepresentative = personName(rng);
    const day = dayBetween(rng, isoOf(dayOf(e.establishedOn) + 365), lastDay);
    changes.push({
      changedAt: at(day),
      item: '法定代表人',
      summary: `法定代表人由${before}变更为${legalRepresentative}`,
    });
  }
  const revoked = closed && rng.chance(0.3);
  const status: EnterpriseStatus = closed ? (revoked ? '吊销' : '注销') : '存续';
  const statusSince = closed ? dayBetween(rng, isoOf(dayOf(e.establishedOn) + 365), lastDay) : null;
  const activeUntil = statusSince ?? lastDay;

  const authorityOfMarket = `${city.fullName}${districtName}市场监督管理局`;
  const abbreviation = CITY_ABBREVIATIONS[e.cityCode] ?? '粤';
  const penaltyCount = rng.chance(closed ? 0.2 : 0.06) ? rng.int(1, 3) : 0;
  const penalties: PenaltyRow[] = [];
  const used = new Set<string>();
  const serial = () => {
    let n = rng.int(1, 9_999);
    while (used.has(String(n))) n = rng.int(1, 9_999);
    used.add(String(n));
    return n;
  };
  for (let i = 0; i < penaltyCount; i++) {
    const decidedOn = dayBetween(rng, isoOf(dayOf(e.establishedOn) + 90), activeUntil);
    const year = decidedOn.slice(0, 4);
    const tax = rng.chance(0.2);
    const v = rng.pick(tax ? TAX_VIOLATIONS : VIOLATIONS);
    const fineYuan = v.fine[1] === 0 ? 0 : Math.round(rng.int(v.fine[0], v.fine[1]) / 100) * 100;
    penalties.push({
      decisionNumber: tax
        ? `${abbreviation}税罚〔${year}〕${serial()}号`
        : `${abbreviation}市监罚〔${year}〕${serial()}号`,
      uscc: e.uscc,
      authority: tax ? `国家税务总局${city.fullName}${districtName}税务局` : authorityOfMarket,
      decidedOn,
      violation: v.violation,
      content: fineYuan > 0 ? `${v.content}${fineYuan}元` : v.content,
      fineFen: fineYuan > 0 ? fineYuan * 100 : null,
    });
  }
  if (revoked && statusSince) {
    penalties.push({
      decisionNumber: `${abbreviation}市监罚〔${statusSince.slice(0, 4)}〕${serial()}号`,
      uscc: e.uscc,
      authority: authorityOfMarket,
      decidedOn: statusSince,
      violation: '成立后无正当理由超过6个月未开业或者开业后自行停业连续6个月以上',
      content: '吊销营业执照',
      fineFen: null,
    });
  }
  for (const p of penalties) {
    into.penalties.push(p);
    changes.push({
      changedAt: at(p.decidedOn),
      item: '行政处罚',
      summary: `${p.authority}：${p.violation}，${p.content}`,
    });
  }

  const courtCode = e.regionCode === e.cityCode ? `${e.cityCode.slice(2, 4)}71` : e.regionCode.slice(2);
  const court =
    e.regionCode === e.cityCode ? `${city.fullName}第一人民法院` : `${city.fullName}${districtName}人民法院`;
  const judicialCount = rng.chance(closed ? 0.3 : 0.03) ? rng.int(1, 2) : 0;
  for (let i = 0; i < judicialCount; i++) {
    const filedOn = dayBetween(rng, isoOf(dayOf(e.establishedOn) + 180), lastDay);
    const year = filedOn.slice(0, 4);
    const kind: JudicialKind = rng.chance(0.3) ? 'ruling' : rng.chance(0.25) ? 'dishonest' : 'enforcement';
    const caseSerial = serial() + 10_000 * rng.int(0, 2);
    const row: JudicialRow = {
      caseNumber: `(${year})粤${courtCode}${kind === 'ruling' ? '民初' : '执'}${caseSerial}号`,
      kind,
      uscc: e.uscc,
      court,
      filedOn,
      amountFen: kind === 'ruling' ? null : rng.int(1_000, 5_000_000) * 100,
      status: kind === 'ruling' ? '已生效' : kind === 'dishonest' || rng.chance(0.6) ? '执行中' : '已结案',
    };
    into.judicial.push(row);
    const what = { ruling: '民事裁判文书', enforcement: '被执行人信息', dishonest: '失信被执行人信息' }[kind];
    changes.push({ changedAt: at(filedOn), item: '司法信息', summary: `${court}新增${what}，案号${row.caseNumber}` });
  }
  if (statusSince)
    changes.push({ changedAt: at(statusSince), item: '登记状态', summary: `登记状态由存续变更为${status}` });

  changes.sort((a, b) => a.changedAt.localeCompare(b.changedAt));
  // Version 1, the registration, is implied by the entity's row: the log holds versions 2 and up.
  changes.forEach((c, i) => {
    if (i > 0) into.changes.push({ uscc: e.uscc, version: i + 1, ...c });
  });
  into.enterprises.push({
    uscc: e.uscc,
    name: e.name,
    cityCode: e.cityCode,
    regionCode: e.regionCode,
    kind: e.kind,
    industry: e.industry,
    legalRepresentative,
    registeredCapitalWan: rng.pick(KIND_CAPITAL[e.kind]),
    establishedOn: e.establishedOn,
    status,
    statusSince,
    address: `广东省${city.fullName}${districtName}${rng.pick(ROADS)}${rng.int(1, 500)}号`,
    version: changes.length,
    updatedAt: (changes.at(-1) as { changedAt: string }).changedAt,
  });
}

/** A city's whole credit pool: the shared enterprises, then the closed ones past the pool's end. */
export function creditRecordsOfCity(ctx: SeedContext, cityCode: CityCode, into: CreditRecords): void {
  const n = poolSize(cityCode);
  const closed = Math.round(n * CLOSED_SHARE);
  for (let i = 0; i < n + closed; i++) creditRecordOf(enterprise(ctx.seed, cityCode, i), i >= n, ctx, into);
}

export function emptyCreditRecords(): CreditRecords {
  return { usccs: new Set(), enterprises: [], penalties: [], judicial: [], changes: [] };
}

/** Write records (one statement per table, `on conflict do nothing`: seeding again adds nothing). */
export async function insertCreditRecords(db: Db, r: CreditRecords): Promise<void> {
  const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((x) => x[key]);
  const e = r.enterprises;
  await db.transaction().execute(async (tx) => {
    if (e.length > 0)
      await sql`insert into dept_credit.enterprises (uscc, name, region_code, kind, industry, legal_representative,
          registered_capital_wan, established_on, status, status_since, address, version, updated_at)
        select * from unnest(${col(e, 'uscc')}::text[], ${col(e, 'name')}::text[], ${col(e, 'regionCode')}::text[],
          ${col(e, 'kind')}::text[], ${col(e, 'industry')}::text[], ${col(e, 'legalRepresentative')}::text[],
          ${col(e, 'registeredCapitalWan')}::int[], ${col(e, 'establishedOn')}::date[], ${col(e, 'status')}::text[],
          ${col(e, 'statusSince')}::date[], ${col(e, 'address')}::text[], ${col(e, 'version')}::int[],
          ${col(e, 'updatedAt')}::timestamptz[])
        on conflict do nothing`.execute(tx);
    const p = r.penalties;
    if (p.length > 0)
      await sql`insert into dept_credit.penalties (decision_number, uscc, authority, decided_on, violation, content, fine_fen)
        select * from unnest(${col(p, 'decisionNumber')}::text[], ${col(p, 'uscc')}::text[], ${col(p, 'authority')}::text[],
          ${col(p, 'decidedOn')}::date[], ${col(p, 'violation')}::text[], ${col(p, 'content')}::text[],
          ${col(p, 'fineFen')}::bigint[])
        on conflict do nothing`.execute(tx);
    const j = r.judicial;
    if (j.length > 0)
      await sql`insert into dept_credit.judicial_records (case_number, kind, uscc, court, filed_on, amount_fen, status)
        select * from unnest(${col(j, 'caseNumber')}::text[], ${col(j, 'kind')}::text[], ${col(j, 'uscc')}::text[],
          ${col(j, 'court')}::text[], ${col(j, 'filedOn')}::date[], ${col(j, 'amountFen')}::bigint[], ${col(j, 'status')}::text[])
        on conflict do nothing`.execute(tx);
    const c = r.changes;
    if (c.length > 0)
      await sql`insert into dept_credit.changes (uscc, version, changed_at, item, summary)
        select * from unnest(${col(c, 'uscc')}::text[], ${col(c, 'version')}::int[], ${col(c, 'changedAt')}::timestamptz[],
          ${col(c, 'item')}::text[], ${col(c, 'summary')}::text[])
        on conflict do nothing`.execute(tx);
  });
}

/**
 * The province's whole credit pool. Kept in memory for the last seed asked: a process that builds several
 * sandboxes of one seed (the tests do) computes it once. Callers must not change the records.
 */
let cached: { key: string; records: CreditRecords } | undefined;
export function provinceCreditRecords(ctx: SeedContext): CreditRecords {
  const key = `${ctx.seed}|${ctx.asOf}`;
  if (cached?.key === key) return cached.records;
  const records = emptyCreditRecords();
  for (const city of CITIES) creditRecordsOfCity(ctx, city.code, records);
  addDemoEntities(ctx, records);
  cached = { key, records };
  return records;
}

export const creditSeeder: DepartmentSeeder = {
  name: 'credit',
  async seedBatch() {
    // Nothing per person: the credit system holds entities, written once by seedReference.
  },
  async seedReference(db, ctx) {
    await insertCreditRecords(db, provinceCreditRecords(ctx));
  },
};
