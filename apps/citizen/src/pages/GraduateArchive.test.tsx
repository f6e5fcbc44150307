// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { GraduateArchive as Answer } from '../api/records';
import { byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, waitFor } from '../test/render';
import GraduateArchive from './GraduateArchive';

const routes = [{ path: '/lookups/graduate-archive', element: <GraduateArchive /> }];
afterEach(cleanup);

const SOURCE = { department: '广东省高校毕业生就业指导中心', updatedAt: '2010-07-20T00:00:00+08:00' };
const COVERAGE = '目前支持2006-2016届办理过暂缓就业的本省本专科及研究生查询，后续将陆续覆盖支持2019届应届生。';

const FOUND: Answer = {
  subject: { self: true, nameMasked: '张*' },
  archive: {
    certificateNumber: '20104401064998518',
    graduationYear: 2010,
    institution: '华南理工大学',
    major: '计算机科学与技术',
    level: 'undergraduate',
    levelName: '本科',
    destination: 'talent-market',
    destinationName: '人才市场',
    receiver: '广州市人才交流服务中心',
    address: '广州市天河区天河北路',
    sentOn: '2010-07-16',
    method: 'confidential-mail',
    methodName: '机要寄送',
    trackingNumber: 'JY2010071600123',
    receivedOn: '2010-07-20',
  },
  coverage: COVERAGE,
  source: SOURCE,
};

const archiveAnswers = (reply: () => ReturnType<typeof json>) =>
  mockFetch((call) => (call.url.startsWith('/api/v1/lookups/graduate/archive') ? reply() : undefined));

describe('毕业生档案去向查询', () => {
  it('a record but no 报到证 in 我的证照: the guide’s order — link it first, then come back here', async () => {
    archiveAnswers(() =>
      problem(
        409,
        'GRADUATE_REPORT_CARD_REQUIRED',
        '请先关联就业报到证',
        '查询毕业生档案去向，请先在“我的证照”关联高校毕业生就业报到证。',
      ),
    );
    await renderRoute(routes, '/lookups/graduate-archive');
    const state = await findByTestId('archive-link-first');
    expect(state.textContent).toContain('请先关联高校毕业生就业报到证');
    expect(state.textContent).toContain('接收单位、寄出日期、寄出方式和寄出信息');
    const link = byTestId('archive-link-card');
    expect(link.textContent).toBe('去关联报到证');
    const href = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/wallet/add');
    expect(href.searchParams.get('type')).toBe('graduate-report-card');
    expect(href.searchParams.get('next')).toBe('/lookups/graduate-archive');
    expect(document.querySelector('[data-testid="archive-whereabouts"]')).toBeNull();
  });

  it('after linking: receiving unit, date sent, method and tracking, with the coverage sentence under it', async () => {
    archiveAnswers(() => json(200, FOUND));
    await renderRoute(routes, '/lookups/graduate-archive');
    expect((await findByTestId('archive-receiver')).textContent).toBe('档案已寄往 广州市人才交流服务中心');
    const facts = byTestId('archive-facts').textContent ?? '';
    expect(facts).toContain('2010-07-16');
    expect(facts).toContain('机要寄送');
    expect(facts).toContain('JY2010071600123');
    expect(byTestId('archive-graduate').textContent).toContain('2010届');
    expect(document.body.textContent).toContain(COVERAGE);
    expect(document.querySelector('[data-testid="archive-link-first"]')).toBeNull();
  });

  it('no record: the guide’s coverage sentence, and no detour through 我的证照', async () => {
    archiveAnswers(() => json(200, { ...FOUND, archive: null, source: { ...SOURCE, updatedAt: null } }));
    await renderRoute(routes, '/lookups/graduate-archive');
    const empty = await findByTestId('archive-empty');
    expect(empty.textContent).toContain('暂无档案去向记录');
    expect(empty.textContent).toContain('2006-2016届');
    expect(document.querySelector('[data-testid="archive-link-card"]')).toBeNull();
  });

  it('any other refusal is shown in the server’s words with a retry', async () => {
    archiveAnswers(() =>
      problem(503, 'DEPARTMENT_UNAVAILABLE', '该服务暂时无法使用', '该服务暂时无法使用，请稍后再试。'),
    );
    await renderRoute(routes, '/lookups/graduate-archive');
    const alert = await waitFor(() => {
      const el = document.querySelector('[role="alert"]');
      if (!el) throw new Error('no alert yet');
      return el;
    });
    expect(alert.textContent).toContain('该服务暂时无法使用，请稍后再试。');
    expect(document.querySelector('[data-testid="archive-link-card"]')).toBeNull();
  });
});
