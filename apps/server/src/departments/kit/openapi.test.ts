import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { buildDepartmentGateway } from '../framework/gateway.js';
import { operationPath } from '../framework/http-transport.js';
import { sandboxGatewayDepartments } from '../gateway-main.js';

/** Every registered department is described in the gateway's OpenAPI document, schemas named once. */
describe('department gateway OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('lists every operation of every department with its input and output schemas', async () => {
    const departments = sandboxGatewayDepartments(t.database.db);
    const gateway = await buildDepartmentGateway({ departments, keys: new Map([['k', Buffer.alloc(32)]]) });
    try {
      const doc = (await gateway.inject({ method: 'GET', url: '/openapi.json' })).json() as {
        paths: Record<string, { post?: { requestBody?: unknown; responses?: Record<string, unknown> } }>;
        components?: { schemas?: Record<string, unknown> };
      };
      for (const { spec } of departments) {
        for (const name of Object.keys(spec.operations)) {
          const op = doc.paths[operationPath(spec, name)]?.post;
          expect(op, `${spec.id}.${name}`).toBeDefined();
          expect(op?.requestBody).toBeDefined();
          expect(op?.responses?.['200']).toBeDefined();
        }
      }
      for (const id of [
        'TrafficDrivingLicence',
        'TrafficViolation',
        'ExitEntryDocument',
        'ExitEntryEndorsement',
        'HouseholdIdCardApplication',
        'CivilMarriageRecord',
        'DisabilityCertificate',
        'HealthBirthCertificate',
        'VolunteerRegistration',
      ])
        expect(doc.components?.schemas?.[id], id).toBeDefined();
    } finally {
      await gateway.close();
    }
  });
});
