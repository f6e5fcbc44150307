import { sandboxDepartment } from '../framework/sandbox-department.js';
import { civilAffairsSpec } from './contract.js';
import { civilAffairsSeeder } from './generator.js';
import { SandboxCivilAffairs } from './sandbox.js';

export { civilAffairsSpec } from './contract.js';

/** 民政: marriage registrations, the old-age allowance, social assistance. */
export const civilAffairsDepartment = sandboxDepartment({
  spec: civilAffairsSpec,
  sandbox: (db) => new SandboxCivilAffairs(db).operations(),
  seeder: civilAffairsSeeder,
});
