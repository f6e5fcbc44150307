import type { Db } from '../../db/database.js';
import type { DepartmentSeeder } from '../province/seed-context.js';
import type { DepartmentImplementation, DepartmentSpec } from './contract.js';

/**
 * A department system of the synthetic province: its contract, its sandbox implementation over its own
 * schema, and its part of the generator. Real deployments replace the sandbox by configuration
 * (DEPARTMENTS_URL): the contract stays.
 */
export interface SandboxDepartment<D extends DepartmentSpec = DepartmentSpec> {
  spec: D;
  sandbox(db: Db): DepartmentImplementation<D>;
  seeder?: DepartmentSeeder;
}

/** Declares a department (checks the implementation against the contract's operations). */
export function sandboxDepartment<D extends DepartmentSpec>(d: SandboxDepartment<D>): SandboxDepartment<D> {
  return d;
}
