import { sandboxDepartment } from '../framework/sandbox-department.js';
import { socialInsuranceSpec } from './contract.js';
import { socialInsuranceSeeder } from './generator.js';
import { socialInsuranceSandbox } from './sandbox.js';

/** 人社 / 社会保险经办机构: contract, embedded sandbox over schema dept_shebao, and its part of the province. */
export const socialInsuranceDepartment = sandboxDepartment({
  spec: socialInsuranceSpec,
  sandbox: (db) => socialInsuranceSandbox(db),
  seeder: socialInsuranceSeeder,
});
