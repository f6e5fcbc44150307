import type { ApplicationFormSpec } from '../cases.js';
import { HUZHENG_FORMS } from './huzheng.js';
import { LEGAL_FORMS } from './legal.js';
import { POLICE_FORMS } from './police.js';
import { TRANSPORT_FORMS } from './transport.js';
import { WELFARE_FORMS } from './welfare.js';

/**
 * Every area's application forms, merged. Each area keeps its forms in its own file (one department's staff
 * and rules per file); a service id may appear in one file only, and each form's `serviceId` is its key.
 */
const AREAS: readonly Readonly<Record<string, ApplicationFormSpec>>[] = [
  POLICE_FORMS,
  HUZHENG_FORMS,
  WELFARE_FORMS,
  LEGAL_FORMS,
  TRANSPORT_FORMS,
];

function merge(areas: typeof AREAS): Readonly<Record<string, ApplicationFormSpec>> {
  const all: Record<string, ApplicationFormSpec> = {};
  for (const area of areas) {
    for (const [id, form] of Object.entries(area)) {
      if (Object.hasOwn(all, id)) throw new Error(`application form ${id} is defined twice`);
      if (form.serviceId !== id) throw new Error(`application form ${id} has serviceId ${form.serviceId}`);
      all[id] = form;
    }
  }
  return Object.freeze(all);
}

export const ALL_APPLICATION_FORMS = merge(AREAS);
