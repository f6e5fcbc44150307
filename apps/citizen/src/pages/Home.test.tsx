// @vitest-environment happy-dom
import type { CatalogEntry } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, json, mockFetch, renderRoute } from '../test/harness';
import { cleanup, waitFor } from '../test/render';
import Home from './Home';

afterEach(cleanup);

const entry = (id: string, name: string, available = true): CatalogEntry => ({
  id,
  name,
  nameEn: name,
  group: 'zhengzhao',
  zones: [],
  kind: 'certificate',
  featureIds: ['A3'],
  departmentId: 'gd-government-services-data',
  whoMayAct: 'self',
  requiresVerification: true,
  available,
  unavailableReason: available ? null : '暂不支持东莞、惠州、揭阳',
  unavailableReasonEn: available ? null : 'Not yet available in Dongguan, Huizhou or Jieyang',
});

describe('首页 我的证照 card', () => {
  it('offers as linkable only the certificates the chosen city offers; 全部 counts every type', async () => {
    const catalog = [
      entry('zz-jumin-shenfenzheng', '居民身份电子凭证'),
      entry('zz-gongjijin', '公积金', false),
      entry('zz-jiashizheng', '驾驶证'),
    ];
    const calls = mockFetch(({ url }) => (url.startsWith('/api/v1/catalog') ? json(200, catalog) : undefined));
    await renderRoute([{ path: '/', element: <Home /> }], '/', { city: '441900' });
    await waitFor(() => expect(byTestId('home-certificate-chips')).toBeTruthy());
    const chips = [...byTestId('home-certificate-chips').querySelectorAll('a')].map((a) => a.textContent);
    expect(chips).toEqual(['居民身份电子凭证', '驾驶证', '全部3种']);
    expect(calls.some((c) => c.url === '/api/v1/catalog?city=441900')).toBe(true);
  });
});
