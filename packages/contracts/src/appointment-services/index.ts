import type { AppointmentServiceSpec } from '../appointments.js';
import { FIRST_APPOINTMENT_SERVICES } from './first.js';
import { TRAVEL_FAMILY_APPOINTMENT_SERVICES } from './travel-family.js';
import { WELFARE_APPOINTMENT_SERVICES } from './welfare.js';

/**
 * Every area's appointment services, merged. Each area keeps its services in its own file; a service id may
 * appear in one file only, and each spec's `serviceId` is its key.
 */
const AREAS: readonly Readonly<Record<string, AppointmentServiceSpec>>[] = [
  FIRST_APPOINTMENT_SERVICES,
  TRAVEL_FAMILY_APPOINTMENT_SERVICES,
  WELFARE_APPOINTMENT_SERVICES,
];

function merge(areas: typeof AREAS): Readonly<Record<string, AppointmentServiceSpec>> {
  const all: Record<string, AppointmentServiceSpec> = {};
  for (const area of areas) {
    for (const [id, spec] of Object.entries(area)) {
      if (Object.hasOwn(all, id)) throw new Error(`appointment service ${id} is defined twice`);
      if (spec.serviceId !== id) throw new Error(`appointment service ${id} has serviceId ${spec.serviceId}`);
      all[id] = spec;
    }
  }
  return Object.freeze(all);
}

export const ALL_APPOINTMENT_SERVICES = merge(AREAS);
