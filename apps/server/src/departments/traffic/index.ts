import { sandboxDepartment } from '../framework/sandbox-department.js';
import { trafficSpec } from './contract.js';
import { trafficSeeder } from './generator.js';
import { SandboxTraffic } from './sandbox.js';

export { trafficSpec } from './contract.js';

/** 交管: driving licences, vehicles (行驶证), violations; handling a violation online. */
export const trafficDepartment = sandboxDepartment({
  spec: trafficSpec,
  sandbox: (db) => new SandboxTraffic(db).operations(),
  seeder: trafficSeeder,
});
