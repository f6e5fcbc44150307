// @vitest-environment happy-dom
import type { VerificationLogEntry } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, flush, waitFor } from '../test/render';
import WalletVerifications, { CertificateVerifications } from './WalletVerifications';

const LINK = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const routes = [
  { path: '/wallet/:id', element: <CertificateVerifications id={LINK} /> },
  { path: '/wallet/verifications', element: <WalletVerifications /> },
];
const LOG_URL = '/api/v1/me/wallet/verifications';

const ORGS = [
  { name: '广州白云宾馆', kindName: '酒店', cityName: '广州', purpose: { id: 'hotel', name: '酒店入住' } },
  { name: '深圳市公安局福田分局', kindName: '公安机关', cityName: '深圳', purpose: { id: 'police', name: '民警核查' } },
  { name: '广州市天河客运站', kindName: '客运站', cityName: '广州', purpose: { id: 'coach-station', name: '乘车' } },
  { name: '佛山某科技有限公司', kindName: '用人单位', cityName: '佛山', purpose: { id: 'employer', name: '入职' } },
];
const entry = (i: number): VerificationLogEntry => {
  const o = ORGS[i % ORGS.length] as (typeof ORGS)[number];
  return {
    id: `v${i}`,
    checkedAt: `2026-11-2${7 - i}T0${i}:30:00.000Z`,
    offline: false,
    certificate: { id: `c${i}`, type: 'resident-id', typeName: '居民身份电子凭证' },
    organisation: { name: o.name, kindName: o.kindName, cityName: o.cityName },
    purpose: o.purpose,
    verdict: 'valid',
    verdictName: '有效',
  };
};
const log = (verifications: VerificationLogEntry[]) => ({
  subject: { self: true, nameMasked: '张*' },
  verifications,
  source: { department: '粤省事 我的证照', updatedAt: '2026-11-28T00:00:00.000Z' },
});

describe('证照详情 → 核验记录 (CertificateVerifications)', () => {
  afterEach(cleanup);

  it('shows the certificate’s latest three (who, why, when) and 查看全部 to the full page filtered to it', async () => {
    const four = [0, 1, 2, 3].map(entry);
    const calls = mockFetch((call) => (call.url.startsWith(LOG_URL) ? json(200, log(four)) : undefined));
    const { router } = await renderRoute(routes, `/wallet/${LINK}`);
    await waitFor(() => expect(allByTestId('certificate-verification')).toHaveLength(3));
    expect(calls.filter((c) => c.url.startsWith(LOG_URL)).map((c) => c.url)).toEqual([
      `${LOG_URL}?certificate=${LINK}`,
    ]);
    const items = allByTestId('certificate-verification');
    expect(items[0]?.textContent).toContain('广州白云宾馆');
    expect(items[0]?.textContent).toContain('酒店入住');
    expect(items[0]?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-27T00:30:00.000Z');
    expect(items[1]?.textContent).toContain('深圳市公安局福田分局');
    expect(items.map((i) => i.textContent).join()).not.toContain('佛山某科技有限公司');
    const all = byTestId('certificate-verifications-all');
    expect(all.getAttribute('href')).toBe(`/wallet/verifications?certificate=${LINK}`);
    expect(all.textContent).toBe('查看全部 (4)');

    await click(all);
    await waitFor(() => expect(allByTestId('wallet-verification')).toHaveLength(4));
    expect(router.state.location.search).toBe(`?certificate=${LINK}`);
    expect(calls.filter((c) => c.url === `${LOG_URL}?certificate=${LINK}`)).toHaveLength(2);
    expect(byTestId('wallet-verifications-filtered').textContent).toContain('仅显示该证照的核验记录');
    expect(byTestId('wallet-verifications-filtered').querySelector('a')?.getAttribute('href')).toBe(
      '/wallet/verifications',
    );
  });

  it('empty: says the certificate has not been verified, no 查看全部', async () => {
    mockFetch((call) => (call.url.startsWith(LOG_URL) ? json(200, log([])) : undefined));
    await renderRoute(routes, `/wallet/${LINK}`);
    expect((await findByTestId('certificate-verifications-empty')).textContent).toBe('该证照暂无核验记录');
    expect(allByTestId('certificate-verification')).toHaveLength(0);
    expect(allByTestId('certificate-verifications-all')).toHaveLength(0);
  });

  it('a fresh verification needed: asks with a button instead of opening the sheet by itself', async () => {
    const verified = false;
    mockFetch((call) => {
      if (!call.url.startsWith(LOG_URL)) return undefined;
      return verified
        ? json(200, log([entry(0)]))
        : problem(403, 'VERIFICATION_REQUIRED', '需要验证身份', '为保护您的个人信息，请先完成身份验证');
    });
    await renderRoute(routes, `/wallet/${LINK}`);
    const locked = await findByTestId('certificate-verifications-locked');
    await flush();
    expect(allByTestId('verify-prompt')).toHaveLength(0);
    expect(locked.textContent).toContain('查看前需验证本人身份');
    await click(locked.querySelector('button') as Element);
    expect((await findByTestId('verify-prompt')).textContent).toContain('为保护您的个人信息，请先完成身份验证');
  });

  it('another error (not one of 我的证照 any more): the server’s words and 重试', async () => {
    let n = 0;
    mockFetch((call) => {
      if (!call.url.startsWith(LOG_URL)) return undefined;
      n += 1;
      return n === 1
        ? problem(404, 'WALLET_LINK_NOT_FOUND', '找不到该证照', '找不到该证照，请返回我的证照重新查看。')
        : json(200, log([entry(1)]));
    });
    await renderRoute(routes, `/wallet/${LINK}`);
    const error = await findByTestId('certificate-verifications-error');
    expect(error.textContent).toContain('核验记录暂时无法加载：找不到该证照，请返回我的证照重新查看。');
    await click(error.querySelector('button') as Element);
    await waitFor(() => expect(allByTestId('certificate-verification')).toHaveLength(1));
  });
});
