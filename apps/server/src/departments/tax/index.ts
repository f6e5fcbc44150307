import { sandboxDepartment } from '../framework/sandbox-department.js';
import { taxSpec } from './contract.js';
import { taxSeeder } from './generator.js';
import { taxSandbox } from './sandbox.js';

/** 国家税务总局广东省税务局: contract, sandbox over schema dept_tax, and its part of the province generator. */
export const taxDepartment = sandboxDepartment({ spec: taxSpec, sandbox: (db) => taxSandbox(db), seeder: taxSeeder });
