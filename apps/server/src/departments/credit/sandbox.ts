import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DepartmentImplementation } from '../framework/contract.js';
import { type CreditSpec, type EnterpriseSummary, JUDICIAL_KIND_NAMES } from './contract.js';
import { businessScopeOf, cityCodeOf, registrationAuthorityOf } from './registration.js';
import { type CreditDb, type CreditTables, creditDb } from './tables.js';

const KIND_NAMES = {
  company: '有限责任公司（自然人投资或控股）',
  'sole-proprietor': '个体工商户',
  institution: '事业单位',
} as const;

const CHINA_TS = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;
const DATE_TEXT = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** LIKE pattern matching the keyword anywhere, its wildcards taken literally. */
function containing(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function summaryColumns(db: CreditDb) {
  return db
    .selectFrom('dept_credit.enterprises as e')
    .select([
      'e.uscc',
      'e.name',
      'e.kind',
      'e.legal_representative',
      'e.registered_capital_wan',
      'e.status',
      'e.region_code',
      DATE_TEXT('e.established_on').as('established_on'),
    ]);
}

type SummaryRow = {
  uscc: string;
  name: string;
  kind: keyof typeof KIND_NAMES;
  legal_representative: string;
  registered_capital_wan: number;
  status: z.infer<typeof EnterpriseSummary>['status'];
  region_code: string;
  established_on: string;
};

function toSummary(r: SummaryRow): z.input<typeof EnterpriseSummary> {
  return {
    uscc: r.uscc,
    name: r.name,
    kindName: KIND_NAMES[r.kind],
    legalRepresentative: r.legal_representative,
    registeredCapitalWan: r.registered_capital_wan,
    establishedOn: r.established_on,
    status: r.status,
    cityCode: cityCodeOf(r.region_code),
  };
}

/** The embedded sandbox of 信用广东: answers from its own schema (dept_credit) only. */
export function creditSandbox<DB extends CreditTables>(handle: Kysely<DB>): DepartmentImplementation<CreditSpec> {
  const db = creditDb(handle);
  return {
    async searchByName({ keyword, page, pageSize }) {
      const pattern = containing(keyword);
      // Exact name first, then names starting with the keyword, then the rest; by name within each group.
      const rows = await summaryColumns(db)
        .select(sql<number>`count(*) over ()`.as('total'))
        .where(sql<boolean>`e.name like ${pattern} escape '\\'`)
        .orderBy(sql`case when e.name = ${keyword} then 0 when starts_with(e.name, ${keyword}) then 1 else 2 end`)
        .orderBy('e.name')
        .orderBy('e.uscc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      let total = Number(rows[0]?.total ?? 0);
      // A page past the end has no rows to carry the count: count separately.
      if (rows.length === 0 && page > 1) {
        const counted = await db
          .selectFrom('dept_credit.enterprises as e')
          .select(sql<number>`count(*)`.as('n'))
          .where(sql<boolean>`e.name like ${pattern} escape '\\'`)
          .executeTakeFirstOrThrow();
        total = Number(counted.n);
      }
      return { total, page, pageSize, items: rows.map(toSummary) };
    },

    async findByUscc({ uscc }) {
      const row = await summaryColumns(db).where('e.uscc', '=', uscc).executeTakeFirst();
      return { enterprise: row ? toSummary(row) : null };
    },

    async detail({ uscc }) {
      const row = await summaryColumns(db)
        .select([
          'e.industry',
          'e.address',
          'e.version',
          DATE_TEXT('e.status_since').as('status_since'),
          CHINA_TS('e.updated_at').as('updated_at'),
        ])
        .where('e.uscc', '=', uscc)
        .executeTakeFirst();
      if (!row) return { enterprise: null };
      const [penalties, judicial] = await Promise.all([
        db
          .selectFrom('dept_credit.penalties')
          .select([
            'decision_number',
            'authority',
            'violation',
            'content',
            'fine_fen',
            DATE_TEXT('decided_on').as('decided_on'),
          ])
          .where('uscc', '=', uscc)
          .orderBy('decided_on', 'desc')
          .orderBy('decision_number')
          .execute(),
        db
          .selectFrom('dept_credit.judicial_records')
          .select(['case_number', 'kind', 'court', 'amount_fen', 'status', DATE_TEXT('filed_on').as('filed_on')])
          .where('uscc', '=', uscc)
          .orderBy('filed_on', 'desc')
          .orderBy('case_number')
          .execute(),
      ]);
      return {
        enterprise: {
          ...toSummary(row),
          regionCode: row.region_code,
          industry: row.industry,
          address: row.address,
          businessScope: businessScopeOf(row.industry),
          registrationAuthority: registrationAuthorityOf(row.region_code, row.kind),
          statusSince: row.status_since,
          penalties: penalties.map((p) => ({
            decisionNumber: p.decision_number,
            authority: p.authority,
            decidedOn: p.decided_on,
            violation: p.violation,
            content: p.content,
            fine: p.fine_fen === null ? null : Number(p.fine_fen) / 100,
          })),
          judicialRecords: judicial.map((j) => ({
            caseNumber: j.case_number,
            kind: j.kind,
            kindName: JUDICIAL_KIND_NAMES[j.kind],
            court: j.court,
            filedOn: j.filed_on,
            amount: j.amount_fen === null ? null : Number(j.amount_fen) / 100,
            status: j.status,
          })),
          version: row.version,
          updatedAt: row.updated_at,
        },
      };
    },

    async changesSince({ usccs, since }) {
      const clock = await sql<{ now: string }>`select ${CHINA_TS('now')} as now from (select now() as now) t`.execute(
        db,
      );
      const rows = await db
        .selectFrom('dept_credit.changes as c')
        .innerJoin('dept_credit.enterprises as e', 'e.uscc', 'c.uscc')
        .select(['c.uscc', 'e.name', 'c.version', 'c.item', 'c.summary', CHINA_TS('c.changed_at').as('changed_at')])
        .where('c.uscc', 'in', [...new Set(usccs)])
        .where(sql<boolean>`c.changed_at > ${since}::timestamptz`)
        .orderBy('c.changed_at')
        .orderBy('c.uscc')
        .orderBy('c.version')
        .execute();
      return {
        changes: rows.map((r) => ({
          uscc: r.uscc,
          name: r.name,
          version: r.version,
          changedAt: r.changed_at,
          item: r.item,
          summary: r.summary,
        })),
        asOf: clock.rows[0]?.now as string,
      };
    },
  };
}
