import { expect } from 'vitest';
import type { DepartmentImplementation, DepartmentSpec } from '../departments/framework/contract.js';
import type { SandboxDepartment } from '../departments/framework/sandbox-department.js';
import { type ConnectedDepartment, connectDepartment, type TransportKind } from './department-transports.js';
import { createTestApp, type Engine, type TestApp } from './test-app.js';

export interface SandboxSuite<D extends DepartmentSpec> {
  t: TestApp;
  connector: ConnectedDepartment<D>;
  close(): Promise<void>;
}

/**
 * A fresh demo province (createTestApp seeds the demo people and 200 generated people with every registered
 * seeder) and a connector to one sandbox department over the chosen transport.
 */
export async function openSandboxSuite<D extends DepartmentSpec>(
  department: SandboxDepartment<D>,
  transport: TransportKind,
  engine: Engine = 'pglite',
): Promise<SandboxSuite<D>> {
  const t = await createTestApp(engine);
  const impl = department.sandbox(t.database.db) as DepartmentImplementation<D>;
  const connector = await connectDepartment(department.spec, impl, transport);
  return {
    t,
    connector,
    async close() {
      await connector.close();
      await t.close();
    },
  };
}

/** The call is refused before it reaches the department, with this Chinese message. */
export async function expectInputInvalid(call: Promise<unknown>, detail: string): Promise<void> {
  await expect(call).rejects.toMatchObject({ code: 'DEPARTMENT_INPUT_INVALID', detail });
}
