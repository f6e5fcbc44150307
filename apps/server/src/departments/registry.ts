import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { civilAffairsDepartment } from './civil-affairs/index.js';
import { coachDepartment } from './coach/index.js';
import { creditDepartment } from './credit/index.js';
import { disabledPersonsDepartment } from './disabled-persons/index.js';
import { educationDepartment } from './education/index.js';
import { exitEntryDepartment } from './exit-entry/index.js';
import { flightsDepartment } from './flights/index.js';
import { type Connector, type ConnectorLog, createConnector } from './framework/client.js';
import { httpTransport } from './framework/http-transport.js';
import { inProcessTransport } from './framework/in-process.js';
import type { ResiliencePolicy } from './framework/resilience.js';
import { type SandboxDepartment, sandboxDepartment } from './framework/sandbox-department.js';
import { healthDepartment } from './health/index.js';
import { housingFundDepartment } from './housing-fund/index.js';
import { justiceDepartment } from './justice/index.js';
import { medicalInsuranceDepartment } from './medical-insurance/index.js';
import { migrantServicesDepartment } from './migrant-services/index.js';
import { householdSeeder } from './population-register/household-generator.js';
import { SandboxHouseholdServices } from './population-register/household-sandbox.js';
import { SandboxHouseholdWrites } from './population-register/household-writes.js';
import { SandboxPopulationRegister } from './population-register/sandbox.js';
import {
  householdOperations,
  householdWriteOperations,
  populationRegisterOperations,
  populationRegisterSpec,
} from './population-register/spec.js';
import { railwayDepartment } from './railway/index.js';
import { realEstateDepartment } from './real-estate/index.js';
import { roadNetworkDepartment } from './road-network/index.js';
import { socialInsuranceDepartment } from './social-insurance/index.js';
import { taxDepartment } from './tax/index.js';
import { trafficDepartment } from './traffic/index.js';
import { utilitiesDepartment } from './utilities/index.js';
import { volunteersDepartment } from './volunteers/index.js';
import { weatherDepartment } from './weather/index.js';

export type { SandboxDepartment } from './framework/sandbox-department.js';

/**
 * Every department system the platform talks to, by the name platform code uses. The population register's
 * people are seeded by the province generator itself (people come first); its seeder here adds the
 * household services' records (ID-card applications, approvals, residence registrations and permits).
 */
export const DEPARTMENTS = {
  populationRegister: sandboxDepartment({
    spec: populationRegisterSpec,
    sandbox: (db) => ({
      ...populationRegisterOperations(new SandboxPopulationRegister(db)),
      ...householdOperations(new SandboxHouseholdServices(db)),
      ...householdWriteOperations(new SandboxHouseholdWrites(db)),
    }),
    seeder: householdSeeder,
  }),
  traffic: trafficDepartment,
  exitEntry: exitEntryDepartment,
  civilAffairs: civilAffairsDepartment,
  disabledPersons: disabledPersonsDepartment,
  health: healthDepartment,
  education: educationDepartment,
  utilities: utilitiesDepartment,
  justice: justiceDepartment,
  tax: taxDepartment,
  credit: creditDepartment,
  realEstate: realEstateDepartment,
  socialInsurance: socialInsuranceDepartment,
  medicalInsurance: medicalInsuranceDepartment,
  housingFund: housingFundDepartment,
  volunteers: volunteersDepartment,
  coach: coachDepartment,
  flights: flightsDepartment,
  migrantServices: migrantServicesDepartment,
  weather: weatherDepartment,
  roadNetwork: roadNetworkDepartment,
  railway: railwayDepartment,
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
