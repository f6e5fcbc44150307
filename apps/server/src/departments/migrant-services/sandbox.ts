import { type Kysely, sql } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import { type MigrantServicesSpec, POINTS_STATUSES, type PointsRecord } from './contract.js';
import { type MigrantServicesDb, type MigrantServicesTables, migrantServicesDb } from './tables.js';
import { SandboxMigrantServicesWrites } from './writes.js';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * The embedded sandbox of the 来穗局 points system over its schema `dept_laisui`: the demo people's records
 * (seeded; the synthetic province has no generated 积分 records) and those approved online cases wrote.
 */
export class SandboxMigrantServices<DB extends MigrantServicesTables = MigrantServicesTables> {
  private readonly db: MigrantServicesDb;
  private readonly writes: SandboxMigrantServicesWrites;

  constructor(db: Kysely<DB>) {
    this.db = migrantServicesDb(db);
    this.writes = new SandboxMigrantServicesWrites(db);
  }

  operations(): DepartmentImplementation<MigrantServicesSpec> {
    return {
      pointsRecord: async ({ idNumber }) => ({ record: (await this.record(idNumber)) ?? null }),
      approvePoints: (input) => this.writes.approvePoints(input),
      adjustPoints: (input) => this.writes.adjustPoints(input),
      settle: (input) => this.writes.settle(input),
    };
  }

  private async record(idNumber: string): Promise<PointsRecord | undefined> {
    const r = await this.db
      .selectFrom('dept_laisui.points_records')
      .select(['record_number', 'year', 'status', 'total_points', 'items', 'settlement_minimum', 'updated_at'])
      .select([day('applied_on').as('applied'), dayOrNull('approved_on').as('approved')])
      .where('id_number', '=', idNumber)
      .executeTakeFirst();
    if (!r) return undefined;
    const status = r.status as PointsRecord['status'];
    return {
      recordNumber: r.record_number,
      cityCode: '440100',
      year: r.year,
      status,
      statusName: POINTS_STATUSES[status],
      totalPoints: r.total_points,
      items: parsed(r.items),
      appliedOn: r.applied,
      approvedOn: r.approved,
      settlementMinimum: r.settlement_minimum,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }
}
