import { makeResidentId } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Db } from '../db/database.js';
import type { DepartmentClient, DepartmentImplementation, DepartmentSpec } from '../departments/framework/contract.js';
import type { SandboxDepartment } from '../departments/framework/sandbox-department.js';
import { generatePeople, type PeopleBatch } from '../departments/population-register/generator.js';
import { type SeedContext, seedContext } from '../departments/province/seed-context.js';
import { AppError } from '../http/app-error.js';
import {
  type ConnectedDepartment,
  connectDepartment,
  TRANSPORTS,
  type TransportKind,
} from './department-transports.js';
import { createTestApp, ENGINES, type Engine, type TestApp } from './test-app.js';

/** Every engine with every transport: for contracts whose answers come from SQL (the engine matters too). */
export const ENGINE_TRANSPORTS = ENGINES.flatMap((engine) =>
  TRANSPORTS.map((transport) => [engine, transport] as const),
);

/** The sandbox's "today" for departments that take a clock: 2026-01-15 12:00 in Guangzhou. */
export const sandboxClock = () => new Date('2026-01-15T04:00:00Z');

/** A valid ID number of nobody in the province (the department answers "no record", not "bad input"). */
export const UNKNOWN_ID_NUMBER = makeResidentId('440106', '19880512', 999);

/** The first batch of the generated people createTestApp seeds (seed 1): to compare a sandbox with its generator. */
export const seededPeople = () => generatePeople({ count: 200, seed: 1 }).next().value as PeopleBatch;

/** The seed context of the province createTestApp seeds (seed 1): to derive what a sandbox should answer. */
export const seededContext = (): SeedContext => seedContext(1);

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

/**
 * openSandboxSuite as hooks of the enclosing describe block: open before its tests, closed after them. The
 * returned suite is filled in by the time the first test runs (read its fields inside tests, not at collection).
 */
export function sandboxSuiteHooks<D extends DepartmentSpec>(
  department: SandboxDepartment<D>,
  transport: TransportKind,
  engine: Engine = 'pglite',
): SandboxSuite<D> {
  const suite = {} as SandboxSuite<D>;
  beforeAll(async () => {
    Object.assign(suite, await openSandboxSuite(department, transport, engine));
  });
  afterAll(() => suite.close?.());
  return suite;
}

/**
 * The contract suite of a department whose sandbox takes a clock: one describe block per engine and transport
 * (`<name> contract on <engine> over <transport>`), each on a fresh province with the sandbox on sandboxClock.
 * `body` declares the tests; `client()` is the department's client once the block's hooks have run.
 */
export function describeClockedSandboxContract<D extends DepartmentSpec>(
  name: string,
  spec: D,
  sandbox: (db: Db, clock: () => Date) => DepartmentImplementation<D>,
  body: (client: () => DepartmentClient<D>) => void,
): void {
  describe.each(ENGINE_TRANSPORTS)(`${name} contract on %s over %s`, (engine, transport) => {
    const suite = sandboxSuiteHooks({ spec, sandbox: (db) => sandbox(db, sandboxClock) }, transport, engine);
    body(() => suite.connector.client);
  });
}

/** The call is refused before it reaches the department, with this Chinese message. */
export async function expectInputInvalid(call: Promise<unknown>, detail: string): Promise<void> {
  await expect(call).rejects.toMatchObject({ code: 'DEPARTMENT_INPUT_INVALID', detail });
}

/** The AppError a call was refused with (failing the test when it succeeds or throws anything else). */
export async function refusal(call: Promise<unknown>): Promise<{ code: string; detail: string }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  return { code: e.code, detail: e.detail ?? '' };
}
