// @vitest-environment happy-dom
import type { VerifierProfile } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { findByTestId, json, mockFetch, renderRoute } from '../../test/harness';
import { cleanup } from '../../test/render';
import Verify from '../Verify';

const routes = [{ path: '/verify', element: <Verify /> }];

const hotelClerk = (starRating: number | null): VerifierProfile => ({
  displayName: '何*',
  organisation: {
    id: 'org-inn',
    name: '广州东风宾馆',
    kind: 'hotel',
    kindName: '酒店',
    cityCode: '440100',
    cityName: '广州',
    purpose: { id: 'hotel', name: '酒店入住' },
    starRating,
  },
});

afterEach(cleanup);

describe('证照核验 at a hotel: the e-ID is for hotels of three stars and above (the guide)', () => {
  it('a two-star hotel’s clerk is told beforehand to check the ID card, and that passports still scan', async () => {
    mockFetch((call) => (call.url === '/api/v1/verifier/me' ? json(200, hotelClerk(2)) : undefined));
    await renderRoute(routes, '/verify');
    const notice = await findByTestId('verifier-e-id-not-here');
    expect((await findByTestId('verifier-org')).textContent).toContain('广州东风宾馆（二星级酒店·广州）');
    expect(notice.textContent).toContain('本店暂不适用：请查验旅客的居民身份证原件');
    expect(notice.textContent).toContain('护照等其他证照仍可扫码核验');
  });

  it('a four-star hotel’s clerk is not', async () => {
    mockFetch((call) => (call.url === '/api/v1/verifier/me' ? json(200, hotelClerk(4)) : undefined));
    await renderRoute(routes, '/verify');
    await findByTestId('verifier-org');
    expect(document.querySelector('[data-testid="verifier-e-id-not-here"]')).toBeNull();
  });
});
