import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditSpec } from '../credit/contract.js';
import type { DepartmentImplementation, DepartmentSpec } from '../framework/contract.js';
import { buildDepartmentGateway } from '../framework/gateway.js';
import { operationPath } from '../framework/http-transport.js';
import { realEstateSpec } from '../real-estate/contract.js';
import { taxSpec } from './contract.js';

/** The gateway describes the tax, credit and real-estate contracts in OpenAPI from their zod schemas. */
describe('OpenAPI of the tax, credit and real-estate contracts', () => {
  const specs: DepartmentSpec[] = [taxSpec, creditSpec, realEstateSpec];
  let doc: { paths: Record<string, { post?: { requestBody?: unknown; responses?: Record<string, unknown> } }> };
  let close: () => Promise<void>;

  beforeAll(async () => {
    const gateway = await buildDepartmentGateway({
      departments: specs.map((spec) => ({ spec, impl: {} as DepartmentImplementation<DepartmentSpec> })),
      keys: new Map([['k', Buffer.alloc(32)]]),
    });
    close = () => gateway.close();
    doc = (await gateway.inject('/openapi.json')).json();
  });
  afterAll(() => close?.());

  it('has a POST with a request body and a 200 schema for every operation', () => {
    for (const spec of specs) {
      for (const name of Object.keys(spec.operations)) {
        const op = doc.paths[operationPath(spec, name)]?.post;
        expect(op, `${spec.id}.${name}`).toBeDefined();
        expect(op?.requestBody).toBeDefined();
        expect(op?.responses?.['200']).toBeDefined();
      }
    }
  });
});
