import type { CityCode } from '@yss/contracts';
import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { preparedQuery } from '../../db/prepared-query.js';
import type { DepartmentImplementation } from '../framework/contract.js';
import { addMonths } from '../province/life.js';
import type {
  CertifyResult,
  ContributionMonth,
  InsuredPerson,
  PensionCertification,
  SocialInsuranceSpec,
  SocialSecurityCard,
} from './contract.js';
import { amountFen, INSURANCE_TYPES, ratesFor } from './rates.js';
import { type Clock, chinaDay, earlierOf, laterOf, systemClock, yuan } from './shared-schemas.js';
import { addMonthsToDay, chinaTimestamp, chinaTimestampSql, daySql } from './sql-time.js';
import { type SocialInsuranceTables, socialInsuranceDb } from './tables.js';

/** Where the sandbox says a certification was done (the platform's channel). */
const CHANNEL = '粤省事';

/**
 * The embedded sandbox of the 人社 system: answers from its own schema (dept_shebao) only. `clock` is the
 * system's "today" (certification validity, the time of a certification); tests pass a fixed one.
 */
export function socialInsuranceSandbox<DB extends SocialInsuranceTables>(
  handle: Kysely<DB>,
  clock: Clock = systemClock,
): DepartmentImplementation<SocialInsuranceSpec> {
  const db = socialInsuranceDb(handle);

  const personRow = (idNumber: string) =>
    db
      .selectFrom('dept_shebao.insured_persons as p')
      .selectAll('p')
      .select(chinaTimestampSql('p.updated_at').as('updated'))
      .where('p.id_number', '=', idNumber)
      .executeTakeFirst();
  type PersonRow = NonNullable<Awaited<ReturnType<typeof personRow>>>;

  // Compiled once (db/prepared-query.ts): building this tree on every lookup was a tenth of its CPU.
  const personWithSpans = preparedQuery(db, (idNumber: string, from: string, to: string) =>
    db
      .selectFrom('dept_shebao.insured_persons as p')
      .selectAll('p')
      .select(chinaTimestampSql('p.updated_at').as('updated'))
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('dept_shebao.contribution_spans as s')
            .selectAll('s')
            .whereRef('s.id_number', '=', 'p.id_number')
            .where('s.from_month', '<=', to)
            .where('s.to_month', '>=', from)
            .orderBy('s.from_month'),
        ).as('spans'),
      )
      .where('p.id_number', '=', idNumber),
  );

  async function certificationOf(person: PersonRow): Promise<PensionCertification | null> {
    if (person.pension_fen === null || person.pension_since === null || person.status === 'terminated') return null;
    const last = await db
      .selectFrom('dept_shebao.pension_certifications as c')
      .select(['c.agent_id_number'])
      // Its day is the day in China time (a certification at 07:00 in Guangzhou is not on the UTC day before).
      .select(chinaTimestampSql('c.certified_at').as('at'))
      .where('c.id_number', '=', person.id_number)
      .orderBy('c.certified_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const lastDay = last ? last.at.slice(0, 10) : null;
    const validUntil = lastDay ? addMonthsToDay(lastDay, 12, 1) : null;
    return {
      scheme: person.scheme,
      pensionSince: person.pension_since,
      lastCertifiedOn: lastDay,
      lastCertifiedBy: last ? (last.agent_id_number ? 'agent' : 'self') : null,
      validUntil,
      status: validUntil !== null && chinaDay(clock()) <= validUntil ? 'valid' : 'expired',
      updatedAt: last ? laterOf(last.at, person.updated) : person.updated,
    };
  }

  return {
    async insuredPerson({ idNumber }) {
      const row = await personRow(idNumber);
      return { person: row ? toInsuredPerson(row) : null };
    },

    async contributions({ idNumber, from, to }) {
      // The person and the spans of the period in one statement (one round trip: the lookup's hot path).
      const [person] = await personWithSpans(idNumber, from, to);
      if (!person) return { person: null, statement: null };
      const { spans, ...personColumns } = person;
      const months: ContributionMonth[] = [];
      let employee = 0;
      let employer = 0;
      for (const span of spans) {
        const last = earlierOf(span.to_month, to);
        for (let month = laterOf(span.from_month, from); month <= last; month = addMonths(month, 1)) {
          const entry = contributionMonth(span, month);
          employee += entry.employeeFen;
          employer += entry.employerFen;
          months.push(entry.month);
        }
      }
      return {
        person: toInsuredPerson(personColumns),
        statement: {
          idNumber,
          socialSecurityNumber: person.social_security_number,
          from,
          to,
          months,
          totals: { employee: yuan(employee), employer: yuan(employer) },
          updatedAt: person.updated,
        },
      };
    },

    async card({ idNumber }) {
      const row = await db
        .selectFrom('dept_shebao.cards as c')
        .selectAll('c')
        .select(daySql('c.issued_on').as('issued'))
        .select(chinaTimestampSql('c.updated_at').as('updated'))
        .where('c.id_number', '=', idNumber)
        .executeTakeFirst();
      if (!row) return { card: null };
      const card: SocialSecurityCard = {
        cardNumber: row.card_number,
        generation: row.generation === 2 ? 2 : 1,
        bankName: row.bank_name,
        bankAccountMasked: row.bank_account ? maskBankAccount(row.bank_account) : null,
        issuingCityCode: row.issuing_city_code as CityCode,
        issuedOn: row.issued,
        status: row.status,
        updatedAt: row.updated,
      };
      return { card };
    },

    async pensionCertification({ idNumber }) {
      const person = await personRow(idNumber);
      return { certification: person ? await certificationOf(person) : null };
    },

    async certifyPension({ idNumber, agentIdNumber }): Promise<CertifyResult> {
      const person = await personRow(idNumber);
      if (person?.status === 'terminated') {
        return { outcome: 'refused', reason: 'terminated', message: '该人员已终止参保，无法进行养老资格认证' };
      }
      if (!person || person.pension_fen === null) {
        return {
          outcome: 'refused',
          reason: 'not-pensioner',
          message: '未查询到养老待遇领取记录，无需进行养老资格认证',
        };
      }
      const now = clock();
      await db
        .insertInto('dept_shebao.pension_certifications')
        .values({
          id_number: idNumber,
          certified_at: now,
          agent_id_number: agentIdNumber && agentIdNumber !== idNumber ? agentIdNumber : null,
          channel: CHANNEL,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const certification = (await certificationOf(person)) as PensionCertification;
      const at = chinaTimestamp(now);
      return {
        outcome: 'certified',
        certification: { ...certification, updatedAt: laterOf(at, certification.updatedAt) },
      };
    },
  };
}

function contributionMonth(
  span: SocialInsuranceTables['dept_shebao.contribution_spans'],
  month: string,
): { month: ContributionMonth; employeeFen: number; employerFen: number } {
  const city = span.city_code as CityCode;
  let employeeFen = 0;
  let employerFen = 0;
  const items = INSURANCE_TYPES.map((type) => {
    const rates = ratesFor(type, city, month, span.injury_rate_bp);
    const employee = amountFen(span.base_yuan, rates.employee);
    const employer = amountFen(span.base_yuan, rates.employer);
    employeeFen += employee;
    employerFen += employer;
    return {
      type,
      employeeRate: rates.employee / 100,
      employerRate: rates.employer / 100,
      employeeAmount: yuan(employee),
      employerAmount: yuan(employer),
    };
  });
  return {
    month: {
      month,
      cityCode: city,
      unit: { name: span.unit_name, uscc: span.unit_uscc },
      base: span.base_yuan,
      items,
      employeeTotal: yuan(employeeFen),
      employerTotal: yuan(employerFen),
    },
    employeeFen,
    employerFen,
  };
}

function toInsuredPerson(
  row: SocialInsuranceTables['dept_shebao.insured_persons'] & { updated: string },
): InsuredPerson {
  return {
    idNumber: row.id_number,
    name: row.name,
    socialSecurityNumber: row.social_security_number,
    hkMacauResident: row.hk_macau,
    scheme: row.scheme,
    status: row.status,
    insuredCityCode: row.insured_city_code as CityCode,
    firstInsuredMonth: row.first_insured_month,
    lastContributionMonth: row.last_contribution_month,
    contributionMonths: row.contribution_months,
    deemedMonths: row.deemed_months,
    currentUnit:
      row.current_unit_name && row.current_unit_uscc
        ? { name: row.current_unit_name, uscc: row.current_unit_uscc }
        : null,
    pension:
      row.pension_fen !== null && row.pension_since !== null
        ? { monthlyAmount: yuan(row.pension_fen), since: row.pension_since }
        : null,
    updatedAt: row.updated,
  };
}

/** 6222 **** **** 1234: the department never sends the full financial account number. */
function maskBankAccount(account: string): string {
  return `${account.slice(0, 4)} **** **** ${account.slice(-4)}`;
}
