import { sandboxDepartment } from '../framework/sandbox-department.js';
import { migrantServicesSpec } from './contract.js';
import { SandboxMigrantServices } from './sandbox.js';

export { migrantServicesSpec } from './contract.js';

/** 广州市来穗人员服务管理局: 积分 records (C2). */
export const migrantServicesDepartment = sandboxDepartment({
  spec: migrantServicesSpec,
  sandbox: () => new SandboxMigrantServices().operations(),
});
