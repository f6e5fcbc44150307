import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DepartmentImplementation, DepartmentSpec } from '../framework/contract.js';
import { buildDepartmentGateway } from '../framework/gateway.js';
import { housingFundSpec } from '../housing-fund/contract.js';
import { medicalInsuranceSpec } from '../medical-insurance/contract.js';
import { socialInsuranceSpec } from './contract.js';

describe('the 社保, 医保 and 公积金 contracts in the gateway’s OpenAPI', () => {
  it('describes every operation with its input and output schemas', async () => {
    const specs: DepartmentSpec[] = [socialInsuranceSpec, medicalInsuranceSpec, housingFundSpec];
    const gateway = await buildDepartmentGateway({
      departments: specs.map((spec) => ({ spec, impl: {} as DepartmentImplementation<DepartmentSpec> })),
      keys: new Map([['k', randomBytes(32)]]),
    });
    try {
      const res = await gateway.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as { paths: Record<string, { post?: { requestBody?: unknown; responses?: unknown } }> };
      for (const spec of specs) {
        for (const name of Object.keys(spec.operations)) {
          const op = doc.paths[`/v1/${spec.id}/${name}`]?.post;
          expect(op, `${spec.id}/${name}`).toBeDefined();
          expect(op?.requestBody).toBeDefined();
          expect(JSON.stringify(op?.responses)).toContain('200');
        }
      }
      expect(JSON.stringify(doc)).toContain('社保缴费明细');
    } finally {
      await gateway.close();
    }
  });
});
