import { CREDENTIAL_TYPES, RELATED_SERVICES } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { ALL_SERVICES } from './index.js';

/** The 相关服务 a certificate's page leads to are catalog services, named as the catalog names them. */
describe('RELATED_SERVICES', () => {
  it('names catalog services by their catalog names, for every credential type', () => {
    expect(Object.keys(RELATED_SERVICES).sort()).toEqual(Object.keys(CREDENTIAL_TYPES).sort());
    const byId = new Map(ALL_SERVICES.map((svc) => [svc.id, svc]));
    const wrong: string[] = [];
    for (const [type, related] of Object.entries(RELATED_SERVICES)) {
      for (const r of related) {
        const svc = byId.get(r.serviceId);
        if (!svc) wrong.push(`${type}: no service ${r.serviceId}`);
        else if (svc.name !== r.name || svc.nameEn !== r.nameEn) {
          wrong.push(`${type}: ${r.serviceId} is ${svc.name} / ${svc.nameEn}, not ${r.name} / ${r.nameEn}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
