import { sandboxDepartment } from '../framework/sandbox-department.js';
import { healthSpec } from './contract.js';
import { healthSeeder } from './generator.js';
import { SandboxHealth } from './sandbox.js';

export { healthSpec } from './contract.js';

/** 卫健: birth medical certificates (出生医学证明). */
export const healthDepartment = sandboxDepartment({
  spec: healthSpec,
  sandbox: (db) => new SandboxHealth(db).operations(),
  seeder: healthSeeder,
});
