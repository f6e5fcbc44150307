import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { vi } from 'vitest';

/** A mocked platform API for page tests: each test sets what the routes answer; every request is recorded. */
type Handler = (init: { method: string; url: URL; body: unknown }) => Response | Promise<Response>;

export const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
export const problem = (status: number, code: string, title: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', code, title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export function mockApi() {
  const requests: { method: string; url: URL; body: unknown }[] = [];
  const handlers: { match: (method: string, path: string) => boolean; handle: Handler }[] = [];
  const on = (method: string, path: string | RegExp, handle: Handler) => {
    handlers.unshift({
      match: (m, p) => m === method && (typeof path === 'string' ? p === path : path.test(p)),
      handle,
    });
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://console.test');
      const method = init.method ?? 'GET';
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      requests.push({ method, url, body });
      const handler = handlers.find((h) => h.match(method, url.pathname));
      if (!handler) throw new Error(`unexpected request ${method} ${url}`);
      return handler.handle({ method, url, body });
    }),
  );
  return { requests, on, writes: () => requests.filter((r) => r.method !== 'GET') };
}

/** The open antd dialog with this title. */
export function dialogTitled(title: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-modal[role="dialog"]')].find(
      (d) => d.querySelector('.ant-modal-title')?.textContent === title,
    );
    if (!found) throw new Error(`no dialog titled ${title}`);
    return found;
  });
}

/** Opens an antd Select (by its data-testid) and picks the option with this text. */
export async function choose(testId: string, option: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find(
      (el) => el.getAttribute('title') === option,
    );
    if (!found) throw new Error(`option ${option} not shown`);
    return found;
  });
  fireEvent.click(item);
}
