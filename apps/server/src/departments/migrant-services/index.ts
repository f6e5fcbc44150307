import { sandboxDepartment } from '../framework/sandbox-department.js';
import { migrantServicesSpec } from './contract.js';
import { migrantServicesSeeder } from './generator.js';
import { SandboxMigrantServices } from './sandbox.js';

export { migrantServicesSpec } from './contract.js';

/** 广州市来穗人员服务管理局: 积分 records (C2) and the writes of approved 积分 cases. */
export const migrantServicesDepartment = sandboxDepartment({
  spec: migrantServicesSpec,
  sandbox: (db) => new SandboxMigrantServices(db).operations(),
  seeder: migrantServicesSeeder,
});
