import { sandboxDepartment } from '../framework/sandbox-department.js';
import { medicalInsuranceSpec } from './contract.js';
import { medicalInsuranceSeeder } from './generator.js';
import { medicalInsuranceSandbox } from './sandbox.js';

/** 医保: contract, embedded sandbox over schema dept_yibao, and its part of the province. */
export const medicalInsuranceDepartment = sandboxDepartment({
  spec: medicalInsuranceSpec,
  sandbox: (db) => medicalInsuranceSandbox(db),
  seeder: medicalInsuranceSeeder,
});
