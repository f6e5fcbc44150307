import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../test-support/test-app.js';

describe.each(ENGINES)('platform HTTP on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  it('reports liveness and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: engine });
  });

  it('generates an OpenAPI 3.1 document from the zod contracts', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/v1/cities',
      '/api/v1/catalog',
      '/api/v1/catalog/search',
      '/api/v1/services/{id}',
      '/api/v1/faq',
      '/api/v1/feedback',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CatalogEntry', 'Problem', 'FeedbackInput']),
    );
    const docs = await t.app.inject('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('answers a URL that does not decode, or an over-long path parameter, with a 400 problem in Chinese', async () => {
    for (const url of ['/api/v1/services/%E0%A4%A', `/api/v1/services/${'a'.repeat(300)}`]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.json(), url).toMatchObject({ code: 'VALIDATION_FAILED', detail: '链接地址有误，请检查后重试。' });
    }
  });

  it('answers unknown API paths with 404 problem+json', async () => {
    const res = await t.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('sets security headers and a request id', async () => {
    const res = await t.app.inject('/api/v1/cities');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
    const echoed = await t.app.inject({ url: '/api/v1/cities', headers: { 'x-request-id': 'abc12345-proxy' } });
    expect(echoed.headers['x-request-id']).toBe('abc12345-proxy');
  });
});
