import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DepartmentImplementation } from '../framework/contract.js';
import type { JusticeSpec, Lawyer } from './contract.js';
import {
  FIRM_FORM_NAMES,
  LAWYER_CATEGORY_NAMES,
  ONLINE_CONSULTATION_HOURS,
  PRACTICE_AREA_NAMES,
  type PracticeArea,
  PUBLIC_LEGAL_SERVICE_HOTLINE,
} from './directory.js';
import { type JusticeDb, type JusticeTables, justiceDb } from './tables.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** LIKE pattern for a substring typed by a person: %, _ and \ are literal. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type LawyerRow = JusticeTables['dept_sifa.lawyers'] & { firm_name: string };

function toLawyer(
  row: Omit<LawyerRow, 'practice_areas' | 'duty_weekdays'> & { practice_areas: string[]; duty_weekdays: number[] },
): z.input<typeof Lawyer> {
  const areas = row.practice_areas as PracticeArea[];
  return {
    licenceNumber: row.licence_number,
    name: row.name,
    sex: row.sex,
    firm: { licenceNumber: row.firm_licence_number, name: row.firm_name },
    cityCode: row.city_code as z.input<typeof Lawyer>['cityCode'],
    category: row.category,
    categoryName: LAWYER_CATEGORY_NAMES[row.category],
    firstLicensedYear: row.first_licensed_year,
    practiceAreas: areas,
    practiceAreaNames: areas.map((a) => PRACTICE_AREA_NAMES[a]),
    onlineConsultationDays: row.duty_weekdays,
  };
}

/** The embedded sandbox of the public legal-service directory, answering from schema dept_sifa. */
export class SandboxJustice {
  constructor(private readonly db: JusticeDb) {}

  async searchLawFirms(input: {
    cityCode?: string | undefined;
    name?: string | undefined;
    page: number;
    pageSize: number;
  }) {
    const [count, rows] = await Promise.all([
      this.firms(input).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      this.firmRows(input)
        .orderBy('f.city_code')
        .orderBy('f.licence_number')
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .execute(),
    ]);
    return { total: Number(count.n), page: input.page, pageSize: input.pageSize, firms: rows.map(toFirm) };
  }

  async lawFirm(input: { licenceNumber: string }) {
    const row = await this.firmRows(input).executeTakeFirst();
    if (!row) return { firm: null };
    const lawyers = await this.selectLawyers()
      .where('l.firm_licence_number', '=', input.licenceNumber)
      .orderBy('l.licence_number')
      .execute();
    return { firm: { ...toFirm(row), lawyers: lawyers.map(toLawyer) } };
  }

  async searchLawyers(input: {
    licenceNumber?: string | undefined;
    name?: string | undefined;
    cityCode?: string | undefined;
    practiceArea?: string | undefined;
    page: number;
    pageSize: number;
  }) {
    let query = this.db
      .selectFrom('dept_sifa.lawyers as l')
      .innerJoin('dept_sifa.law_firms as f', 'f.licence_number', 'l.firm_licence_number');
    if (input.licenceNumber) query = query.where('l.licence_number', '=', input.licenceNumber);
    if (input.name) query = query.where('l.name', 'like', contains(input.name));
    if (input.cityCode) query = query.where('l.city_code', '=', input.cityCode);
    if (input.practiceArea) {
      query = query.where(sql<boolean>`l.practice_areas @> ${JSON.stringify([input.practiceArea])}::jsonb`);
    }
    const [count, rows] = await Promise.all([
      query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      query
        .selectAll('l')
        .select('f.name as firm_name')
        .orderBy('l.city_code')
        .orderBy('l.licence_number')
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .execute(),
    ]);
    return { total: Number(count.n), page: input.page, pageSize: input.pageSize, lawyers: rows.map(toLawyer) };
  }

  async legalAidCentres(input: { cityCode?: string | undefined }) {
    let query = this.db.selectFrom('dept_sifa.legal_aid_centres').selectAll();
    if (input.cityCode) query = query.where('city_code', '=', input.cityCode);
    const rows = await query.orderBy('city_code').execute();
    return {
      hotline: PUBLIC_LEGAL_SERVICE_HOTLINE,
      centres: rows.map((r) => ({
        cityCode: r.city_code as z.input<typeof Lawyer>['cityCode'],
        name: r.name,
        address: r.address,
        phone: r.phone,
        hours: r.hours,
      })),
    };
  }

  async onlineConsultation(input: { date: string; topic?: string | undefined; cityCode?: string | undefined }) {
    const weekday = ((new Date(`${input.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // 1 Monday … 7 Sunday
    let query = this.selectLawyers().where(sql<boolean>`l.duty_weekdays @> ${JSON.stringify([weekday])}::jsonb`);
    if (input.topic) query = query.where(sql<boolean>`l.practice_areas @> ${JSON.stringify([input.topic])}::jsonb`);
    if (input.cityCode) query = query.where('l.city_code', '=', input.cityCode);
    const rows = await query.orderBy('l.licence_number').limit(20).execute();
    return {
      available: rows.length > 0,
      hotline: PUBLIC_LEGAL_SERVICE_HOTLINE,
      hours: ONLINE_CONSULTATION_HOURS,
      lawyersOnDuty: rows.map(toLawyer),
    };
  }

  private selectLawyers() {
    return this.db
      .selectFrom('dept_sifa.lawyers as l')
      .innerJoin('dept_sifa.law_firms as f', 'f.licence_number', 'l.firm_licence_number')
      .selectAll('l')
      .select('f.name as firm_name');
  }

  private firms(filter: { cityCode?: string | undefined; name?: string | undefined; licenceNumber?: string }) {
    let query = this.db.selectFrom('dept_sifa.law_firms as f');
    if (filter.licenceNumber) query = query.where('f.licence_number', '=', filter.licenceNumber);
    if (filter.cityCode) query = query.where('f.city_code', '=', filter.cityCode);
    if (filter.name) query = query.where('f.name', 'like', contains(filter.name));
    return query;
  }

  private firmRows(filter: Parameters<SandboxJustice['firms']>[0]) {
    return this.firms(filter)
      .selectAll('f')
      .select(day('f.established_on').as('established'))
      .select(
        sql<string>`(select count(*) from dept_sifa.lawyers l where l.firm_licence_number = f.licence_number)`.as(
          'lawyer_count',
        ),
      );
  }
}

function toFirm(
  row: Omit<JusticeTables['dept_sifa.law_firms'], 'established_on'> & { established: string; lawyer_count: string },
) {
  return {
    licenceNumber: row.licence_number,
    uscc: row.uscc,
    name: row.name,
    cityCode: row.city_code as z.input<typeof Lawyer>['cityCode'],
    regionCode: row.region_code,
    address: row.address,
    phone: row.phone,
    form: row.form,
    formName: FIRM_FORM_NAMES[row.form],
    establishedOn: row.established,
    lawyerCount: Number(row.lawyer_count),
  };
}

export function justiceSandbox<DB extends JusticeTables>(db: Kysely<DB>): DepartmentImplementation<JusticeSpec> {
  const s = new SandboxJustice(justiceDb(db));
  return {
    searchLawFirms: (input) => s.searchLawFirms(input),
    lawFirm: (input) => s.lawFirm(input),
    searchLawyers: (input) => s.searchLawyers(input),
    legalAidCentres: (input) => s.legalAidCentres(input),
    onlineConsultation: (input) => s.onlineConsultation(input),
  };
}
