import { sandboxDepartment } from '../framework/sandbox-department.js';
import { realEstateSpec } from './contract.js';
import { realEstateSeeder } from './generator.js';
import { realEstateSandbox } from './sandbox.js';

/** 不动产登记: contract, sandbox over schema dept_real_estate, and its part of the province generator. */
export const realEstateDepartment = sandboxDepartment({
  spec: realEstateSpec,
  sandbox: (db) => realEstateSandbox(db),
  seeder: realEstateSeeder,
});
