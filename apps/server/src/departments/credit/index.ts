import { sandboxDepartment } from '../framework/sandbox-department.js';
import { creditSpec } from './contract.js';
import { creditSeeder } from './generator.js';
import { creditSandbox } from './sandbox.js';

/** 信用广东: contract, sandbox over schema dept_credit, and the enterprise pool it writes once per seed. */
export const creditDepartment = sandboxDepartment({
  spec: creditSpec,
  sandbox: (db) => creditSandbox(db),
  seeder: creditSeeder,
});
