// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest';
import { findByTestId, mockFetch, renderRoute } from '../test/harness';
import { cleanup } from '../test/render';
import Me from './Me';

afterEach(cleanup);

it('个人中心 has the 我的办件 entry', async () => {
  mockFetch(() => undefined);
  await renderRoute([{ path: '/me', element: <Me /> }], '/me');
  const entry = await findByTestId('cases-entry');
  expect(entry.getAttribute('href')).toBe('/cases');
  expect(entry.textContent).toContain('我的办件');
});
