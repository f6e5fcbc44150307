import { sandboxDepartment } from '../framework/sandbox-department.js';
import { exitEntrySpec } from './contract.js';
import { exitEntrySeeder } from './generator.js';
import { SandboxExitEntry } from './sandbox.js';

export { exitEntrySpec } from './contract.js';

/** 出入境: passports and permits, endorsements with their progress, appointments. */
export const exitEntryDepartment = sandboxDepartment({
  spec: exitEntrySpec,
  sandbox: (db) => new SandboxExitEntry(db).operations(),
  seeder: exitEntrySeeder,
});
