import type { z } from 'zod';

/**
 * The shape every department connector contract takes: a department (id, name, catalog department ids) and
 * its operations, each a zod input and output schema. From one definition we derive the TypeScript client
 * type, the in-process sandbox binding, the HTTP client, the gateway routes and their OpenAPI description,
 * so the contract cannot drift between the transports.
 */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line for OpenAPI (Chinese service name first, where there is one). */
  summary: string;
  input: I;
  output: O;
  /**
   * A read that may be retried after a timeout or a 5xx. Writes (applications, payments, subscriptions)
   * are never retried by the transport: the caller decides, with an idempotency key.
   */
  idempotent: boolean;
}

export interface DepartmentSpec<Ops extends Record<string, OperationSpec> = Record<string, OperationSpec>> {
  /** Path segment and config key, e.g. `social-insurance`. */
  id: string;
  /** 广东省人力资源和社会保障厅 … as a person reads it in "数据由…提供". */
  name: string;
  /** The catalog departments (services/departments.ts) whose services this system serves. */
  catalogDepartmentIds: readonly string[];
  operations: Ops;
}

/** Keeps the literal operation names and schemas (no widening), checks the shape. */
export function defineDepartment<const Ops extends Record<string, OperationSpec>>(
  spec: DepartmentSpec<Ops>,
): DepartmentSpec<Ops> {
  return spec;
}

type OpsOf<D> = D extends DepartmentSpec<infer Ops> ? Ops : never;

/** What the platform calls: one async function per operation, input as callers write it, output parsed. */
export type DepartmentClient<D extends DepartmentSpec> = {
  [K in keyof OpsOf<D>]: (input: z.input<OpsOf<D>[K]['input']>) => Promise<z.output<OpsOf<D>[K]['output']>>;
};

/** What a department's system implements: input already validated, output checked against the contract. */
export type DepartmentImplementation<D extends DepartmentSpec> = {
  [K in keyof OpsOf<D>]: (input: z.output<OpsOf<D>[K]['input']>) => Promise<z.input<OpsOf<D>[K]['output']>>;
};

export function operationNames<D extends DepartmentSpec>(spec: D): (keyof OpsOf<D> & string)[] {
  return Object.keys(spec.operations) as (keyof OpsOf<D> & string)[];
}
