import { sandboxDepartment } from '../framework/sandbox-department.js';
import { utilitiesSpec } from './contract.js';
import { utilitiesSeeder } from './generator.js';
import { utilitiesSandbox } from './sandbox.js';

/** 生活缴费: 广州燃气, 广东电网 and the 阳江 water utility, as one sandbox department system. */
export const utilitiesDepartment = sandboxDepartment({
  spec: utilitiesSpec,
  sandbox: (db) => utilitiesSandbox(db),
  seeder: utilitiesSeeder,
});
