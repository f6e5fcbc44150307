import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectDepartment, gatewayDepartment, TRANSPORTS } from '../../test-support/department-transports.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { DEMO_PEOPLE } from '../population-register/generator.js';
import { DEPARTMENTS } from '../registry.js';
import { createConnector } from './client.js';
import { defineDepartment } from './contract.js';
import { buildDepartmentGateway, type Fault } from './gateway.js';
import { httpTransport, operationPath } from './http-transport.js';
import { signRequest } from './signing.js';

const zhang = DEMO_PEOPLE.find((p) => p.name === '张伟');
if (!zhang) throw new Error('demo person missing');

describe.each(ENGINES)('population register contract on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  describe.each(TRANSPORTS)('over %s', (transport) => {
    it('answers the same reads with the same records', async () => {
      const c = await connectDepartment(
        DEPARTMENTS.populationRegister.spec,
        DEPARTMENTS.populationRegister.sandbox(t.database.db),
        transport,
      );
      try {
        const { person } = await c.client.getPerson({ idNumber: zhang.idNumber });
        expect(person).toMatchObject({ name: '张伟', hukouCityCode: '440100', phone: '13800138000' });
        expect((await c.client.getPerson({ idNumber: '440106198805120318' })).person).toBeNull();
        const { relations } = await c.client.familyOf({ idNumber: zhang.idNumber.toLowerCase() });
        expect(relations.map((r) => `${r.relation}:${r.person.name}`)).toEqual([
          'spouse:刘芳',
          'parent:张建国',
          'parent:王秀英',
          'child:张梓轩',
        ]);
        expect(await c.client.matchIdentity({ name: '张伟', idNumber: zhang.idNumber })).toMatchObject({
          matched: true,
        });
        expect(await c.client.matchIdentity({ name: '张三', idNumber: zhang.idNumber })).toEqual({ matched: false });
        expect((await c.client.findByPhone({ phone: '13800138000' })).people.map((p) => p.name)).toEqual(['张伟']);
        const bad = await c.client.getPerson({ idNumber: '12345' }).catch((e) => e);
        expect(bad).toMatchObject({
          code: 'DEPARTMENT_INPUT_INVALID',
          detail: '身份证号码格式有误，请输入18位居民身份证号码',
        });
      } finally {
        await c.close();
      }
    });
  });
});

/** Two tiny departments behind one gateway: one is made to misbehave, the other must not notice. */
const echo = (id: string) =>
  defineDepartment({
    id,
    name: id,
    catalogDepartmentIds: [],
    operations: {
      read: {
        summary: 'read',
        input: z.object({ n: z.number() }),
        output: z.object({ n: z.number() }),
        idempotent: true,
      },
    },
  });
const sick = echo('sick');
const healthy = echo('healthy');

describe('department gateway', () => {
  const key = { id: 'platform', secret: randomBytes(32) };
  const faults = new Map<string, Fault>();
  let baseUrl: string;
  let close: () => Promise<void>;
  const impl = { read: async ({ n }: { n: number }) => ({ n }) };

  beforeAll(async () => {
    const gateway = await buildDepartmentGateway({
      departments: [gatewayDepartment(sick, impl), gatewayDepartment(healthy, impl)],
      keys: new Map([[key.id, key.secret]]),
      faults,
    });
    baseUrl = await gateway.listen({ port: 0, host: '127.0.0.1' });
    close = () => gateway.close();
  });
  afterAll(() => close?.());

  const policy = { timeoutMs: 200, retries: 1, backoffMs: 1, failureThreshold: 3, openMs: 60_000 };
  const connect = (spec: typeof sick) => createConnector(spec, httpTransport(spec, { baseUrl, key }), { policy });

  it('refuses unsigned, forged, replayed and tampered requests', async () => {
    const path = operationPath(healthy, 'read');
    const body = JSON.stringify({ n: 1 });
    const post = (headers: Record<string, string>, payload = body) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });
    expect((await post({})).status).toBe(401);
    const forged = signRequest({ id: key.id, secret: randomBytes(32) }, 'POST', path, body);
    expect((await post(forged)).status).toBe(401);
    const signed = signRequest(key, 'POST', path, body);
    expect((await post(signed)).status).toBe(200);
    expect((await post(signed)).status).toBe(401); // the same nonce again
    const fresh = signRequest(key, 'POST', path, body);
    expect((await post(fresh, JSON.stringify({ n: 2 }))).status).toBe(401); // body changed after signing
    const stale = signRequest(key, 'POST', path, body, Date.now() - 10 * 60_000);
    expect((await post(stale)).status).toBe(401);
  });

  it('describes every department’s operations in OpenAPI', async () => {
    const doc = await (await fetch(`${baseUrl}/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/sick/read', '/v1/healthy/read']));
    expect(doc.paths['/v1/healthy/read'].post.requestBody).toBeTruthy();
  });

  it('keeps a healthy department working while another hangs, fails or answers garbage', async () => {
    const s = connect(sick);
    const h = connect(healthy);
    for (const fault of [{ mode: 'hang' }, { mode: 'fail', status: 500 }, { mode: 'garbage' }] as Fault[]) {
      faults.set('sick', fault);
      const settled: string[] = [];
      const [error, answer] = await Promise.all([
        s.client.read({ n: 1 }).catch((e) => {
          settled.push('sick');
          return e;
        }),
        h.client.read({ n: 5 }).then((r) => {
          settled.push('healthy');
          return r;
        }),
      ]);
      expect(error.code, fault.mode).toMatch(/^DEPARTMENT_(UNAVAILABLE|BAD_ANSWER)$/);
      expect(error.detail).toBe('该服务暂时无法使用，请稍后再试。');
      expect(answer).toEqual({ n: 5 });
      // the healthy department answered while the hanging one was still being waited for
      if (fault.mode === 'hang') expect(settled).toEqual(['healthy', 'sick']);
    }
    // three failures: the sick department's circuit is open; calls fail at once without reaching it
    expect(s.health().breaker).toBe('open');
    faults.delete('sick');
    const error = await s.client.read({ n: 1 }).catch((e) => e);
    expect(error).toMatchObject({ kind: 'circuit-open' });
    expect(h.health().breaker).toBe('closed');
  });

  it('lets a slow department answer within its deadline', async () => {
    faults.set('healthy', { mode: 'slow', delayMs: 50 });
    try {
      expect(await connect(healthy).client.read({ n: 3 })).toEqual({ n: 3 });
    } finally {
      faults.delete('healthy');
    }
  });
});
