import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { CatalogEntry, ConsoleBooking, ConsoleSlot } from '@yss/contracts';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { choose, dialogTitled, forgetRequests, json, mockApi, on, problem, renderAt, requests } from '../test/harness';
import { CIVIL_AFFAIRS, grant, HOUSING_FUND, staffProfile } from '../test/staff';

// ---- fixtures (shaped as the contract's StaffProfile, CatalogEntry, ConsoleSlot, ConsoleBooking) ----

/** 民政 in 广州 and 佛山 (补领结婚证/离婚证预约, 最低生活保障申请预约), 公积金 in 深圳. */
const slotManager = staffProfile('zhaoliu', '赵六', [
  grant('slot_manager', CIVIL_AFFAIRS, '440100', '广州'),
  grant('slot_manager', CIVIL_AFFAIRS, '440600', '佛山'),
  grant('slot_manager', HOUSING_FUND, '440300', '深圳'),
]);

const reviewer = staffProfile('lisi', '李四', [grant('reviewer', CIVIL_AFFAIRS, '440100', '广州')]);

const entry = (id: string, name: string, departmentId: string): CatalogEntry => ({
  id,
  name,
  nameEn: name,
  group: 'hunyin',
  zones: [],
  kind: 'appointment',
  featureIds: [],
  departmentId,
  whoMayAct: 'self',
  requiresVerification: true,
  available: true,
  unavailableReason: null,
  unavailableReasonEn: null,
});

const catalog: CatalogEntry[] = [
  entry('hunyin-dengji-yuyue', '婚姻登记预约', 'gd-civil-affairs'),
  entry('minzheng-weikaitong-yuyue', '未开通在线预约的民政事项', 'gd-civil-affairs'), // not in APPOINTMENT_SERVICES
  entry('gongjijin-qiantai-tiqu-yuyue', '公积金前台提取预约', 'housing-fund-centres'),
  entry('dibao-shenqing-yuyue', '最低生活保障申请预约', 'gd-civil-affairs'),
  entry('nianshen-yuyue', '年审预约', 'gd-traffic-police'), // no grant for 交警
  entry('bulin-jiehunzheng-lihunzheng-yuyue', '补领结婚证/离婚证预约', 'gd-civil-affairs'),
];

let ids = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

/** China time 09:00 on 2025-03-03 is 01:00Z. */
const instant = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();

const slot = (over: Partial<ConsoleSlot> & Pick<ConsoleSlot, 'date' | 'start' | 'end'>): ConsoleSlot => {
  const capacity = over.capacity ?? 5;
  const booked = over.booked ?? 0;
  return {
    id: uuid(),
    place: '深圳市住房公积金管理中心福田管理部',
    address: '深圳市福田区福中路某某号',
    startsAt: instant(over.date, over.start),
    endsAt: instant(over.date, over.end),
    serviceId: 'gongjijin-qiantai-tiqu-yuyue',
    cityCode: '440300',
    cancelled: false,
    ...over,
    capacity,
    booked,
    remaining: over.remaining ?? capacity - booked,
  };
};

const slotListRequests = () =>
  requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/console/slots').map((r) => r.url);
const writes = () => requests.filter((r) => r.method !== 'GET');

beforeEach(() => {
  // 2025-03-03 00:30 in China (a Monday), still 2 March in UTC: "today" must be China's date
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-02T16:30:00Z'));
  mockApi(slotManager);
  on('GET', '/api/v1/catalog', () => json(catalog));
  on('GET', '/api/v1/console/slots', () => json([]));
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Types a value into an antd picker's input (as a keyboard user does) and confirms it with Enter. */
function typeInto(input: HTMLElement, value: string) {
  fireEvent.mouseDown(input);
  act(() => input.focus());
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

/** Slots of 公积金前台提取预约 in 深圳 (the default: the first service the grants allow, its first city). */
const nine = slot({ date: '2025-03-03', start: '09:00', end: '10:00', capacity: 5, booked: 3 });
const ten = slot({ date: '2025-03-03', start: '10:00', end: '11:00', capacity: 5, booked: 5 });
const stopped = slot({ date: '2025-03-03', start: '14:00', end: '15:00', capacity: 4, booked: 0, cancelled: true });
const wednesday = slot({ date: '2025-03-05', start: '09:00', end: '10:00', capacity: 10, booked: 1 });
// out of order, as nothing promises the server's order
const listed = [wednesday, stopped, ten, nine];

const days = () => screen.getAllByTestId('slots-day');
const rowsOf = (day: HTMLElement) => within(day).getAllByTestId('slot-row');
const rowOf = (s: ConsoleSlot) => document.querySelector<HTMLElement>(`[data-slot-id="${s.id}"]`) as HTMLElement;

describe('号源管理: the menu', () => {
  it('shows 号源管理 to a 号源管理员 (slot.manage) and not 办件审核', async () => {
    await renderAt('/');
    expect(await screen.findByRole('menuitem', { name: '号源管理' })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '办件审核' })).toBeNull();
  });

  it('hides it from staff without slot.manage, and the page says so without asking for slots', async () => {
    on('GET', '/api/v1/staff/me', () => json(reviewer));
    await renderAt('/slots');
    expect(await screen.findByText('您没有管理号源的权限')).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: '办件审核' })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '号源管理' })).toBeNull();
    expect(slotListRequests()).toHaveLength(0);
  });
});

describe('号源管理: the slots by date', () => {
  it('offers the services and cities of the grants, asks for two weeks from China’s today', async () => {
    await renderAt('/slots');
    await waitFor(() => expect(slotListRequests()).toHaveLength(1));
    const first = slotListRequests()[0] as URL;
    expect(Object.fromEntries(first.searchParams)).toEqual({
      serviceId: 'gongjijin-qiantai-tiqu-yuyue',
      cityCode: '440300',
      from: '2025-03-03',
      to: '2025-03-16',
    });
    expect(screen.getByTestId('slots-filter-service').textContent).toContain('公积金前台提取预约');
    expect(screen.getByTestId('slots-filter-city').textContent).toContain('深圳');
    expect(await screen.findByText('所选日期内暂无号源，可点“发布号源”发布。')).toBeTruthy();

    // only the catalog's appointment services of 民政 and 公积金 that are in APPOINTMENT_SERVICES (not the one that is
    // not, not 年审预约: no grant for 交警)
    fireEvent.mouseDown(screen.getByTestId('slots-filter-service').querySelector('.ant-select-selector') as Element);
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBeGreaterThan(0));
    const services = [...document.querySelectorAll('.ant-select-item-option')].map((el) => el.getAttribute('title'));
    expect(services).toEqual(['公积金前台提取预约', '最低生活保障申请预约', '补领结婚证/离婚证预约', '婚姻登记预约']);

    // a 民政 service: the cities of the 民政 grants, the first chosen
    forgetRequests();
    await choose('slots-filter-service', '补领结婚证/离婚证预约');
    await waitFor(() => expect(slotListRequests()).toHaveLength(1));
    expect(slotListRequests()[0]?.searchParams.get('serviceId')).toBe('bulin-jiehunzheng-lihunzheng-yuyue');
    expect(slotListRequests()[0]?.searchParams.get('cityCode')).toBe('440100');
    fireEvent.mouseDown(screen.getByTestId('slots-filter-city').querySelector('.ant-select-selector') as Element);
    await waitFor(() => {
      const titles = [...document.querySelectorAll('.ant-select-item-option')].map((el) => el.getAttribute('title'));
      expect(titles).toContain('佛山');
    });
    const cities = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')]
      .flatMap((d) => [...d.querySelectorAll('.ant-select-item-option')])
      .map((el) => el.getAttribute('title'));
    expect(cities).toEqual(['广州', '佛山']);
  });

  it('groups the slots by date, in time order, with 已约/容量 and their state', async () => {
    on('GET', '/api/v1/console/slots', () => json(listed));
    await renderAt('/slots');
    await waitFor(() => expect(days()).toHaveLength(2));
    const [monday, wed] = days() as [HTMLElement, HTMLElement];
    expect(monday.getAttribute('data-date')).toBe('2025-03-03');
    expect(monday.querySelector('h3')?.textContent).toContain('3月3日（周一）');
    expect(rowsOf(monday).map((r) => within(r).getByTestId('slot-time').textContent)).toEqual([
      '09:00–10:00',
      '10:00–11:00',
      '14:00–15:00',
    ]);
    expect(rowsOf(monday).map((r) => within(r).getByTestId('slot-booked').textContent)).toEqual(['3/5', '5/5', '0/4']);
    expect(rowsOf(monday).map((r) => within(r).getByTestId('slot-state').textContent)).toEqual([
      '可预约',
      '已约满',
      '已停用',
    ]);
    // the day's total leaves out the stopped slot
    expect(within(monday).getByTestId('slots-day-total').textContent).toBe('2 个时段，已约 8/10');
    expect(wed.querySelector('h3')?.textContent).toContain('3月5日（周三）');
    expect(within(rowsOf(wed)[0] as HTMLElement).getByTestId('slot-booked').textContent).toBe('1/10');
    // a stopped slot can still show its bookings but not be changed
    const stoppedRow = rowOf(stopped);
    expect((within(stoppedRow).getByTestId('slot-action-capacity') as HTMLButtonElement).disabled).toBe(true);
    expect((within(stoppedRow).getByTestId('slot-action-cancel') as HTMLButtonElement).disabled).toBe(true);
    expect((within(stoppedRow).getByTestId('slot-action-bookings') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('slots-empty-days').textContent).toContain('3月4日（周二）');
    // the actions name their slot for screen readers, starting with the visible words
    expect(within(rowOf(nine)).getByTestId('slot-action-capacity').getAttribute('aria-label')).toBe(
      '修改人数（3月3日（周一） 09:00–10:00）',
    );
  });

  it('shows the problem when the list is refused', async () => {
    on('GET', '/api/v1/console/slots', () => problem(403, 'FORBIDDEN', '无权访问', '您没有管理该事项号源的权限。'));
    await renderAt('/slots');
    expect(await screen.findByText('您没有管理该事项号源的权限。')).toBeTruthy();
  });
});

describe('号源管理: 发布号源', () => {
  const openPublish = async () => {
    await renderAt('/slots');
    await waitFor(() => expect(slotListRequests()).toHaveLength(1));
    fireEvent.click(screen.getByTestId('slots-publish'));
    return screen.findByTestId('slot-publish');
  };
  const timeInputs = (drawer: HTMLElement) =>
    within(drawer)
      .getAllByTestId('slot-time-row')
      .map((row) => [...row.querySelectorAll('input')] as [HTMLInputElement, HTMLInputElement]);

  it('checks the form with the contract’s words by the fields and sends nothing', async () => {
    const drawer = await openPublish();
    expect(within(drawer).getByText('发布号源：公积金前台提取预约（深圳）')).toBeTruthy();
    fireEvent.click(within(drawer).getByTestId('slot-publish-submit'));
    expect(await within(drawer).findByText('请填写办理地点')).toBeTruthy();
    expect(within(drawer).getByText('请填写地址')).toBeTruthy();
    expect(within(drawer).getByText('请选择日期范围')).toBeTruthy();
    expect(within(drawer).getByText('请选择开始时间')).toBeTruthy();
    expect(within(drawer).getByText('请选择结束时间')).toBeTruthy();
    expect(within(drawer).getByText('请填写可预约人数')).toBeTruthy();
    expect((within(drawer).getByLabelText('办理地点') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');

    // an end before its start
    const [[start, end]] = timeInputs(drawer) as [[HTMLInputElement, HTMLInputElement]];
    typeInto(start, '10:00');
    typeInto(end, '09:00');
    fireEvent.click(within(drawer).getByTestId('slot-publish-submit'));
    expect(await within(drawer).findByText('结束时间须晚于开始时间')).toBeTruthy();
    expect(within(drawer).queryByText('请选择开始时间')).toBeNull();
    expect(writes()).toHaveLength(0);
  });

  it('sends the dates the range and weekdays expand into, HH:mm windows and the capacity; reloads the list', async () => {
    let published: unknown;
    on('POST', '/api/v1/console/slots', ({ body }) => {
      published = body;
      const b = body as { dates: string[]; times: { start: string; end: string }[] };
      return json(
        b.dates.flatMap((date) => b.times.map((t) => slot({ date, ...t }))),
        201,
      );
    });
    const drawer = await openPublish();
    fireEvent.change(within(drawer).getByLabelText('办理地点'), { target: { value: ' 福田管理部 ' } });
    fireEvent.change(within(drawer).getByLabelText('地址'), { target: { value: '深圳市福田区福中路某某号' } });
    // 周五 7 March to 周三 12 March; 工作日 by default: the weekend drops out
    typeInto(document.getElementById('slot-date-from') as HTMLElement, '2025-03-07');
    typeInto(document.getElementById('slot-date-to') as HTMLElement, '2025-03-12');
    await waitFor(() => expect(within(drawer).getAllByTestId('slot-date')).toHaveLength(4));
    // 11 March is taken out (e.g. a holiday)
    fireEvent.click(drawer.querySelector('button[aria-label="去掉3月11日（周二）"]') as HTMLElement);
    expect(
      within(drawer)
        .getAllByTestId('slot-date')
        .map((t) => t.textContent?.replace('×', '')),
    ).toEqual(['3月7日（周五）', '3月10日（周一）', '3月12日（周三）']);
    // 下午 then 上午 hourly: the windows come in time order
    fireEvent.click(within(drawer).getByText('下午每小时（14:00–17:00）'));
    fireEvent.click(within(drawer).getByText('上午每小时（09:00–12:00）'));
    await waitFor(() => expect(within(drawer).getAllByTestId('slot-time-row')).toHaveLength(6));
    fireEvent.change(within(drawer).getByLabelText('每个时段可预约人数'), { target: { value: '8' } });
    await waitFor(() =>
      expect(within(drawer).getByTestId('slot-publish-summary').textContent).toBe(
        '将发布 3 天 × 6 个时段，共 18 个号源',
      ),
    );

    forgetRequests();
    fireEvent.click(within(drawer).getByTestId('slot-publish-submit'));
    await waitFor(() => expect(published).toBeDefined());
    expect(published).toEqual({
      serviceId: 'gongjijin-qiantai-tiqu-yuyue',
      cityCode: '440300',
      place: '福田管理部',
      address: '深圳市福田区福中路某某号',
      dates: ['2025-03-07', '2025-03-10', '2025-03-12'],
      times: [
        { start: '09:00', end: '10:00' },
        { start: '10:00', end: '11:00' },
        { start: '11:00', end: '12:00' },
        { start: '14:00', end: '15:00' },
        { start: '15:00', end: '16:00' },
        { start: '16:00', end: '17:00' },
      ],
      capacity: 8,
    });
    expect(await screen.findByText('已发布 18 个号源')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('slot-publish')).toBeNull());
    await waitFor(() => expect(slotListRequests()).toHaveLength(1));
  });

  it('shows the server’s SLOT_OVERLAP detail and keeps the form', async () => {
    on('POST', '/api/v1/console/slots', () =>
      problem(409, 'SLOT_OVERLAP', '与已发布的时段重叠', '3月7日 09:00–10:00 与已发布的时段重叠，请调整后再发布。'),
    );
    const drawer = await openPublish();
    fireEvent.change(within(drawer).getByLabelText('办理地点'), { target: { value: '福田管理部' } });
    fireEvent.change(within(drawer).getByLabelText('地址'), { target: { value: '深圳市福田区福中路某某号' } });
    typeInto(document.getElementById('slot-date-from') as HTMLElement, '2025-03-07');
    typeInto(document.getElementById('slot-date-to') as HTMLElement, '2025-03-07');
    fireEvent.click(within(drawer).getByText('上午每小时（09:00–12:00）'));
    fireEvent.change(within(drawer).getByLabelText('每个时段可预约人数'), { target: { value: '5' } });
    fireEvent.click(within(drawer).getByTestId('slot-publish-submit'));
    expect((await within(drawer).findByTestId('slot-publish-error')).textContent).toContain(
      '3月7日 09:00–10:00 与已发布的时段重叠，请调整后再发布。',
    );
    expect(writes()).toHaveLength(1);
    expect(screen.getByTestId('slot-publish')).toBeTruthy();
  });

  it('shows SLOT_ON_HOLIDAY in the server’s words; 节假日照常开放 sends openOnHoliday', async () => {
    on('POST', '/api/v1/console/slots', ({ body }) =>
      (body as { openOnHoliday?: boolean }).openOnHoliday
        ? json([slot({ date: '2026-10-01', start: '09:00', end: '10:00' })], 201)
        : problem(
            409,
            'SLOT_ON_HOLIDAY',
            '该日为法定节假日，不能发布号源',
            '2026-10-01为国庆节法定节假日，不能发布号源。如该日窗口照常开放，请勾选“节假日照常开放”后再发布。',
          ),
    );
    const drawer = await openPublish();
    fireEvent.change(within(drawer).getByLabelText('办理地点'), { target: { value: '福田管理部' } });
    fireEvent.change(within(drawer).getByLabelText('地址'), { target: { value: '深圳市福田区福中路某某号' } });
    typeInto(document.getElementById('slot-date-from') as HTMLElement, '2025-03-07');
    typeInto(document.getElementById('slot-date-to') as HTMLElement, '2025-03-07');
    const [[start, end]] = timeInputs(drawer) as [[HTMLInputElement, HTMLInputElement]];
    typeInto(start, '09:00');
    typeInto(end, '10:00');
    fireEvent.change(within(drawer).getByLabelText('每个时段可预约人数'), { target: { value: '5' } });
    fireEvent.click(within(drawer).getByTestId('slot-publish-submit'));
    expect((await within(drawer).findByTestId('slot-publish-error')).textContent).toContain(
      '2026-10-01为国庆节法定节假日，不能发布号源。',
    );
    expect(writes()[0]?.body).not.toHaveProperty('openOnHoliday');
    fireEvent.click(within(drawer).getByTestId('slot-open-on-holiday'));
    fireEvent.click(within(drawer).getByTestId('slot-publish-submit'));
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1]?.body).toMatchObject({ openOnHoliday: true });
    expect(await screen.findByText('已发布 1 个号源')).toBeTruthy();
  });
});

describe('号源管理: a slot', () => {
  it('修改人数 shows the server’s words when below the booked, then saves', async () => {
    let answer = () =>
      problem(
        409,
        'SLOT_CAPACITY_BELOW_BOOKED',
        '可预约人数不能少于已预约人数',
        '该时段已有3人预约，可预约人数不能少于3。',
      );
    on('PATCH', `/api/v1/console/slots/${nine.id}`, () => answer());
    on('GET', '/api/v1/console/slots', () => json(listed));
    await renderAt('/slots');
    await waitFor(() => expect(days()).toHaveLength(2));
    fireEvent.click(within(rowOf(nine)).getByTestId('slot-action-capacity'));
    const dialog = await dialogTitled('修改可预约人数');
    expect(within(dialog).getByText(/已预约 3 人/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('可预约人数'), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByTestId('slot-capacity-confirm'));
    expect((await within(dialog).findByTestId('slot-capacity-error')).textContent).toContain(
      '该时段已有3人预约，可预约人数不能少于3。',
    );
    expect(writes()[0]?.body).toEqual({ capacity: 2 });

    answer = () => json({ ...nine, capacity: 8, remaining: 5 });
    fireEvent.change(within(dialog).getByLabelText('可预约人数'), { target: { value: '8' } });
    fireEvent.click(within(dialog).getByTestId('slot-capacity-confirm'));
    await waitFor(() => expect(within(rowOf(nine)).getByTestId('slot-booked').textContent).toBe('3/8'));
    expect(writes()[1]?.body).toEqual({ capacity: 8 });
    expect(await screen.findByText('已将可预约人数改为 8 人')).toBeTruthy();
  });

  it('停用 warns how many people are told, requires a reason and sends it', async () => {
    on('POST', `/api/v1/console/slots/${nine.id}/cancel`, () => json({ ...nine, cancelled: true }));
    on('GET', '/api/v1/console/slots', () => json(listed));
    await renderAt('/slots');
    await waitFor(() => expect(days()).toHaveLength(2));
    fireEvent.click(within(rowOf(nine)).getByTestId('slot-action-cancel'));
    const dialog = await dialogTitled('停用该时段');
    expect(within(dialog).getByTestId('slot-cancel-warning').textContent).toContain(
      '该时段已有 3 人预约。停用后，这 3 人的预约将被取消',
    );
    fireEvent.click(within(dialog).getByTestId('slot-cancel-confirm'));
    expect(await within(dialog).findByText('请填写停用原因（将通知已预约的群众）')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('停用原因'), { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByTestId('slot-cancel-confirm'));
    expect(await within(dialog).findByText('请填写停用原因（将通知已预约的群众）')).toBeTruthy();
    expect(writes()).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('停用原因'), { target: { value: ' 系统升级，当天暂停办理 ' } });
    fireEvent.click(within(dialog).getByTestId('slot-cancel-confirm'));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.url.pathname).toBe(`/api/v1/console/slots/${nine.id}/cancel`);
    expect(writes()[0]?.body).toEqual({ reason: '系统升级，当天暂停办理' });
    await waitFor(() => expect(within(rowOf(nine)).getByTestId('slot-state').textContent).toBe('已停用'));
    expect(await screen.findByText('已停用该时段，并通知 3 位预约群众')).toBeTruthy();
  });

  it('查看预约 lists the masked bookings', async () => {
    const bookings: ConsoleBooking[] = [
      {
        appointmentNumber: 'YY20250303000101',
        nameMasked: '张*',
        idNumberMasked: '4403**********1234',
        subjectLabel: null,
        visitAddressMasked: null,
        status: 'booked',
        bookedAt: '2025-03-01T02:05:00.000Z',
        checkedInAt: null,
      },
      {
        appointmentNumber: 'YY20250303000102',
        nameMasked: '欧阳**',
        idNumberMasked: '4401**********567X',
        subjectLabel: null,
        visitAddressMasked: null,
        status: 'cancelled',
        bookedAt: '2025-03-01T03:00:00.000Z',
        checkedInAt: null,
      },
    ];
    on('GET', `/api/v1/console/slots/${nine.id}/bookings`, () => json(bookings));
    on('GET', '/api/v1/console/slots', () => json(listed));
    await renderAt('/slots');
    await waitFor(() => expect(days()).toHaveLength(2));
    fireEvent.click(within(rowOf(nine)).getByTestId('slot-action-bookings'));
    const drawer = await screen.findByTestId('slot-bookings');
    await waitFor(() => expect(drawer.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(2));
    const [first, second] = [...drawer.querySelectorAll<HTMLElement>('tbody tr.ant-table-row')] as [
      HTMLElement,
      HTMLElement,
    ];
    expect(within(first).getByText('YY20250303000101')).toBeTruthy();
    expect(within(first).getByText('张*')).toBeTruthy();
    expect(within(first).getByText('4403**********1234')).toBeTruthy();
    expect(within(first).getByText('已预约')).toBeTruthy();
    // China time, whatever the test machine's zone
    expect(within(first).getByText('2025-03-01 10:05')).toBeTruthy();
    expect(within(second).getByText('欧阳**')).toBeTruthy();
    expect(within(second).getByText('已取消')).toBeTruthy();
    expect(screen.getByText(/有效预约 1 人（已签到 0 人），共 2 条记录/)).toBeTruthy();
  });
});

describe('号源管理: 上门服务 (开锁)', () => {
  const LOCKSMITH = { departmentId: 'guangzhou-public-security', departmentName: '广州市公安局' };
  const NUMBER = '20250303440100000101';

  it('lists the visit’s address masked; 查看上门信息 reads the address and phone in full for that booking only', async () => {
    mockApi(staffProfile('hezj', '何志坚', [grant('slot_manager', LOCKSMITH, '440100', '广州')]));
    on('GET', '/api/v1/catalog', () =>
      json([entry('kaisuo-bianmin-fuwu', '开锁便民服务', 'guangzhou-public-security')]),
    );
    const visitSlot = slot({
      date: '2025-03-03',
      start: '08:00',
      end: '10:00',
      serviceId: 'kaisuo-bianmin-fuwu',
      cityCode: '440100',
      place: '天河区门锁开锁上门服务',
      booked: 1,
    });
    on('GET', '/api/v1/console/slots', () => json([visitSlot]));
    on('GET', `/api/v1/console/slots/${visitSlot.id}/bookings`, () =>
      json([
        {
          appointmentNumber: NUMBER,
          nameMasked: '张*',
          idNumberMasked: '440***********031X',
          subjectLabel: null,
          visitAddressMasked: '广州市天河区****',
          status: 'booked',
          bookedAt: '2025-03-01T02:05:00.000Z',
          checkedInAt: null,
        } satisfies ConsoleBooking,
      ]),
    );
    on('GET', `/api/v1/console/slots/${visitSlot.id}/bookings/${NUMBER}/visit`, () =>
      json({ appointmentNumber: NUMBER, address: '广州市天河区天河北路233号1203房', phone: '13912345678' }),
    );
    await renderAt('/slots');
    await waitFor(() => expect(days()).toHaveLength(1));
    fireEvent.click(within(rowOf(visitSlot)).getByTestId('slot-action-bookings'));
    const drawer = await screen.findByTestId('slot-bookings');
    await waitFor(() => expect(within(drawer).getByText('广州市天河区****')).toBeTruthy());
    expect(within(drawer).getByText('上门地址')).toBeTruthy();
    const visitReads = () => requests.filter((r) => r.url.pathname.endsWith('/visit'));
    expect(visitReads()).toHaveLength(0); // nothing read in full before it is asked for
    fireEvent.click(within(drawer).getByRole('button', { name: `显示预约号${NUMBER}的上门地址和联系电话` }));
    const shown = within(drawer).getByTestId(`visit-${NUMBER}`);
    await waitFor(() => expect(shown.textContent).toContain('广州市天河区天河北路233号1203房'));
    expect(shown.textContent).toContain('联系电话 13912345678');
    expect(visitReads()).toHaveLength(1);
  });
});

describe('号源管理: 现场签到', () => {
  const checkIns = () =>
    requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/console/appointments/check-in');
  const done = {
    appointmentNumber: '20250303440300123456',
    serviceName: '公积金前台提取预约',
    place: '深圳市住房公积金管理中心福田管理部',
    date: '2025-03-03',
    start: '09:00',
    end: '10:00',
    nameMasked: '张*',
    idNumberLast4: '031X',
    subjectLabel: null,
    status: 'checked_in',
    checkedInAt: '2025-03-03T00:40:00.000Z',
    alreadyCheckedIn: false,
    message: '签到成功，签到时间08:40。',
  };

  it('a scanned 预约码 (Enter) checks in and shows the person masked to compare with the ID card; the box clears', async () => {
    on('POST', '/api/v1/console/appointments/check-in', () => json(done));
    await renderAt('/slots');
    const box = await screen.findByTestId('checkin-code');
    fireEvent.change(box, { target: { value: ' YSSA1:abc.def.ghi ' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const result = await screen.findByTestId('checkin-result');
    expect(checkIns().map((r) => r.body)).toEqual([{ code: 'YSSA1:abc.def.ghi' }]);
    expect(within(result).getByTestId('checkin-message').textContent).toContain('签到成功，签到时间08:40。');
    expect(within(result).getByTestId('checkin-name').textContent).toBe('张*');
    expect(within(result).getByTestId('checkin-id-last4').textContent).toBe('031X');
    // China time, whatever the machine's zone
    expect(within(result).getByText('2025-03-03 08:40')).toBeTruthy();
    expect((box as HTMLInputElement).value).toBe('');
    // no vehicle row for a booking that is not for a vehicle
    expect(within(result).queryByTestId('checkin-subject')).toBeNull();
  });

  it('年审预约: the check-in names the vehicle the booking is for, masked, to compare with the car', async () => {
    on('POST', '/api/v1/console/appointments/check-in', () =>
      json({ ...done, serviceName: '年审预约', subjectLabel: '粤A8***6（小型轿车）' }),
    );
    await renderAt('/slots');
    const box = await screen.findByTestId('checkin-code');
    fireEvent.change(box, { target: { value: 'YSSA1:abc.def.ghi' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const result = await screen.findByTestId('checkin-result');
    expect(within(result).getByTestId('checkin-subject').textContent).toBe('粤A8***6（小型轿车）');
    expect(within(result).getByText('车辆')).toBeTruthy();
  });

  it('a repeat says when it was checked in; a refusal is shown in the server’s words; empty asks for a code', async () => {
    on('POST', '/api/v1/console/appointments/check-in', (req) =>
      (req.body as { code: string }).code === '20250303440300123456'
        ? json({ ...done, alreadyCheckedIn: true, message: '该预约已于08:40签到，无需重复签到。' })
        : problem(
            409,
            'APPOINTMENT_CHECK_IN_TOO_EARLY',
            '未到签到时间',
            '该预约时段为2025-03-04 09:00–10:00，请于2025-03-04 08:00后再签到（可提前1小时签到）。',
          ),
    );
    await renderAt('/slots');
    const box = await screen.findByTestId('checkin-code');
    fireEvent.click(screen.getByTestId('checkin-submit'));
    expect((await screen.findByTestId('checkin-error')).textContent).toBe('请扫描预约码或输入预约号。');
    expect(checkIns()).toHaveLength(0);
    fireEvent.change(box, { target: { value: '20250303440300123456' } });
    fireEvent.click(screen.getByTestId('checkin-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('checkin-message').textContent).toContain('该预约已于08:40签到，无需重复签到。'),
    );
    fireEvent.change(box, { target: { value: '20250304440300999999' } });
    fireEvent.click(screen.getByTestId('checkin-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('checkin-error').textContent).toContain('请于2025-03-04 08:00后再签到'),
    );
    expect(screen.queryByTestId('checkin-result')).toBeNull();
    // a refused code stays in the box (to correct a typed number)
    expect((box as HTMLInputElement).value).toBe('20250304440300999999');
  });
});
