import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { BackupRun, StaffProfile } from '@yss/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SessionProvider } from '../session';
import { json, mockApi, problem } from '../test/api-mock';
import { render } from '../test/render';

const PLATFORM = { departmentId: 'gd-government-services-data', departmentName: '广东省政务服务数据管理局' };
const operator = {
  username: 'gd.platform.ops',
  displayName: '陈志远',
  passwordChangeRequired: false,
  grants: [
    {
      role: 'platform_operator',
      roleName: '平台运维人员',
      permissions: [{ id: 'platform.backup', name: '管理数据备份（立即备份、校验）' }],
      ...PLATFORM,
      cityCode: null,
      cityName: '全省',
    },
  ],
} as StaffProfile;
const auditor = {
  username: 'gd.auditor',
  displayName: '周明',
  passwordChangeRequired: false,
  grants: [
    {
      role: 'auditor',
      roleName: '审计人员',
      permissions: [{ id: 'audit.read', name: '查看本部门审计日志' }],
      ...PLATFORM,
      cityCode: null,
      cityName: '全省',
    },
  ],
} as StaffProfile;

const run = (over: Partial<BackupRun>): BackupRun => ({
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'backup',
  trigger: 'schedule',
  triggeredBy: null,
  status: 'succeeded',
  fileName: 'yss-20261127T190000Z-11111111.yssbak',
  startedAt: '2026-11-27T19:00:00.000Z',
  finishedAt: '2026-11-27T19:00:20.000Z',
  bytes: 1_951_663,
  tables: 138,
  rows: 57_717,
  error: null,
  verifiedAt: null,
  verifyResult: null,
  pruned: false,
  ...over,
});

let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  api = mockApi();
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

describe('数据备份', () => {
  it('lists backups in Beijing time; 立即备份 follows the running backup to its end; 校验 shows the result', async () => {
    api.on('GET', '/api/v1/staff/me', () => json(operator));
    let runs = [
      run({}),
      run({
        id: '22222222-2222-4222-8222-222222222222',
        pruned: true,
        fileName: 'old.yssbak',
        startedAt: '2026-11-20T19:00:00.000Z',
      }),
    ];
    api.on('GET', '/api/v1/console/backups', () => json({ engine: 'pglite', scheduleHours: 24, keep: 7, runs }));
    await renderAt('/backups');
    expect(await screen.findByRole('menuitem', { name: '数据备份' })).toBeTruthy();
    expect((await screen.findByTestId('backup-schedule')).textContent).toContain(
      '每 24 小时自动备份一次，保留最近 7 份',
    );
    const table = await screen.findByTestId('backup-runs');
    await waitFor(() => expect(table.textContent).toContain('2026-11-28 03:00:00'));
    expect(table.textContent).toContain('2026-11-21 03:00:00');
    expect(table.textContent).toContain('1.9 MB');
    expect(table.textContent).toContain('138 / 57,717');
    expect(table.textContent).toContain('已按保留规则清理');

    // 立即备份: the server answers with a running backup; the page polls until it has finished.
    const started = run({
      id: '33333333-3333-4333-8333-333333333333',
      trigger: 'console',
      triggeredBy: '陈志远',
      status: 'running',
      fileName: 'yss-20261128T030000Z-33333333.yssbak',
      startedAt: '2026-11-28T03:00:00.000Z',
      bytes: null,
      tables: null,
      rows: null,
    });
    api.on('POST', '/api/v1/console/backups', () => {
      runs = [started, ...runs];
      return json(started, 202);
    });
    fireEvent.click(screen.getByTestId('backup-now'));
    expect(await screen.findByText('已开始备份，完成后列表会自动更新')).toBeTruthy();
    expect(await within(table).findByText('进行中')).toBeTruthy();
    expect(screen.getByTestId('backup-now').textContent).toContain('正在备份');
    runs = [{ ...started, status: 'succeeded', bytes: 2_000_000, tables: 138, rows: 57_800 }, ...runs.slice(1)];
    await waitFor(() => expect(within(table).queryByText('进行中')).toBeNull(), { timeout: 5000 });
    expect(table.textContent).toContain('备份·控制台（陈志远）');

    api.on('POST', '/api/v1/console/backups/11111111-1111-4111-8111-111111111111/verify', () =>
      json(run({ verifyResult: 'damaged', verifiedAt: '2026-11-28T03:05:00.000Z' })),
    );
    fireEvent.click(screen.getByRole('button', { name: '校验 yss-20261127T190000Z-11111111.yssbak' }));
    expect(await within(table).findByText('文件损坏')).toBeTruthy();
    expect(await screen.findByText('yss-20261127T190000Z-11111111.yssbak：文件损坏')).toBeTruthy();

    api.on('POST', '/api/v1/console/backups', () =>
      problem(403, 'FORBIDDEN', '无权访问', '您没有权限执行此操作。如需开通，请联系本部门管理员。'),
    );
    fireEvent.click(screen.getByTestId('backup-now'));
    expect(await screen.findByText('您没有权限执行此操作。如需开通，请联系本部门管理员。')).toBeTruthy();
  }, 20_000);

  it('others see no menu entry, and the page says whom to ask', async () => {
    api.on('GET', '/api/v1/staff/me', () => json(auditor));
    await renderAt('/backups');
    expect(await screen.findByText('您没有管理数据备份的权限')).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '数据备份' })).toBeNull();
    expect(api.requests.some((r) => r.url.pathname === '/api/v1/console/backups')).toBe(false);
  });
});
