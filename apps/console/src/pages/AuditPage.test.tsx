import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { ConsoleAuditEntry, ConsoleAuditPage, StaffProfile } from '@yss/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SessionProvider } from '../session';
import { choose, json, mockApi, problem } from '../test/api-mock';
import { render } from '../test/render';

const auditor: StaffProfile = {
  username: 'gd.auditor',
  displayName: '周明',
  passwordChangeRequired: false,
  grants: [
    {
      role: 'auditor',
      roleName: '审计人员',
      permissions: [{ id: 'audit.read', name: '查看本部门审计日志' }],
      departmentId: 'gd-government-services-data',
      departmentName: '广东省政务服务数据管理局',
      cityCode: null,
      cityName: '全省',
    },
  ],
};
const reviewer: StaffProfile = {
  ...auditor,
  username: 'gz.police.reviewer',
  grants: [
    {
      role: 'reviewer',
      roleName: '审核人员',
      permissions: [{ id: 'application.review', name: '审核办件申请' }],
      departmentId: 'gd-public-security',
      departmentName: '广东省公安厅',
      cityCode: '440100',
      cityName: '广州',
    },
  ],
};

const entry = (seq: number, over: Partial<ConsoleAuditEntry> = {}): ConsoleAuditEntry => ({
  seq,
  at: '2026-11-27T02:00:00.000Z',
  action: 'case.read',
  result: 'success',
  actorKind: 'citizen',
  actor: '11111111…',
  subject: '11111111…',
  what: '无犯罪记录证明',
  detail: { caseNumber: '44010020261127123456' },
  ...over,
});
const pageOf = (entries: ConsoleAuditEntry[], nextBefore: number | null): ConsoleAuditPage => ({
  departmentId: 'gd-government-services-data',
  departmentName: '广东省政务服务数据管理局',
  scope: 'platform',
  entries,
  nextBefore,
});

let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  api = mockApi();
  api.on('GET', '/api/v1/staff/me', () => json(auditor));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const renderAt = (path: string) =>
  render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </MemoryRouter>,
  );
const rows = () => screen.getByTestId('audit-table').querySelectorAll('tbody tr.ant-table-row');
const auditGets = () => api.requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/console/audit');

describe('审计日志', () => {
  it('lists the entries, loads older ones with nextBefore, and filters by result and operation', async () => {
    api.on('GET', '/api/v1/console/audit', ({ url }) =>
      url.searchParams.get('before') === '101'
        ? json(pageOf([entry(100, { action: 'staff.login', actorKind: 'staff', actor: '郑伟明' })], null))
        : url.searchParams.get('result') === 'denied'
          ? json(pageOf([entry(90, { result: 'denied', action: 'access.denied.staff' })], null))
          : json(pageOf([entry(102), entry(101, { what: null })], 101)),
    );
    await renderAt('/audit');
    expect(await screen.findByRole('menuitem', { name: '审计日志' })).toBeTruthy();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByTestId('audit-scope').textContent).toContain('全平台的审计记录');

    fireEvent.click(screen.getByTestId('audit-more'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByText('郑伟明')).toBeTruthy();
    expect(screen.queryByTestId('audit-more')).toBeNull();
    expect(auditGets().at(-1)?.url.searchParams.get('before')).toBe('101');

    await choose('filter-result', '拒绝');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(rows()[0] as HTMLElement).getByText('access.denied.staff')).toBeTruthy();
    expect(auditGets().at(-1)?.url.searchParams.get('result')).toBe('denied');

    fireEvent.change(screen.getByTestId('filter-action'), { target: { value: 'case.' } });
    fireEvent.keyDown(screen.getByTestId('filter-action'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(auditGets().at(-1)?.url.searchParams.get('action')).toBe('case.'));
  });

  it('checks the chain and says plainly when it is broken', async () => {
    api.on('GET', '/api/v1/console/audit', () => json(pageOf([entry(7)], null)));
    api.on('POST', '/api/v1/console/audit/chain-check', () =>
      json({ intact: false, firstBrokenSeq: 7, checkedEntries: 7, checkedAt: '2026-11-27T02:00:00.000Z' }),
    );
    await renderAt('/audit');
    fireEvent.click(await screen.findByTestId('audit-chain-check'));
    expect((await screen.findByTestId('audit-chain-result')).textContent).toContain('第 7 条记录与前一条的哈希不符');
  });

  it('shows the server’s words when it refuses', async () => {
    api.on('GET', '/api/v1/console/audit', () =>
      problem(
        403,
        'FORBIDDEN',
        '无权访问',
        '审计日志按部门查看，需要全省范围的审计权限。如需开通，请联系本部门管理员。',
      ),
    );
    await renderAt('/audit');
    expect((await screen.findByTestId('audit-error')).textContent).toContain('需要全省范围的审计权限');
  });

  it('has no menu entry and a 403 in words for staff without audit.read', async () => {
    api.on('GET', '/api/v1/staff/me', () => json(reviewer));
    await renderAt('/audit');
    expect(await screen.findByText('您没有查看审计日志的权限')).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '审计日志' })).toBeNull();
  });
});
