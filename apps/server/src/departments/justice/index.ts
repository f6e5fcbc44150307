import { sandboxDepartment } from '../framework/sandbox-department.js';
import { justiceSpec } from './contract.js';
import { justiceSeeder } from './generator.js';
import { justiceSandbox } from './sandbox.js';

/** 法律服务: law firms, lawyers, legal aid and the free online consultation (广东省司法厅). */
export const justiceDepartment = sandboxDepartment({
  spec: justiceSpec,
  sandbox: (db) => justiceSandbox(db),
  seeder: justiceSeeder,
});
