import { sandboxDepartment } from '../framework/sandbox-department.js';
import { disabledPersonsSpec } from './contract.js';
import { disabledPersonsSeeder } from './generator.js';
import { SandboxDisabledPersons } from './sandbox.js';

export { disabledPersonsSpec } from './contract.js';

/** 残联: 残疾人证, subsidies, applications (for oneself or someone else). */
export const disabledPersonsDepartment = sandboxDepartment({
  spec: disabledPersonsSpec,
  sandbox: (db) => new SandboxDisabledPersons(db).operations(),
  seeder: disabledPersonsSeeder,
});
