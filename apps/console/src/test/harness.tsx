import { fireEvent, screen, waitFor } from '@testing-library/dom';
import type { StaffProfile } from '@yss/contracts';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { App } from '../App';
import { SessionProvider } from '../session';
import { render } from './render';

// ---- a mocked API: each test sets what the routes answer; every request is recorded ----

type Handler = (init: { method: string; url: URL; body: unknown }) => Response | Promise<Response>;
export const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
export const problem = (status: number, code: string, title: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', code, title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** Every request since mockApi() (or forgetRequests()): method, URL, parsed JSON body. */
export const requests: { method: string; url: URL; body: unknown }[] = [];
const handlers: { match: (method: string, path: string) => boolean; handle: Handler }[] = [];

/** Answer `method path` (a path or a pattern of the pathname) so; the latest registration wins. */
export function on(method: string, path: string | RegExp, handle: Handler) {
  handlers.unshift({
    match: (m, p) => m === method && (typeof path === 'string' ? p === path : path.test(p)),
    handle,
  });
}

export const forgetRequests = () => {
  requests.length = 0;
};

/**
 * Replace fetch (for a beforeEach): no routes, no requests yet; the staff member `signedIn` is the answer of
 * GET /api/v1/staff/me (the session). A request no route answers fails the test.
 */
export function mockApi(signedIn: StaffProfile) {
  forgetRequests();
  handlers.length = 0;
  on('GET', '/api/v1/staff/me', () => json(signedIn));
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
}

/** The whole console (menu, session, routes) at `path`. */
export const renderAt = (path: string) =>
  render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </MemoryRouter>,
  );

/** Opens an antd Select (by its data-testid) and picks the option with this text. */
export async function choose(testId: string, option: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') as Element);
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find(
      (el) => el.getAttribute('title') === option,
    );
    if (!found) throw new Error(`option ${option} not shown`);
    return found;
  });
  fireEvent.click(item);
}

/**
 * The open antd dialog with this title. (By title text, not by accessible name: under NODE_ENV=test rc-util's
 * useId gives every dialog the id "test-id", so aria-labelledby cannot tell the drawer and the modal apart.)
 */
export function dialogTitled(title: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-modal[role="dialog"]')].find(
      (d) => d.querySelector('.ant-modal-title')?.textContent === title,
    );
    if (!found) throw new Error(`no dialog titled ${title}`);
    return found;
  });
}
