import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenClient, SESSION_COOKIE } from '../test-support/citizen-client.js';
import { staffLogin } from '../test-support/staff-login.js';
import { ENGINES, testAppHooks } from '../test-support/test-app.js';

/**
 * "Bad input never produces a 500": every route of the OpenAPI document gets garbage — odd path segments,
 * query values of the wrong kind, random JSON bodies (and some that are not JSON at all), and inputs that follow
 * the route's schemas but for one field — from an anonymous caller, a verified citizen and a staff member.
 * Each answer must be below 500, and each refusal a problem+json with a stable code, its status and a Chinese
 * message a person can read. A 2xx is allowed: garbage may be a valid search.
 */

const ZHANG_WEI = { name: '张伟', idNumber: '44010619880512031X', phone: '13800138000' };
/** 深圳公安审核: may suspend and revoke 公安 certificates in the console. */
const STAFF = 'sz.police.reviewer';
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
/**
 * Routes whose garbage would end or lock the test's own sessions (退出登录, a PIN or password tried wrong until
 * the account locks): garbage to them is still sent, but anonymously.
 */
const GUARDED = /^\/api\/v1\/(auth\/logout|me$|me\/(pin|verify|delete|account)|staff\/(auth|me\/password))/;
/** Per route and engine (BAD_INPUT_RUNS=100 for a longer hunt: ~12,500 requests, ~20 s on PGlite). */
const RUNS_PER_ROUTE = Number(process.env.BAD_INPUT_RUNS ?? 8);

interface Route {
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query: string[];
  bodyProperties: string[] | null;
  /** Path and query parameters with their schemas, and the JSON body's schema: for inputs that look right. */
  parameters: { in: string; name: string; schema?: Schema }[];
  body?: Schema;
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
  examples?: unknown[];
}
type Doc = { components?: { schemas?: Record<string, Schema> } };

const MONTH = /^\^\\d\{4\}-\(0\[1-9\]\|1\[0-2\]\)\$$/;

/**
 * Values that satisfy a JSON schema as far as can be told without its refinements (regexes are met through the
 * schema's examples or a few known shapes): inputs that pass the door, so that a route's own code meets them.
 */
function plausible(schema: Schema | undefined, doc: Doc, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return jsonValue;
  const s = schema.$ref ? (doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => plausible(a, doc, depth + 1)));
  if (s.allOf?.[0]) return plausible(s.allOf[0], doc, depth + 1);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const examples = [...(s.examples ?? []), ...(s.example !== undefined ? [s.example] : [])];
  const of = (type: string): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        if (examples.length) return fc.constantFrom(...examples);
        if (s.pattern && MONTH.test(s.pattern))
          return fc
            .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }))
            .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
        if (s.format === 'uuid') return fc.uuid();
        if (s.format === 'date') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
        if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 20, 40) });
      case 'integer':
        return fc.integer({ min: s.minimum ?? s.exclusiveMinimum ?? -1_000, max: s.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000_000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(plausible(s.items, doc, depth + 1), { maxLength: Math.min(s.maxItems ?? 3, 3) });
      case 'object': {
        const properties = Object.entries(s.properties ?? {});
        return fc.record(Object.fromEntries(properties.map(([k, v]) => [k, plausible(v, doc, depth + 1)])), {
          requiredKeys: (s.required ?? []).filter((k) => s.properties?.[k]),
        });
      }
      default:
        return jsonValue;
    }
  };
  return types.length ? fc.oneof(...types.map(of)) : jsonValue;
}

/** A plausible value with one thing wrong (a field changed to anything, or dropped), or just plausible. */
function nearlyRight(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    value,
    fc.tuple(value, fc.nat(), fc.oneof(jsonValue, oddValue), fc.boolean()).map(([v, i, odd, drop]) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return odd;
      const keys = Object.keys(v);
      const key = keys[i % Math.max(keys.length, 1)];
      if (key === undefined) return v;
      const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      if (drop) delete copy[key];
      else copy[key] = odd;
      return copy;
    }),
  );
}

/** The property names a JSON body schema declares ($ref and allOf/anyOf followed one level). */
function bodyProperties(schema: Schema | undefined, doc: { components?: { schemas?: Record<string, Schema> } }) {
  if (!schema) return null;
  const resolve = (s: Schema): Schema =>
    s.$ref ? (doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {}) : s;
  const top = resolve(schema);
  const parts = [top, ...(top.allOf ?? []).map(resolve), ...(top.anyOf ?? []).map(resolve)];
  return [...new Set(parts.flatMap((p) => Object.keys(p.properties ?? {})))];
}

/** A path segment a person or a script might put there. */
const oddSegment = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '0',
    '-1',
    '9'.repeat(40),
    '../../etc/passwd',
    '%00',
    '😀',
    'null',
    '{}',
    'a'.repeat(300),
    '44010619880512031X',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.uuid(),
);

/** A query value of any kind: text, numbers as text, months and days that do not exist, huge numbers. */
const oddValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('', ' ', '2099-13', '2025-00', '1900-01', '2025-02-30', '1e309', '-0', 'true', '440100', '999999'),
);

/** A JSON value, deep and odd (proto keys, big numbers, unicode). */
const jsonValue = fc.jsonValue({ maxDepth: 3 });

function bodyFor(route: Route) {
  const declared = route.bodyProperties?.length
    ? fc.dictionary(fc.constantFrom(...route.bodyProperties), fc.oneof(jsonValue, oddValue), { maxKeys: 6 })
    : fc.constant({});
  return fc.oneof(
    declared.map((v) => ({ text: JSON.stringify(v), type: 'application/json' })),
    jsonValue.map((v) => ({ text: JSON.stringify(v), type: 'application/json' })),
    fc.string({ maxLength: 60 }).map((s) => ({ text: `{${s}`, type: 'application/json' })), // not JSON
    fc.constant({ text: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}', type: 'application/json' }),
    fc.string({ maxLength: 60 }).map((s) => ({ text: s, type: 'text/plain' })),
  );
}

interface Attempt {
  segments: string[];
  query: Record<string, string>;
  body: { text: string; type: string } | null;
}

const hasBody = (route: Route) => route.method !== 'GET' && route.method !== 'DELETE';
const pathParameters = (route: Route) => [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);

/** Anything at all: odd segments, odd query values under the declared names or others, odd bodies. */
function garbageRequest(route: Route): fc.Arbitrary<Attempt> {
  return fc.record({
    segments: fc.array(oddSegment, { minLength: 3, maxLength: 3 }),
    query: fc.dictionary(
      route.query.length ? fc.oneof(fc.constantFrom(...route.query), fc.string({ maxLength: 8 })) : fc.string(),
      oddValue,
      { maxKeys: 5 },
    ),
    body: hasBody(route) ? bodyFor(route) : fc.constant(null),
  });
}

/**
 * A generated value as the text of a query or path parameter. Arrays give their first item; anything else is
 * JSON, because `String()` throws on the prototype-less objects fast-check makes (that flake failed CI once).
 */
const asQueryValue = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return asQueryValue(v[0] ?? '');
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
};

/** What the schemas allow, with at most one field wrong or missing: garbage that gets past the door. */
function plausibleRequest(route: Route, doc: Doc): fc.Arbitrary<Attempt> {
  const parameter = (name: string, where: string) => route.parameters.find((p) => p.in === where && p.name === name);
  const segments = fc.tuple(
    ...pathParameters(route).map((name) =>
      fc.oneof(plausible(parameter(name, 'path')?.schema, doc).map(asQueryValue), oddSegment),
    ),
  );
  const queryParameters = route.parameters.filter((p) => p.in === 'query');
  const query = nearlyRight(
    fc.record(Object.fromEntries(queryParameters.map((p) => [p.name, plausible(p.schema, doc)])), {
      requiredKeys: [],
    }),
  ).map((q) =>
    q && typeof q === 'object' && !Array.isArray(q)
      ? Object.fromEntries(
          Object.entries(q as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, asQueryValue(v)]),
        )
      : {},
  );
  const body = hasBody(route)
    ? nearlyRight(plausible(route.body, doc)).map((v) => ({
        text: JSON.stringify(v) ?? 'null',
        type: 'application/json',
      }))
    : fc.constant(null);
  return fc.record({ segments, query, body });
}

describe.each(ENGINES)('bad input on every documented route (%s)', (engine) => {
  const t = testAppHooks(engine, { SMS_RESEND_SECONDS: '1', TRUST_PROXY: 'true' });
  const client = citizenClient(t);

  it('is answered below 500, with a problem+json in Chinese when refused', async () => {
    const doc = (await t().app.inject('/api/openapi.json')).json();
    const routes: Route[] = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops)
          .filter(([m]) => METHODS.has(m))
          .map(([m, raw]) => {
            const op = raw as {
              parameters?: { in: string; name: string; schema?: Schema }[];
              requestBody?: { content?: Record<string, { schema?: Schema }> };
            };
            const body = op.requestBody?.content?.['application/json']?.schema;
            return {
              path,
              parameters: (op.parameters ?? []) as Route['parameters'],
              ...(body ? { body } : {}),
              method: m.toUpperCase() as Route['method'],
              query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
              bodyProperties: bodyProperties(body, doc),
            };
          }),
    );
    expect(routes.length).toBeGreaterThan(100);

    let session = (await client.verifiedAccount(ZHANG_WEI)).cookie;
    let staff = await staffLogin(client.call, STAFF);
    let ip = 0;
    const seen = new Map<number, number>();
    for (const route of routes) {
      // Garbage to earlier routes may have ended the session (a random write to 退出登录 counts): log in again.
      const me = await client.call('GET', '/api/v1/me', undefined, session);
      if (me.statusCode !== 200) session = (await client.verifiedAccount(ZHANG_WEI)).cookie;
      const staffMe = await client.call('GET', '/api/v1/staff/me', undefined, undefined, { cookie: staff });
      if (staffMe.statusCode !== 200) staff = await staffLogin(client.call, STAFF);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(garbageRequest(route), plausibleRequest(route, doc)),
          fc.constantFrom('anonymous', 'citizen', 'staff'),
          async ({ segments, query, body }, caller) => {
            let n = 0;
            const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(segments[n++] ?? ''));
            const search = new URLSearchParams(query).toString();
            const url = `${path}${search ? `?${search}` : ''}`;
            const who = GUARDED.test(route.path) ? 'anonymous' : caller;
            const res = await t().app.inject({
              method: route.method,
              url,
              headers: {
                'x-forwarded-for': `10.77.${Math.floor(++ip / 250) % 250}.${ip % 250}`,
                ...(body ? { 'content-type': body.type } : {}),
                ...(who === 'citizen' ? { cookie: `${SESSION_COOKIE}=${session}` } : {}),
                ...(who === 'staff' ? { cookie: staff } : {}),
              },
              ...(body ? { payload: body.text } : {}),
            });
            seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
            const what = `${route.method} ${url} (${who}) → ${res.statusCode} ${res.body.slice(0, 300)}`;
            expect(res.statusCode, what).toBeLessThan(500);
            if (res.statusCode >= 400) {
              expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
              const problem = res.json() as { code?: unknown; detail?: unknown; status?: unknown };
              expect(problem.code, what).toMatch(/^[A-Z][A-Z0-9_]+$/);
              expect(problem.status, what).toBe(res.statusCode);
              expect(String(problem.detail), what).toMatch(/[\u4e00-\u9fff]/);
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    // The garbage reached the routes' own rules, not only the door: refusals of several kinds, and answers.
    expect([...seen.keys()].filter((s) => s >= 400).length, JSON.stringify([...seen])).toBeGreaterThanOrEqual(4);
    expect(
      [...seen.keys()].some((s) => s < 300),
      JSON.stringify([...seen]),
    ).toBe(true);
  }, 600_000);
});
