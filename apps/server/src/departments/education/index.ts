import { sandboxDepartment } from '../framework/sandbox-department.js';
import { educationSpec } from './contract.js';
import { educationSeeder } from './generator.js';
import { educationSandbox } from './sandbox.js';

/** 教育: schools, 中考 (佛山), 高考, 就业报到证 and 档案去向, as one sandbox department system. */
export const educationDepartment = sandboxDepartment({
  spec: educationSpec,
  sandbox: (db) => educationSandbox(db),
  seeder: educationSeeder,
});
