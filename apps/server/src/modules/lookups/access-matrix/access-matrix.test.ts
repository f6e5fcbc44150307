import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../../departments/population-register/generator.js';
import { ALL_SERVICES } from '../../../services/index.js';
import { citizenClient } from '../../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../../test-support/test-app.js';
import type { PersonalRouteSample } from './sample.js';

/** Every `<area>.samples.ts` beside this file. */
async function loadSamples(): Promise<PersonalRouteSample[]> {
  const dir = new URL('.', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.samples.ts'));
  const modules = await Promise.all(files.map((f) => import(new URL(f, dir).href)));
  return modules.flatMap((m) => m.samples as PersonalRouteSample[]);
}

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const withFor = (url: string, id: string) => `${url}${url.includes('?') ? '&' : '?'}for=${id}`;

/** An OpenAPI path template (`/a/{id}/b`) as a regular expression over concrete paths. */
const pathPattern = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

/**
 * The identity issue's access matrix over every personal route (issue 5, deliverable 4): nobody reads
 * personal records without a session of their own, a fresh verification and — for someone else — an active
 * delegation; staff sessions open nothing; the owner's read is audited.
 */

/** These tests walk every sample (one more with each personal route): they get the time of a long loop, not 30 s. */
const MATRIX_TIMEOUT = 180_000;
describe.each(ENGINES)('access matrix of the personal routes on %s', (engine) => {
  let t: TestApp;
  let samples: PersonalRouteSample[];
  const c = citizenClient(() => t);
  let staffCookie = '';
  beforeAll(async () => {
    samples = await loadSamples();
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    const pending = await c.call('POST', '/api/v1/staff/auth/login', {
      username: 'gz.hrss.kefu',
      password: 'yss-demo-2026',
    });
    const pendingCookie = pending.cookies.find((x) => x.name === '__Host-yss_staff')?.value ?? '';
    const code = (await c.call('GET', '/api/v1/dev/staff-totp/gz.hrss.kefu')).json().code as string;
    const done = await c.call('POST', '/api/v1/staff/auth/totp', { code }, undefined, {
      cookie: `__Host-yss_staff=${pendingCookie}`,
    });
    expect(done.statusCode, done.body).toBe(200);
    staffCookie = `__Host-yss_staff=${done.cookies.find((x) => x.name === '__Host-yss_staff')?.value}`;
  });
  afterAll(() => t?.close());

  it('has a sample for every route OpenAPI tags `personal`, and each names a service that needs verification', async () => {
    const doc = (await c.call('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const personal = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.includes('personal'))
        .map(([method, _]) => ({ method: method.toUpperCase(), pattern: pathPattern(p), path: p })),
    );
    expect(personal.length).toBeGreaterThanOrEqual(2);
    for (const route of personal) {
      const covered = samples.some((s) => s.method === route.method && route.pattern.test(s.url.split('?')[0] ?? ''));
      expect(covered, `${route.method} ${route.path} has no access-matrix sample`).toBe(true);
    }
    for (const s of samples) {
      const service = ALL_SERVICES.find((x) => x.id === s.serviceId);
      expect(service?.requiresVerification, `${s.serviceId} is a catalog service that needs verification`).toBe(true);
    }
  });

  it('every other lookup route is one of the known anonymous lookups, and answers without a session', async () => {
    // A route under /api/v1/lookups/ that is not tagged `personal` must be listed here on purpose: a personal
    // route that forgot its tag would otherwise escape the matrix above.
    const anonymous: Record<string, { method: 'GET' | 'POST'; url: string; body?: object }> = {
      'GET /api/v1/lookups/name-check': { method: 'GET', url: '/api/v1/lookups/name-check?name=张伟' },
      'GET /api/v1/lookups/schools': { method: 'GET', url: '/api/v1/lookups/schools?city=440100' },
      'GET /api/v1/lookups/schools/districts': { method: 'GET', url: '/api/v1/lookups/schools/districts?city=440100' },
      'GET /api/v1/lookups/credit/search': {
        method: 'GET',
        url: `/api/v1/lookups/credit/search?q=${encodeURIComponent('科技')}`,
      },
      'GET /api/v1/lookups/credit/subjects/{uscc}': {
        method: 'GET',
        url: '/api/v1/lookups/credit/subjects/91440604DEM000030D',
      },
      'POST /api/v1/lookups/invoices/verify': {
        method: 'POST',
        url: '/api/v1/lookups/invoices/verify',
        body: { code: '044002300111', number: '05826317', issuedOn: '2023-09-14', checkCode: '036458' },
      },
      'GET /api/v1/lookups/invoices/lost': {
        method: 'GET',
        url: '/api/v1/lookups/invoices/lost?code=4400181130&number=00881234',
      },
      'GET /api/v1/lookups/tax-certificates': {
        method: 'GET',
        url: '/api/v1/lookups/tax-certificates?number=344011907310000188',
      },
      'GET /api/v1/lookups/tax-lists': {
        method: 'GET',
        url: '/api/v1/lookups/tax-lists?number=344011907310000188&idNumberTail=12345X',
      },
      'GET /api/v1/lookups/utilities/gas/interruptions': {
        method: 'GET',
        url: '/api/v1/lookups/utilities/gas/interruptions?city=440100',
      },
      'GET /api/v1/lookups/utilities/gas/prices': {
        method: 'GET',
        url: '/api/v1/lookups/utilities/gas/prices?city=440100',
      },
    };
    const doc = (await c.call('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const found = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/v1/lookups/'))
      .flatMap(([p, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !op.tags?.includes('personal'))
          .map(([method]) => `${method.toUpperCase()} ${p}`),
      );
    expect(found.sort()).toEqual(Object.keys(anonymous).sort());
    for (const [route, sample] of Object.entries(anonymous)) {
      const res = await c.call(sample.method, sample.url, sample.body);
      expect(res.statusCode, `${route}: ${res.body}`).toBe(200);
    }
  });

  it(
    'anonymous, forged-session and staff callers get 401; a session without fresh verification gets VERIFICATION_REQUIRED',
    async () => {
      const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
      for (const s of samples) {
        const label = `${s.method} ${s.url}`;
        expect((await c.call(s.method, s.url, s.body)).statusCode, `${label} anonymous`).toBe(401);
        expect((await c.call(s.method, s.url, s.body, 'forged-token')).statusCode, `${label} forged`).toBe(401);
        const staff = await c.call(s.method, s.url, s.body, undefined, { cookie: staffCookie });
        expect(staff.statusCode, `${label} as staff`).toBe(401);
        const unverified = await c.call(s.method, s.url, s.body, smsOnly);
        expect(unverified.json().code, `${label} without verification`).toBe('VERIFICATION_REQUIRED');
      }
    },
    MATRIX_TIMEOUT,
  );

  it(
    'the owner reads their own records, audited; another citizen cannot use a delegation that is not theirs',
    async () => {
      const stranger = await c.verifiedAccount(demo('刘洋'));
      const owners = new Map<string, Awaited<ReturnType<typeof c.verifiedAccount>>>();
      for (const s of samples) {
        const label = `${s.method} ${s.url}`;
        let owner = owners.get(s.owner);
        if (!owner) {
          owner = await c.verifiedAccount(demo(s.owner));
          owners.set(s.owner, owner);
        }
        const res = await c.call(s.method, s.url, s.body, owner.cookie);
        expect(res.statusCode, `${label} as ${s.owner}: ${res.body}`).toBe(s.ownerStatus ?? 200);
        expect(res.body, `${label} leaks the ID number`).not.toContain(owner.person.idNumber);
        const action = s.auditAction === undefined ? `lookup.${s.serviceId}` : s.auditAction;
        if (action) {
          const log = (await c.call('GET', '/api/v1/me/access-log', undefined, owner.cookie)).json() as {
            action: string;
          }[];
          expect(
            log.some((e) => e.action === action),
            `${label}: ${action} in ${s.owner}'s access log`,
          ).toBe(true);
        }
        const foreign = await c.call(s.method, withFor(s.url, randomUUID()), s.body, stranger.cookie);
        expect(foreign.statusCode, `${label} with someone else's delegation id`).toBe(404);
      }
    },
    MATRIX_TIMEOUT,
  );
});
