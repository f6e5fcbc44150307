import { describe, expect, it, vi } from 'vitest';
import {
  ApiProblem,
  apiRequest,
  buildUrl,
  CLIENT_CODES,
  type FetchLike,
  NETWORK_ERROR_DETAIL,
  problemFromBody,
  TIMEOUT_DETAIL,
} from './client';

function jsonResponse(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const problem = {
  type: '/api/problems/CITY_UNKNOWN',
  title: '不支持的城市',
  status: 400,
  detail: '城市代码 999999 不是广东省的地级市，请重新选择城市。',
  code: 'CITY_UNKNOWN',
  requestId: 'req-1',
};

describe('apiRequest', () => {
  it('resolves with the JSON body on success and sends the query string', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => jsonResponse(200, [{ code: '440100' }]));
    const data = await apiRequest<Array<{ code: string }>>(
      '/api/v1/catalog',
      { query: { city: '440100', group: undefined, q: '' } },
      fetchImpl,
    );
    expect(data).toEqual([{ code: '440100' }]);
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/api/v1/catalog?city=440100');
    expect(fetchImpl.mock.calls[0]?.[1]?.method).toBe('GET');
  });

  it('turns a problem+json response into an ApiProblem with the Chinese detail', async () => {
    const fetchImpl: FetchLike = async () => jsonResponse(400, problem, 'application/problem+json');
    const error = (await apiRequest('/api/v1/catalog', { query: { city: '999999' } }, fetchImpl).catch(
      (e: unknown) => e,
    )) as ApiProblem;
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.status).toBe(400);
    expect(error.code).toBe('CITY_UNKNOWN');
    expect(error.title).toBe('不支持的城市');
    expect(error.detail).toBe('城市代码 999999 不是广东省的地级市，请重新选择城市。');
    expect(error.userMessage).toBe(error.detail);
    expect(error.message).toBe(error.detail);
    expect(error.requestId).toBe('req-1');
    expect(error.isNetwork).toBe(false);
  });

  it('keeps per-field errors of a validation problem', async () => {
    const body = {
      ...problem,
      code: 'VALIDATION_FAILED',
      title: '请求参数有误',
      detail: 'content：反馈内容至少需要5个字',
      errors: [{ path: 'content', message: '反馈内容至少需要5个字' }, { path: 'x' }],
    };
    const fetchImpl: FetchLike = async () => jsonResponse(400, body, 'application/problem+json');
    const error = (await apiRequest('/api/v1/feedback', { body: { content: 'hi' } }, fetchImpl).catch(
      (e) => e,
    )) as ApiProblem;
    expect(error.errors).toEqual([{ path: 'content', message: '反馈内容至少需要5个字' }]);
  });

  it('POSTs JSON bodies with a content type', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => jsonResponse(201, { id: 'fb_1', createdAt: 'now', message: 'ok' }));
    await apiRequest('/api/v1/feedback', { method: 'POST', body: { content: '你好你好你好' } }, fetchImpl);
    const init = fetchImpl.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    const headers = (init?.headers ?? {}) as Record<string, string>;
    expect(headers['Content-Type']).toBe('application/json');
    expect(init?.body).toBe(JSON.stringify({ content: '你好你好你好' }));
  });

  it('reports a network failure in Chinese', async () => {
    const fetchImpl: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = (await apiRequest('/api/v1/cities', {}, fetchImpl).catch((e) => e)) as ApiProblem;
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.code).toBe(CLIENT_CODES.network);
    expect(error.detail).toBe(NETWORK_ERROR_DETAIL);
    expect(error.detail).toBe('网络连接失败，请检查网络后重试');
    expect(error.isNetwork).toBe(true);
  });

  it('times out with an AbortController', async () => {
    const fetchImpl: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const error = (await apiRequest('/api/v1/cities', { timeoutMs: 20 }, fetchImpl).catch((e) => e)) as ApiProblem;
    expect(error.code).toBe(CLIENT_CODES.timeout);
    expect(error.detail).toBe(TIMEOUT_DETAIL);
  });

  it('passes the caller’s abort through untouched', async () => {
    const controller = new AbortController();
    const fetchImpl: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const pending = apiRequest('/api/v1/cities', { signal: controller.signal }, fetchImpl);
    controller.abort();
    const error = (await pending.catch((e: unknown) => e)) as Error;
    expect(error).not.toBeInstanceOf(ApiProblem);
    expect(error.name).toBe('AbortError');
  });

  it('explains a non-JSON error page without showing a code', async () => {
    const fetchImpl: FetchLike = async () =>
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const error = (await apiRequest('/api/v1/cities', {}, fetchImpl).catch((e) => e)) as ApiProblem;
    expect(error.status).toBe(502);
    expect(error.userMessage).toBe('系统繁忙，请稍后再试');
  });

  it('rejects an HTML answer to an API call (e.g. the SPA fallback)', async () => {
    const fetchImpl: FetchLike = async () =>
      new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    const error = (await apiRequest('/api/v1/cities', {}, fetchImpl).catch((e) => e)) as ApiProblem;
    expect(error.code).toBe(CLIENT_CODES.unexpected);
  });
});

describe('problemFromBody', () => {
  it('falls back to the title when the detail is missing', () => {
    const p = problemFromBody({ title: '操作过于频繁', status: 429, code: 'RATE_LIMITED' }, 429);
    expect(p.userMessage).toBe('操作过于频繁');
    expect(p.code).toBe('RATE_LIMITED');
  });

  it('survives a body that is not an object', () => {
    const p = problemFromBody('oops', 500);
    expect(p.status).toBe(500);
    expect(p.code).toBe('HTTP_500');
    expect(p.userMessage).not.toBe('');
  });
});

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildUrl('/api/v1/catalog/search', { q: '公积金 提取', city: '440100', limit: 20, zone: undefined })).toBe(
      '/api/v1/catalog/search?q=%E5%85%AC%E7%A7%AF%E9%87%91+%E6%8F%90%E5%8F%96&city=440100&limit=20',
    );
    expect(buildUrl('/api/v1/faq', {})).toBe('/api/v1/faq');
  });
});
