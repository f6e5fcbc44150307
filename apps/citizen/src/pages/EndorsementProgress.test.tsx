// @vitest-environment happy-dom
import type { MyEndorsements } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { allByTestId, findByTestId, json, mockFetch, renderRoute } from '../test/harness';
import { cleanup } from '../test/render';
import EndorsementProgress from './EndorsementProgress';

afterEach(cleanup);

const DATA: MyEndorsements = {
  endorsements: [
    {
      endorsementId: 'de0000b1-0000-4000-8000-000000000002',
      documentNumber: 'C32815406',
      destinationName: '澳门',
      kindName: '个人旅游',
      tripsName: '一次有效',
      stayDays: 7,
      channelName: '粤省事在线签注',
      appliedOn: '2025-12-29',
      validFrom: '2025-12-31',
      validUntil: '2026-03-30',
      feeFen: 1500,
      status: 'approved',
      statusName: '审批通过',
      steps: [
        { step: 'submitted', name: '已提交', on: '2025-12-29', state: 'done' },
        { step: 'paid', name: '已缴费', on: '2025-12-29', state: 'done' },
        { step: 'approved', name: '审批通过', on: '2025-12-31', state: 'current' },
        { step: 'mailed', name: '已寄出', on: null, state: 'pending' },
        { step: 'delivered', name: '已签收', on: null, state: 'pending' },
      ],
      updatedAt: '2025-12-31T06:00:00.000Z',
    },
  ],
  unlinkedPermits: [],
  source: { department: '广东省公安厅出入境管理局', updatedAt: '2025-12-31T06:00:00.000Z' },
};

describe('签注进度查询 (/exit-entry/endorsements)', () => {
  it('shows each endorsement with its facts and its steps, done and to come', async () => {
    const calls = mockFetch((call) => (call.url.startsWith('/api/v1/me/endorsements?') ? json(200, DATA) : undefined));
    await renderRoute(
      [{ path: '/exit-entry/endorsements', element: <EndorsementProgress /> }],
      '/exit-entry/endorsements',
    );
    const card = await findByTestId('endorsement');
    expect(card.querySelector('h2')?.textContent).toBe('澳门 个人旅游 一次有效');
    expect(card.textContent).toContain('C32815406');
    expect(card.textContent).toContain('2025-12-31 至 2026-03-30');
    expect(card.textContent).toContain('¥15.00');
    expect(allByTestId('progress-step', card).map((s) => s.getAttribute('data-state'))).toEqual([
      'done',
      'done',
      'current',
      'pending',
      'pending',
    ]);
    expect((await findByTestId('source-note')).textContent).toContain('广东省公安厅出入境管理局');
    expect(calls.some((c) => c.url === '/api/v1/me/endorsements?city=440100')).toBe(true);
    expect(document.querySelector('[data-testid="endorse-link-first"]')).toBeNull();
  });

  it('asks to link each permit whose endorsements are left out, and comes back here once linked', async () => {
    const unlinked: MyEndorsements = {
      ...DATA,
      endorsements: [],
      unlinkedPermits: [
        { type: 'hk-macao-permit', name: '往来港澳通行证' },
        { type: 'taiwan-permit', name: '往来台湾通行证' },
      ],
    };
    mockFetch((call) => (call.url.startsWith('/api/v1/me/endorsements?') ? json(200, unlinked) : undefined));
    await renderRoute(
      [{ path: '/exit-entry/endorsements', element: <EndorsementProgress /> }],
      '/exit-entry/endorsements',
    );
    const block = await findByTestId('endorse-link-first');
    expect(block.textContent).toContain('关联电子证照后查看签注进度');
    const hk = await findByTestId('endorse-link-hk-macao-permit');
    expect(hk.textContent).toBe('去关联港澳通行证');
    const href = new URL(hk.getAttribute('href') ?? '', 'http://x');
    expect(href.pathname).toBe('/wallet/add');
    expect(href.searchParams.get('type')).toBe('hk-macao-permit');
    expect(href.searchParams.get('next')).toBe('/exit-entry/endorsements');
    expect((await findByTestId('endorse-link-taiwan-permit')).textContent).toBe('去关联台湾通行证');
    // nothing to show yet is not "no endorsements"
    expect(document.body.textContent).not.toContain('暂无签注记录');
  });
});
