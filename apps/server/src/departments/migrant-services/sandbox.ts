import type { DepartmentImplementation } from '../framework/contract.js';
import type { MigrantServicesSpec, PointsRecord } from './contract.js';
import { DEMO_POINTS } from './demo.js';

/**
 * The embedded sandbox of the 来穗局 points system: the demo people's records, held in memory (the synthetic
 * province has no generated 积分 records yet; everyone else has none).
 */
export class SandboxMigrantServices {
  constructor(private readonly records: ReadonlyMap<string, PointsRecord> = DEMO_POINTS) {}

  operations(): DepartmentImplementation<MigrantServicesSpec> {
    return { pointsRecord: async ({ idNumber }) => ({ record: this.records.get(idNumber) ?? null }) };
  }
}
