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

it('个人中心 has the 我的预约 entry beside 我的办件', async () => {
  mockFetch(() => undefined);
  await renderRoute([{ path: '/me', element: <Me /> }], '/me');
  const entry = await findByTestId('appointments-entry');
  expect(entry.getAttribute('href')).toBe('/appointments');
  expect(entry.textContent).toContain('我的预约');
  // right after 我的办件, before 家庭成员
  const follows = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  expect(follows(await findByTestId('cases-entry'), entry)).toBe(true);
  expect(follows(entry, await findByTestId('family-entry'))).toBe(true);
});
