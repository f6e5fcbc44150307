import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { ConsoleWorkCalendarEntry, StaffProfile } from '@yss/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SessionProvider } from '../session';
import { choose, dialogTitled, json, mockApi, problem } from '../test/api-mock';
import { render } from '../test/render';

const editorGrant = (departmentId: string, departmentName: string, cityCode: string | null, cityName: string) => ({
  role: 'catalog_editor',
  roleName: '事项管理员',
  permissions: [{ id: 'catalog.edit', name: '编辑本市服务事项' }],
  departmentId,
  departmentName,
  cityCode,
  cityName,
});
const operator = {
  username: 'gd.calendar.editor',
  displayName: '黄丽萍',
  passwordChangeRequired: false,
  grants: [editorGrant('gd-government-services-data', '广东省政务服务数据管理局', null, '全省')],
} as StaffProfile;
const cityEditor = {
  username: 'fs.edu.editor',
  displayName: '何嘉怡',
  passwordChangeRequired: false,
  grants: [editorGrant('foshan-education', '佛山市教育局', '440600', '佛山')],
} as StaffProfile;

const day = (over: Partial<ConsoleWorkCalendarEntry>): ConsoleWorkCalendarEntry => ({
  date: '2026-10-01',
  kind: 'holiday',
  holidayName: '国庆节',
  statutory: true,
  note: null,
  source: 'notice',
  updatedBy: null,
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});
const entries = [
  day({ date: '2026-09-20', kind: 'makeup-workday', statutory: false }),
  day({}),
  day({ date: '2026-10-05', statutory: false }),
];
const NOTICE = {
  title: '国务院办公厅关于2026年部分节假日安排的通知',
  issuedOn: '2025-11-04',
  url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
};

let api: ReturnType<typeof mockApi>;
const answerYears = () =>
  api.on('GET', '/api/v1/console/work-calendar', ({ url }) => {
    const year = Number(url.searchParams.get('year'));
    return json(
      year === 2026
        ? { year, entries, notice: NOTICE, provisional: false }
        : { year, entries: [], notice: null, provisional: false },
    );
  });
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T02:00:00Z') });
  api = mockApi();
  api.on('GET', '/api/v1/staff/me', () => json(operator));
  answerYears();
});
afterEach(() => {
  vi.useRealTimers();
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
const rowOf = (date: string) => document.querySelector<HTMLElement>(`[data-date="${date}"]`) as HTMLElement;

describe('工作日历', () => {
  it('lists the year’s holidays and 调休上班 days with the notice; the operator adds a day after the checks', async () => {
    await renderAt('/work-calendar');
    expect(await screen.findByRole('menuitem', { name: '工作日历' })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('calendar-row')).toHaveLength(3));
    expect(screen.getByTestId('calendar-notice').textContent).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    expect(screen.getByTestId('calendar-summary').textContent).toBe(
      '2026年：节假日2天（其中法定节假日1天），调休上班1天',
    );
    expect(rowOf('2026-09-20').textContent).toContain('2026-09-20（周日）');
    expect(rowOf('2026-09-20').textContent).toContain('国庆节调休上班');
    expect(rowOf('2026-10-01').textContent).toContain('法定节假日');
    expect(rowOf('2026-10-05').textContent).not.toContain('法定节假日');

    fireEvent.click(screen.getByTestId('calendar-add'));
    const dialog = await dialogTitled('添加日期');
    fireEvent.click(within(dialog).getByTestId('calendar-save'));
    expect(await within(dialog).findByText('请按YYYY-MM-DD填写日期，例如2027-01-01')).toBeTruthy();
    expect(await within(dialog).findByText('请选择节日名称')).toBeTruthy();
    expect(api.writes()).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('calendar-date'), { target: { value: '2027-01-01' } });
    await choose('calendar-holiday', '元旦');
    fireEvent.click(within(dialog).getByTestId('calendar-statutory'));
    api.on('PUT', '/api/v1/console/work-calendar/2027-01-01', () =>
      problem(403, 'FORBIDDEN', '无权访问', '工作日历由省政务服务数据管理局的全省事项管理员维护，您没有修改权限。'),
    );
    fireEvent.click(within(dialog).getByTestId('calendar-save'));
    expect((await within(dialog).findByTestId('calendar-form-error')).textContent).toContain('您没有修改权限');
    expect(api.writes()[0]?.body).toEqual({ kind: 'holiday', holidayName: '元旦', statutory: true, note: null });

    api.on('PUT', '/api/v1/console/work-calendar/2027-01-01', () =>
      json(day({ date: '2027-01-01', holidayName: '元旦', source: 'operator', updatedBy: '黄丽萍' })),
    );
    fireEvent.click(within(dialog).getByTestId('calendar-save'));
    await waitFor(() => expect(document.querySelector('.ant-modal[role="dialog"]')).toBeNull());
    expect(await screen.findByText('已保存：2027-01-01 元旦节假日')).toBeTruthy();
    // the page moved to the year of the day saved: no notice for 2027 yet
    expect(await screen.findByTestId('calendar-no-notice')).toBeTruthy();
  });

  it('changes a day to 调休上班 and deletes one after confirming', async () => {
    api.on('PUT', '/api/v1/console/work-calendar/2026-10-05', () =>
      problem(400, 'WORK_CALENDAR_INVALID', '工作日历设置有误', '2026-10-05是周一，本来就是工作日，不能设为调休上班。'),
    );
    api.on('DELETE', '/api/v1/console/work-calendar/2026-10-05', () => new Response(null, { status: 204 }));
    await renderAt('/work-calendar');
    await waitFor(() => expect(screen.getAllByTestId('calendar-row')).toHaveLength(3));
    fireEvent.click(within(rowOf('2026-10-05')).getByTestId('calendar-edit'));
    const dialog = await dialogTitled('修改2026-10-05的安排');
    await choose('calendar-kind', '调休上班（周六或周日上班）');
    expect(within(dialog).queryByTestId('calendar-statutory')).toBeNull();
    fireEvent.click(within(dialog).getByTestId('calendar-save'));
    expect((await within(dialog).findByTestId('calendar-form-error')).textContent).toContain('本来就是工作日');
    expect(api.writes()[0]?.body).toEqual({
      kind: 'makeup-workday',
      holidayName: '国庆节',
      statutory: false,
      note: null,
    });
    fireEvent.click(dialog.querySelector('.ant-modal-close') as HTMLElement);
    await waitFor(() => expect(document.querySelector('.ant-modal[role="dialog"]')).toBeNull());

    fireEvent.click(within(rowOf('2026-10-05')).getByTestId('calendar-delete'));
    expect(api.writes()).toHaveLength(1);
    fireEvent.click(await screen.findByTestId('calendar-delete-confirm'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]?.method).toBe('DELETE');
  });

  it('says when a year is only the law’s provisional days, awaiting its notice', async () => {
    api.on('GET', '/api/v1/console/work-calendar', ({ url }) => {
      const year = Number(url.searchParams.get('year'));
      const provisional = year === 2027;
      const days = provisional
        ? [
            day({
              date: '2027-10-01',
              note: '暂定：依《全国年节及纪念日放假办法》的法定节假日，放假调休以国务院办公厅通知为准',
            }),
          ]
        : entries;
      return json({ year, entries: days, notice: provisional ? null : NOTICE, provisional });
    });
    await renderAt('/work-calendar');
    expect(await screen.findByTestId('calendar-notice')).toBeTruthy();
    expect(within(rowOf('2026-10-01')).getByText('国务院通知')).toBeTruthy();
    await choose('calendar-year', '2027年');
    const alert = await screen.findByTestId('calendar-provisional');
    expect(alert.textContent).toContain('平台尚未收录2027年的放假安排通知');
    expect(alert.textContent).toContain('暂定13天法定节假日');
    expect(screen.queryByTestId('calendar-no-notice')).toBeNull();
    expect(within(rowOf('2027-10-01')).getByText(/暂定：/)).toBeTruthy();
    expect(within(rowOf('2027-10-01')).getByText('依法暂定')).toBeTruthy();
    expect(within(rowOf('2027-10-01')).queryByText('国务院通知')).toBeNull();
  });

  it('is read-only for a city’s 事项管理员 (the operator’s province-wide ones change it)', async () => {
    api.on('GET', '/api/v1/staff/me', () => json(cityEditor));
    await renderAt('/work-calendar');
    await waitFor(() => expect(screen.getAllByTestId('calendar-row')).toHaveLength(3));
    expect(screen.getByTestId('calendar-read-only')).toBeTruthy();
    expect(screen.queryByTestId('calendar-add')).toBeNull();
    expect(screen.queryByTestId('calendar-edit')).toBeNull();
  });
});
