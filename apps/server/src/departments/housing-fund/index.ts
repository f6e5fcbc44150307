import { sandboxDepartment } from '../framework/sandbox-department.js';
import { housingFundSpec } from './contract.js';
import { housingFundSeeder } from './generator.js';
import { housingFundSandbox } from './sandbox.js';

/** 住房公积金 (the connected centres): contract, embedded sandbox over schema dept_gjj, its part of the province. */
export const housingFundDepartment = sandboxDepartment({
  spec: housingFundSpec,
  sandbox: (db) => housingFundSandbox(db),
  seeder: housingFundSeeder,
});
