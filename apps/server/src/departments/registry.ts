import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { type Connector, type ConnectorLog, createConnector } from './framework/client.js';
import { httpTransport } from './framework/http-transport.js';
import { inProcessTransport } from './framework/in-process.js';
import type { ResiliencePolicy } from './framework/resilience.js';
import { type SandboxDepartment, sandboxDepartment } from './framework/sandbox-department.js';
import { housingFundDepartment } from './housing-fund/index.js';
import { medicalInsuranceDepartment } from './medical-insurance/index.js';
import { SandboxPopulationRegister } from './population-register/sandbox.js';
import { populationRegisterOperations, populationRegisterSpec } from './population-register/spec.js';
import { socialInsuranceDepartment } from './social-insurance/index.js';

export type { SandboxDepartment } from './framework/sandbox-department.js';

/**
 * Every department system the platform talks to, by the name platform code uses. The population register's
 * records are seeded by the province generator itself (people come first), so it has no seeder here.
 */
export const DEPARTMENTS = {
  populationRegister: sandboxDepartment({
    spec: populationRegisterSpec,
    sandbox: (db) => populationRegisterOperations(new SandboxPopulationRegister(db)),
  }),
  socialInsurance: socialInsuranceDepartment,
  medicalInsurance: medicalInsuranceDepartment,
  housingFund: housingFundDepartment,
} as const;

export type DepartmentName = keyof typeof DEPARTMENTS;
export type Departments = { [K in DepartmentName]: Connector<(typeof DEPARTMENTS)[K]['spec']> };

/**
 * The connectors the platform uses: every department over HTTP when DEPARTMENTS_URL is set (signed requests
 * to the gateway), else the embedded sandboxes in process. Either way each department has its own deadline,
 * retries, circuit breaker and concurrency cap.
 */
export function createDepartments(
  config: Pick<Config, 'departments'>,
  db: Db,
  log?: ConnectorLog,
  policy?: Partial<ResiliencePolicy>,
): Departments {
  const { url, keyId, key, timeoutMs } = config.departments;
  const entries = Object.entries(DEPARTMENTS).map(([name, d]) => {
    const department = d as SandboxDepartment;
    const transport =
      url && key
        ? httpTransport(department.spec, { baseUrl: url, key: { id: keyId, secret: key } })
        : inProcessTransport(department.spec, department.sandbox(db));
    return [name, createConnector(department.spec, transport, { policy: { timeoutMs, ...policy }, log })];
  });
  return Object.fromEntries(entries) as Departments;
}
