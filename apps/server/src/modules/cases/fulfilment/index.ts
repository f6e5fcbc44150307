import { HUZHENG_FULFILMENTS } from './huzheng.js';
import { TRANSPORT_FULFILMENTS } from './transport.js';
import type { FulfilmentEntry } from './types.js';
import { WELFARE_FULFILMENTS } from './welfare.js';

export type { FulfilmentContext, FulfilmentEntry, FulfilmentOutcome } from './types.js';

/**
 * What each service's approval makes the department issue, merged from one file per area (like eligibility/).
 * A service without an entry has no write-back: its approval is the result (or the department issues it at the
 * counter, outside the platform).
 */
const AREAS: readonly Readonly<Record<string, FulfilmentEntry>>[] = [
  HUZHENG_FULFILMENTS,
  WELFARE_FULFILMENTS,
  TRANSPORT_FULFILMENTS,
];

function merge(areas: typeof AREAS): Readonly<Record<string, FulfilmentEntry>> {
  const all: Record<string, FulfilmentEntry> = {};
  for (const area of areas) {
    for (const [id, entry] of Object.entries(area)) {
      if (Object.hasOwn(all, id)) throw new Error(`fulfilment ${id} is defined twice`);
      all[id] = entry;
    }
  }
  return Object.freeze(all);
}

export const FULFILMENTS = merge(AREAS);

export function findFulfilment(serviceId: string): FulfilmentEntry | undefined {
  return Object.hasOwn(FULFILMENTS, serviceId) ? FULFILMENTS[serviceId] : undefined;
}
