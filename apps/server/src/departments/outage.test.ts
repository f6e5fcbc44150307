import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { citizenClient } from '../test-support/citizen-client.js';
import { gatewayDepartment } from '../test-support/department-transports.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { createConnector } from './framework/client.js';
import { buildDepartmentGateway, type Fault } from './framework/gateway.js';
import { httpTransport } from './framework/http-transport.js';
import { DEMO_PEOPLE } from './population-register/generator.js';
import { DEPARTMENTS, type Departments } from './registry.js';

const zhang = DEMO_PEOPLE.find((p) => p.name === '张伟');
if (!zhang) throw new Error('demo person missing');

/**
 * The platform against a department gateway over HTTP, with the population register made to hang or fail:
 * only what needs the register says "该服务暂时无法使用，请稍后再试。"; the rest of the platform answers.
 */
describe('platform with a department down', () => {
  let t: TestApp;
  const faults = new Map<string, Fault>();
  let closeGateway: () => Promise<void>;
  const c = citizenClient(() => t);

  beforeAll(async () => {
    const key = { id: 'platform', secret: randomBytes(32) };
    let db: Db | undefined;
    const register = () => {
      if (!db) throw new Error('database not ready');
      return DEPARTMENTS.populationRegister.sandbox(db);
    };
    const gateway = await buildDepartmentGateway({
      departments: [
        gatewayDepartment(DEPARTMENTS.populationRegister.spec, {
          matchIdentity: (i) => register().matchIdentity(i),
          getPerson: (i) => register().getPerson(i),
          familyOf: (i) => register().familyOf(i),
          findByPhone: (i) => register().findByPhone(i),
          countByName: (i) => register().countByName(i),
          idCardApplications: (i) => register().idCardApplications(i),
          householdApprovals: (i) => register().householdApprovals(i),
          residenceRecords: (i) => register().residenceRecords(i),
          issueResidencePermit: (i) => register().issueResidencePermit(i),
          registerBirth: (i) => register().registerBirth(i),
          registerResidence: (i) => register().registerResidence(i),
          endorseResidencePermit: (i) => register().endorseResidencePermit(i),
        }),
      ],
      keys: new Map([[key.id, key.secret]]),
      faults,
    });
    const baseUrl = await gateway.listen({ port: 0, host: '127.0.0.1' });
    closeGateway = () => gateway.close();
    t = await createTestApp(
      'pglite',
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      {
        departments: (handle) => {
          db = handle;
          const spec = DEPARTMENTS.populationRegister.spec;
          return {
            populationRegister: createConnector(spec, httpTransport(spec, { baseUrl, key }), {
              policy: { timeoutMs: 300, retries: 1, backoffMs: 5, failureThreshold: 100 },
            }),
          } as Departments;
        },
      },
    );
  });
  afterAll(async () => {
    await t?.close();
    await closeGateway?.();
  });

  it('binds a real name through the gateway when the register is healthy', async () => {
    const cookie = await c.smsLogin(zhang.phone as string);
    const res = await c.call('POST', '/api/v1/me/real-name', { name: zhang.name, idNumber: zhang.idNumber }, cookie);
    expect(res.statusCode, res.body).toBe(200);
  });

  for (const fault of [{ mode: 'hang' }, { mode: 'fail', status: 503 }, { mode: 'garbage' }] as Fault[]) {
    it(`answers a clear problem when the register ${fault.mode}s, and the rest keeps working`, async () => {
      const liNa = DEMO_PEOPLE.find((p) => p.name === '李娜');
      if (!liNa?.phone) throw new Error('demo person missing');
      const cookie = await c.smsLogin(liNa.phone);
      faults.set('population-register', fault);
      try {
        const res = await c.call('POST', '/api/v1/me/real-name', { name: liNa.name, idNumber: liNa.idNumber }, cookie);
        expect([502, 503]).toContain(res.statusCode);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ detail: '该服务暂时无法使用，请稍后再试。' });
        expect(res.json().code).toMatch(/^DEPARTMENT_/);
        expect(res.body).not.toContain(liNa.idNumber);
        // everything that does not need the register still answers
        expect((await c.call('GET', '/api/v1/catalog?city=440100')).statusCode).toBe(200);
        expect((await c.call('GET', '/api/v1/me', undefined, cookie)).statusCode).toBe(200);
        expect((await c.call('GET', '/healthz')).statusCode).toBe(200);
      } finally {
        faults.delete('population-register');
      }
    });
  }
});
