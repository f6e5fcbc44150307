// @vitest-environment happy-dom
import { LABOUR_DISPUTE_GUIDE, LEGAL_CONSULT_ROOT, LEGAL_CONSULT_TREE } from '@yss/contracts';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Interruption } from '../api/legal';
import { allByTestId, byTestId, type Call, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, waitFor } from '../test/render';
import GasOutages from './GasOutages';
import GasPrices from './GasPrices';
import LabourDisputeGuide from './LabourDisputeGuide';
import LegalConsult from './LegalConsult';
import PowerNotices from './PowerNotices';

afterEach(cleanup);

const routes = [
  { path: '/tools/legal-consult', element: <LegalConsult /> },
  { path: '/tools/labour-dispute-guide', element: <LabourDisputeGuide /> },
  { path: '/tools/overtime-pay', element: <p data-testid="calculator-page">calculator</p> },
  { path: '/services/:id', element: <p data-testid="service-page">service</p> },
  { path: '/utilities/gas/outages', element: <GasOutages /> },
  { path: '/utilities/gas/prices', element: <GasPrices /> },
  { path: '/lookups/utilities/power/outages', element: <PowerNotices /> },
];
const button = (text: string) => {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (!b) throw new Error(`no button ${text}`);
  return b;
};
const path = (c: Call) => c.url.split('?')[0];
const query = (c: Call) => new URLSearchParams(c.url.split('?')[1] ?? '');
const SOURCE = { department: '广州燃气集团有限公司', updatedAt: '2026-03-18T04:00:00.000Z' };
const outage = (over: Partial<Interruption> = {}): Interruption => ({
  id: 'TQ202603190001',
  district: '天河区',
  area: '天河区中山路12号至60号一带',
  reason: '燃气管道碰口施工',
  startsAt: '2026-03-19T09:00:00+08:00',
  endsAt: '2026-03-19T13:00:00+08:00',
  status: 'planned',
  statusName: '计划停气',
  ...over,
});

describe('进入问诊 (/tools/legal-consult)', () => {
  it('every option of the question tree leads to a node, and every branch ends in an answer with its basis', () => {
    const seen = new Set<string>();
    const walk = (id: string) => {
      const node = LEGAL_CONSULT_TREE[id];
      expect(node, id).toBeDefined();
      seen.add(id);
      if (node?.answer) {
        expect(node.basis && node.answerEn?.length === node.answer.length, id).toBeTruthy();
        return;
      }
      expect(node?.options?.length, id).toBeGreaterThan(1);
      for (const o of node?.options ?? []) walk(o.next);
    };
    walk(LEGAL_CONSULT_ROOT);
    expect(seen.size).toBe(Object.keys(LEGAL_CONSULT_TREE).length);
  });

  it('asks, answers with the law, offers 聘请律师 and 法律援助申请, goes back and starts again', async () => {
    mockFetch(() => undefined);
    const { router } = await renderRoute(routes, '/tools/legal-consult');
    expect((await findByTestId('consult-question')).textContent).toBe('您想咨询哪方面的婚姻家庭问题？');
    await click(button('离婚'));
    expect(byTestId('consult-question').textContent).toBe('双方是否都同意离婚，并对子女抚养和财产分割达成一致？');
    expect(document.activeElement).toBe(byTestId('consult-question'));
    await click(button('对方不同意或谈不拢'));
    const answer = byTestId('consult-answer');
    expect(answer.textContent).toContain('《中华人民共和国民法典》第一千零七十九条');
    expect(byTestId('consult-path').textContent).toBe('离婚 › 对方不同意或谈不拢');
    expect(byTestId('consult-action-pinqing-lvshi').getAttribute('href')).toBe('/services/pinqing-lvshi');
    expect(byTestId('consult-action-falv-yuanzhu-shenqing').textContent).toBe('法律援助申请');
    await click(button('上一步'));
    expect(byTestId('consult-question').textContent).toContain('双方是否都同意离婚');
    await click(button('都同意，已协商一致'));
    expect(byTestId('consult-answer').textContent).toContain('三十日内');
    await click(button('重新问诊'));
    expect(byTestId('consult-question').textContent).toBe('您想咨询哪方面的婚姻家庭问题？');
    await click(button('家庭暴力'));
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('情况紧急，请立即拨打110报警');
    await click(byTestId('consult-action-falv-liji-zixun'));
    await findByTestId('service-page');
    expect(router.state.location.pathname).toBe('/services/falv-liji-zixun');
  });
});

describe('调解仲裁办理流程及办事须知 (/tools/labour-dispute-guide)', () => {
  it('shows the steps and notices, and links to the applications and the overtime pay calculator', async () => {
    mockFetch(() => undefined);
    const { router } = await renderRoute(routes, '/tools/labour-dispute-guide');
    await waitFor(() => byTestId('calculator-link'));
    const headings = [...document.querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).toEqual([
      ...LABOUR_DISPUTE_GUIDE.process.map((s, i) => `${i + 1}. ${s.title}`),
      ...LABOUR_DISPUTE_GUIDE.notices.map((n) => n.title),
    ]);
    const links = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(
      expect.arrayContaining(['/services/shenqing-tiaojie', '/services/shenqing-zhongcai', '/tools/overtime-pay']),
    );
    await click(byTestId('calculator-link'));
    await findByTestId('calculator-page');
    expect(router.state.location.pathname).toBe('/tools/overtime-pay');
  });
});

describe('停气查询 and 燃气价格', () => {
  it('lists the interruptions, filters by district, and shows the server’s problem', async () => {
    const calls = mockFetch((call) => {
      if (path(call) !== '/api/v1/lookups/utilities/gas/interruptions') return undefined;
      const district = query(call).get('district');
      if (district === '白云区')
        return problem(503, 'DEPARTMENT_UNAVAILABLE', '服务暂不可用', '该服务暂时无法使用，请稍后再试。');
      const list = [
        outage(),
        outage({
          id: 'TQ2',
          district: '越秀区',
          area: '越秀区人民路一带',
          status: 'finished',
          statusName: '已恢复供气',
        }),
      ];
      return json(200, {
        districts: ['越秀区', '天河区', '白云区'],
        interruptions: district ? list.filter((i) => i.district === district) : list,
        source: SOURCE,
      });
    });
    await renderRoute(routes, '/utilities/gas/outages');
    await waitFor(() => expect(allByTestId('interruption')).toHaveLength(2));
    expect(allByTestId('interruption')[0]?.textContent).toContain('2026-03-19 09:00–13:00');
    expect(allByTestId('interruption')[1]?.textContent).toContain('已恢复供气');
    expect(
      query(calls.find((c) => path(c) === '/api/v1/lookups/utilities/gas/interruptions') as Call).get('city'),
    ).toBe('440100');
    const select = byTestId<HTMLSelectElement>('district');
    await act(async () => {
      select.value = '天河区';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => expect(allByTestId('interruption')).toHaveLength(1));
    expect(calls.at(-1)?.url).toContain(`district=${encodeURIComponent('天河区')}`);
    await act(async () => {
      select.value = '白云区';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() =>
      expect(document.querySelector('[role="alert"]')?.textContent).toContain('该服务暂时无法使用，请稍后再试。'),
    );
  });

  it('shows the tiered prices', async () => {
    mockFetch((call) =>
      path(call) === '/api/v1/lookups/utilities/gas/prices'
        ? json(200, {
            company: { name: '广州燃气集团有限公司', hotline: '96833', unit: 'm³' },
            period: 'year',
            note: '',
            tiers: [
              { tier: 1, upTo: 320, unitPrice: 3.45 },
              { tier: 2, upTo: 400, unitPrice: 4.14 },
              { tier: 3, upTo: null, unitPrice: 5.18 },
            ],
            source: { department: '广州燃气集团有限公司', updatedAt: null },
          })
        : undefined,
    );
    await renderRoute(routes, '/utilities/gas/prices');
    const table = await findByTestId('price-table');
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['第1档 0–320 m³3.45', '第2档 320–400 m³4.14', '第3档 400 m³以上5.18']);
    expect(document.body.textContent).toContain('阶梯按年度用气量计算');
  });
});

describe('停电通知 (/lookups/utilities/power/outages)', () => {
  const account = {
    accountNumber: '0600123456789',
    origin: 'own',
    bindingId: null,
    companyName: '广东电网有限责任公司',
    holderNameMasked: '陈**',
    addressMasked: '广东省佛山市南海区****',
    boundAt: null,
  };
  it('shows the notices of each own account’s district', async () => {
    mockFetch((call) =>
      path(call) === '/api/v1/lookups/utilities/power/interruptions'
        ? json(200, {
            subject: { self: true, nameMasked: '陈**' },
            accounts: [
              {
                account,
                district: '南海区',
                interruptions: [
                  outage({ district: '南海区', area: '南海区人民路一带', reason: '线路检修', statusName: '计划停电' }),
                ],
              },
            ],
            source: { department: '广东电网有限责任公司', updatedAt: '2026-03-18T04:00:00.000Z' },
          })
        : undefined,
    );
    await renderRoute(routes, '/lookups/utilities/power/outages', { city: '440600' });
    const item = await findByTestId('interruption');
    expect(item.textContent).toContain('线路检修');
    expect(document.querySelector('h2')?.textContent).toBe('户号 0600123456789 · 南海区');
  });

  it('without an account: says so and offers binding; in 广州: the server’s words', async () => {
    mockFetch((call) =>
      path(call) === '/api/v1/lookups/utilities/power/interruptions'
        ? json(200, { subject: { self: true, nameMasked: '陈**' }, accounts: [], source: SOURCE })
        : undefined,
    );
    await renderRoute(routes, '/lookups/utilities/power/outages', { city: '440600' });
    await waitFor(() => expect(document.body.textContent).toContain('您名下暂无南方电网用电户'));
    await cleanup();
    mockFetch(() =>
      problem(409, 'SERVICE_NOT_IN_CITY', '当前城市暂不支持', '停电通知暂不支持广州、深圳，当前城市为广州。'),
    );
    await renderRoute(routes, '/lookups/utilities/power/outages');
    await waitFor(() => expect(document.body.textContent).toContain('停电通知暂不支持广州、深圳，当前城市为广州。'));
  });
});
