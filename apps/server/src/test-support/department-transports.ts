import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type Connector, createConnector } from '../departments/framework/client.js';
import type { DepartmentImplementation, DepartmentSpec } from '../departments/framework/contract.js';
import { buildDepartmentGateway, type Fault, type GatewayDepartment } from '../departments/framework/gateway.js';
import { httpTransport } from '../departments/framework/http-transport.js';
import { inProcessTransport } from '../departments/framework/in-process.js';
import type { ResiliencePolicy } from '../departments/framework/resilience.js';

/** Contract tests run on both transports: the embedded sandbox, and the same sandbox behind the gateway. */
export const TRANSPORTS = ['in-process', 'http'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

export interface ConnectedDepartment<D extends DepartmentSpec> extends Connector<D> {
  /** Faults the gateway applies to this department (http only). */
  faults: Map<string, Fault>;
  gateway?: FastifyInstance;
  close(): Promise<void>;
}

/**
 * One department for `buildDepartmentGateway`: the implementation is checked against its own contract here,
 * then widened to the gateway's untyped table (the gateway validates every input and output with the spec).
 */
export function gatewayDepartment<D extends DepartmentSpec>(
  spec: D,
  impl: DepartmentImplementation<D>,
): GatewayDepartment {
  return { spec, impl: impl as DepartmentImplementation<DepartmentSpec> };
}

/**
 * A connector to a department implementation over the chosen transport. Over http the implementation is
 * served by a real gateway on a free local port and every request is signed and checked.
 */
export async function connectDepartment<D extends DepartmentSpec>(
  spec: D,
  impl: DepartmentImplementation<D>,
  transport: TransportKind,
  policy: Partial<ResiliencePolicy> = {},
): Promise<ConnectedDepartment<D>> {
  const faults = new Map<string, Fault>();
  if (transport === 'in-process') {
    const connector = createConnector(spec, inProcessTransport(spec, impl), { policy });
    return { ...connector, faults, close: async () => {} };
  }
  const key = { id: 'test-platform', secret: randomBytes(32) };
  const gateway = await buildDepartmentGateway({
    departments: [gatewayDepartment(spec, impl)],
    keys: new Map([[key.id, key.secret]]),
    faults,
  });
  const address = await gateway.listen({ port: 0, host: '127.0.0.1' });
  const connector = createConnector(spec, httpTransport(spec, { baseUrl: address, key }), { policy });
  return { ...connector, faults, gateway, close: () => gateway.close() };
}
