import type { Db } from '../../db/database.js';
import { insertUnnest } from '../kit/bulk.js';
import type { DepartmentSeeder } from '../province/seed-context.js';
import type { PointsRecord } from './contract.js';
import { DEMO_POINTS } from './demo.js';

/**
 * The 来穗局's part of the synthetic province: the demo people's 积分 records only (no generated ones yet: the
 * province's migrants have none until they apply online). Idempotent: a re-seed conflicts on the ID number.
 */
export const migrantServicesSeeder: DepartmentSeeder = {
  name: 'migrant-services',
  seedBatch: async (db, batch) => {
    const rows = batch.people.flatMap((p) => {
      const r = DEMO_POINTS.get(p.idNumber);
      return r ? [{ idNumber: p.idNumber, ...r }] : [];
    });
    await insertPointsRecords(db, rows);
  },
};

export async function insertPointsRecords(db: Db, rows: readonly (PointsRecord & { idNumber: string })[]) {
  await insertUnnest(
    db,
    'dept_laisui.points_records',
    [
      { name: 'id_number', type: 'text', value: (x) => x.idNumber },
      { name: 'record_number', type: 'text', value: (x) => x.recordNumber },
      { name: 'city_code', type: 'text', value: (x) => x.cityCode },
      { name: 'year', type: 'int', value: (x) => x.year },
      { name: 'status', type: 'text', value: (x) => x.status },
      { name: 'total_points', type: 'int', value: (x) => x.totalPoints },
      { name: 'items', type: 'jsonb', value: (x) => x.items },
      { name: 'applied_on', type: 'date', value: (x) => x.appliedOn },
      { name: 'approved_on', type: 'date', value: (x) => x.approvedOn },
      { name: 'settlement_minimum', type: 'int', value: (x) => x.settlementMinimum },
      { name: 'updated_at', type: 'timestamptz', value: (x) => x.updatedAt },
    ],
    rows,
  );
}
