import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, TIMEOUT_DETAIL } from './api';

/** A fetch that answers only when told, and gives up (AbortError) when its signal aborts, as browsers do. */
function hangingFetch() {
  const calls: RequestInit[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          calls.push(init);
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    ),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('api (the console’s requests)', () => {
  it('ends a request the server never answers with TIMEOUT and a Chinese sentence, not a spinner for ever', async () => {
    hangingFetch();
    const err = await api('POST', '/api/v1/console/x', { a: 1 }, undefined, 50).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 0, code: 'TIMEOUT', detail: TIMEOUT_DETAIL });
  });

  it('a request the page aborts is not a timeout', async () => {
    hangingFetch();
    const page = new AbortController();
    const pending = api('GET', '/api/v1/console/x', undefined, page.signal, 60_000).catch((e: unknown) => e);
    page.abort();
    expect(await pending).toMatchObject({ code: 'NETWORK' });
  });

  it('answers in time are the JSON, and problems their code and detail', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/ok')
          ? new Response(JSON.stringify({ n: 1 }), { status: 200 })
          : new Response(JSON.stringify({ code: 'SLOT_NOT_FOUND', detail: '号源不存在' }), { status: 404 }),
      ),
    );
    expect(await api('GET', '/api/v1/console/ok', undefined, undefined, 50)).toEqual({ n: 1 });
    await expect(api('GET', '/api/v1/console/missing')).rejects.toMatchObject({
      status: 404,
      code: 'SLOT_NOT_FOUND',
      detail: '号源不存在',
    });
  });
});
