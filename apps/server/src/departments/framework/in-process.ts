import type { Transport } from './client.js';
import type { DepartmentImplementation, DepartmentSpec } from './contract.js';
import { DepartmentUnavailable } from './errors.js';

/**
 * The embedded transport: the department's sandbox system runs in this process (its own schema, its own
 * code) and is called directly. Used by default so that `npm start` needs nothing else.
 */
export function inProcessTransport<D extends DepartmentSpec>(spec: D, impl: DepartmentImplementation<D>): Transport {
  const table = impl as Record<string, (input: unknown) => Promise<unknown>>;
  return {
    kind: 'in-process',
    async call(operation, input) {
      const fn = table[operation];
      if (!fn) throw new DepartmentUnavailable(spec.id, 'server-error', `${operation}: not implemented`);
      return fn(input);
    },
  };
}
