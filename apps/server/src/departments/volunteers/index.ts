import { sandboxDepartment } from '../framework/sandbox-department.js';
import { volunteersSpec } from './contract.js';
import { volunteersSeeder } from './generator.js';
import { SandboxVolunteers } from './sandbox.js';

export { volunteersSpec } from './contract.js';

/** 广东志愿者 (i志愿): registrations of 注册志愿者, their service hours and star levels. */
export const volunteersDepartment = sandboxDepartment({
  spec: volunteersSpec,
  sandbox: (db) => new SandboxVolunteers(db).operations(),
  seeder: volunteersSeeder,
});
