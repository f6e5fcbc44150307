import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { ConsoleVerifierOrganisation, StaffProfile } from '@yss/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { choose, dialogTitled, json, mockApi, problem } from '../test/api-mock';
import { renderAt } from '../test/harness';

const admin = {
  username: 'gz.verifier.admin',
  displayName: '梁嘉欣',
  passwordChangeRequired: false,
  grants: [
    {
      role: 'verifier_admin',
      roleName: '核验单位管理员',
      permissions: [{ id: 'verifier.manage', name: '登记本市核验单位，开通或停用核验人员账号' }],
      departmentId: 'gd-government-services-data',
      departmentName: '广东省政务服务数据管理局',
      cityCode: '440100',
      cityName: '广州',
    },
  ],
} as StaffProfile;

const org = (over: Partial<ConsoleVerifierOrganisation>): ConsoleVerifierOrganisation => ({
  id: '11111111-1111-4111-8111-111111111111',
  name: '广州白云宾馆',
  kind: 'hotel',
  kindName: '酒店',
  cityCode: '440100',
  cityName: '广州',
  purpose: { id: 'hotel', name: '酒店入住' },
  starRating: 4,
  active: true,
  createdAt: '2026-11-01T00:00:00Z',
  members: [
    {
      accountId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      username: 'gz.hotel.clerk',
      displayName: '王丽（广州白云宾馆前台）',
      state: 'active',
      stateName: '正常',
      addedAt: '2026-11-01T00:00:00Z',
    },
  ],
  checkInsLast30Days: 12,
  ticketingStation: null,
  ...over,
});
const INN_ID = '22222222-2222-4222-8222-222222222222';
const EMPLOYER_ID = '33333333-3333-4333-8333-333333333333';
let orgs: ConsoleVerifierOrganisation[];

let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  orgs = [
    org({}),
    org({ id: INN_ID, name: '广州东风宾馆', starRating: 2, members: [], checkInsLast30Days: 0 }),
    org({
      id: EMPLOYER_ID,
      name: '广州粤信科技有限公司',
      kind: 'employer',
      kindName: '用人单位',
      starRating: null,
      active: false,
      members: [],
    }),
  ];
  api = mockApi();
  api.on('GET', '/api/v1/staff/me', () => json(admin));
  api.on('GET', '/api/v1/console/verifier-organisations', ({ url }) => {
    const q = url.searchParams.get('q') ?? '';
    const found = orgs.filter((o) => o.name.includes(q));
    return json({ items: found, total: found.length, page: 1, pageSize: 20 });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const rowOf = (name: string) => document.querySelector<HTMLElement>(`[data-name="${name}"]`) as HTMLElement;

describe('核验单位管理', () => {
  it('lists the city’s organisations: star rating and whether the e-ID checks guests in, verifiers, stopped ones', async () => {
    await renderAt('/verifiers');
    expect(await screen.findByRole('menuitem', { name: '核验单位管理' })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    expect(rowOf('广州白云宾馆').textContent).toContain('四星级');
    expect(rowOf('广州白云宾馆').textContent).toContain('可核验电子身份证入住');
    expect(rowOf('广州白云宾馆').textContent).toContain('王丽（广州白云宾馆前台）');
    expect(rowOf('广州白云宾馆').textContent).toContain('12次');
    expect(rowOf('广州东风宾馆').textContent).toContain('二星级');
    expect(rowOf('广州东风宾馆').textContent).toContain('不适用电子身份证入住');
    expect(rowOf('广州粤信科技有限公司').textContent).toContain('已停用');
    expect(within(rowOf('广州粤信科技有限公司')).queryByTestId('verifier-rate')).toBeNull();
    expect(within(rowOf('广州粤信科技有限公司')).getByTestId('verifier-active').textContent).toBe('启 用');
    // one city's grant: the list asks for that city
    expect(api.requests.find((r) => r.url.pathname.endsWith('verifier-organisations'))?.url.search).toBe(
      '?city=440100',
    );
  });

  it('searches by name on the server and pages the register the server’s way', async () => {
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    const searchFor = (text: string) => {
      const input = screen.getByTestId('verifiers-search') as HTMLInputElement;
      fireEvent.change(input, { target: { value: text } });
      // a key press is down and up: the input ignores a second Enter until the first is released
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
      fireEvent.keyUp(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    };
    searchFor(' 东风 ');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(1));
    expect(api.requests.at(-1)?.url.searchParams.get('q')).toBe('东风');
    searchFor('没有这家');
    await waitFor(() => expect(api.requests.at(-1)?.url.searchParams.get('q')).toBe('没有这家'));
    await waitFor(() =>
      expect(document.querySelector('.ant-table-placeholder')?.textContent).toBe('没有名称含“没有这家”的核验单位'),
    );

    // 45 in all: the pager asks the server for page 2
    api.on('GET', '/api/v1/console/verifier-organisations', ({ url }) =>
      json({ items: orgs, total: 45, page: Number(url.searchParams.get('page') ?? 1), pageSize: 20 }),
    );
    searchFor('');
    expect(await screen.findByText('共45个核验单位')).toBeTruthy();
    fireEvent.click(screen.getByTitle('2'));
    await waitFor(() => expect(api.requests.at(-1)?.url.searchParams.get('page')).toBe('2'));
  });

  it('registers a hotel after the checks, asking its star rating; the server’s refusal is shown in the dialog', async () => {
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    fireEvent.click(screen.getByTestId('verifiers-add'));
    const dialog = await dialogTitled('登记核验单位');
    fireEvent.click(within(dialog).getByTestId('verifier-save'));
    expect(await within(dialog).findByText('单位名称至少2个字')).toBeTruthy();
    expect(await within(dialog).findByText('请选择单位类型')).toBeTruthy();
    expect(api.writes()).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('verifier-name'), { target: { value: '广州花园酒店' } });
    await choose('verifier-kind', '酒店');
    fireEvent.click(within(dialog).getByTestId('verifier-save'));
    expect(await within(dialog).findByText('请选择酒店星级，没有评定星级的请选择“未评定星级”')).toBeTruthy();
    expect(api.writes()).toHaveLength(0);
    await choose('verifier-star-rating', '五星级');

    api.on('POST', '/api/v1/console/verifier-organisations', () =>
      problem(
        409,
        'VERIFIER_ORGANISATION_EXISTS',
        '该核验单位已登记',
        '本市已登记名为“广州花园酒店”的核验单位，请在列表中找到它修改，或使用其他名称。',
      ),
    );
    fireEvent.click(within(dialog).getByTestId('verifier-save'));
    expect((await within(dialog).findByTestId('verifier-form-error')).textContent).toContain('本市已登记名为');
    expect(api.writes()[0]?.body).toEqual({ name: '广州花园酒店', kind: 'hotel', cityCode: '440100', starRating: 5 });

    api.on('POST', '/api/v1/console/verifier-organisations', ({ body }) => {
      const created = org({ id: '44444444-4444-4444-8444-444444444444', ...(body as object), members: [] });
      orgs = [...orgs, created];
      return json(created, 201);
    });
    fireEvent.click(within(dialog).getByTestId('verifier-save'));
    expect(await screen.findByText('已登记：广州花园酒店（广州酒店）')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(4));
  });

  it('an employer is registered without a star rating, and an unrated hotel as 未评定星级 (null)', async () => {
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    api.on('POST', '/api/v1/console/verifier-organisations', ({ body }) => json(org(body as object), 201));
    fireEvent.click(screen.getByTestId('verifiers-add'));
    let dialog = await dialogTitled('登记核验单位');
    fireEvent.change(within(dialog).getByTestId('verifier-name'), { target: { value: '广州某科技公司' } });
    await choose('verifier-kind', '用人单位');
    expect(within(dialog).queryByTestId('verifier-star-rating')).toBeNull();
    fireEvent.click(within(dialog).getByTestId('verifier-save'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toEqual({ name: '广州某科技公司', kind: 'employer', cityCode: '440100' });

    await waitFor(() => expect(document.querySelector('.ant-modal[role="dialog"]')).toBeNull());
    fireEvent.click(screen.getByTestId('verifiers-add'));
    dialog = await dialogTitled('登记核验单位');
    fireEvent.change(within(dialog).getByTestId('verifier-name'), { target: { value: '广州越秀青年旅舍' } });
    await choose('verifier-kind', '酒店');
    await choose('verifier-star-rating', '未评定星级');
    fireEvent.click(within(dialog).getByTestId('verifier-save'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]?.body).toMatchObject({ kind: 'hotel', starRating: null });
  });

  it('changes a hotel’s star rating and stops an organisation after confirming', async () => {
    api.on('PATCH', `/api/v1/console/verifier-organisations/${INN_ID}`, ({ body }) =>
      json(org({ id: INN_ID, name: '广州东风宾馆', ...(body as object) })),
    );
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    fireEvent.click(within(rowOf('广州东风宾馆')).getByTestId('verifier-rate'));
    const dialog = await dialogTitled('修改星级：广州东风宾馆');
    await choose('verifier-rate-stars', '三星级');
    fireEvent.click(within(dialog).getByTestId('verifier-rate-save'));
    expect(await screen.findByText('已修改：广州东风宾馆 三星级')).toBeTruthy();
    expect(api.writes()[0]?.body).toEqual({ starRating: 3 });

    fireEvent.click(within(rowOf('广州东风宾馆')).getByTestId('verifier-active'));
    expect(api.writes()).toHaveLength(1);
    fireEvent.click(await screen.findByTestId('verifier-active-confirm'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]?.body).toEqual({ active: false });
  });

  it('links a coach station to the ticketing system’s station; a station held elsewhere cannot be chosen', async () => {
    const STATION_ID = '44444444-4444-4444-8444-444444444444';
    const coach = (over: Partial<ConsoleVerifierOrganisation> = {}) =>
      org({ id: STATION_ID, name: '天河客运站', kind: 'coach-station', kindName: '客运站', starRating: null, ...over });
    orgs.push(
      coach(),
      org({
        id: INN_ID.replace('2222', '5555'),
        name: '广州市汽车客运站',
        kind: 'coach-station',
        kindName: '客运站',
        starRating: null,
        ticketingStation: { id: 'GZ01', name: '广州市汽车客运站' },
      }),
    );
    api.on('GET', `/api/v1/console/verifier-organisations/${STATION_ID}/ticketing-stations`, () =>
      json({
        current: null,
        stations: [
          {
            id: 'GZ01',
            name: '广州市汽车客运站',
            address: '广州市越秀区环市西路158号',
            linkedTo: { id: 'x', name: '广州市汽车客运站' },
          },
          { id: 'GZ03', name: '天河客运站', address: '广州市天河区燕岭路633号', linkedTo: null },
        ],
      }),
    );
    api.on('PUT', `/api/v1/console/verifier-organisations/${STATION_ID}/ticketing-station`, () =>
      json(coach({ ticketingStation: { id: 'GZ03', name: '天河客运站' } })),
    );
    api.on('DELETE', `/api/v1/console/verifier-organisations/${STATION_ID}/ticketing-station`, () => json(coach()));
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(5));
    expect(within(rowOf('天河客运站')).getByTestId('verifier-ticketing').textContent).toBe('未接入售票系统');
    expect(within(rowOf('广州市汽车客运站')).getByTestId('verifier-ticketing').textContent).toBe(
      '售票系统：广州市汽车客运站',
    );
    // hotels and employers have no such action
    expect(within(rowOf('广州白云宾馆')).queryByTestId('verifier-ticketing-edit')).toBeNull();

    fireEvent.click(within(rowOf('天河客运站')).getByTestId('verifier-ticketing-edit'));
    const dialog = await dialogTitled('接入联网售票系统：天河客运站');
    expect(within(dialog).getByTestId('ticketing-current').textContent).toContain('未接入');
    // 保存 without a choice says what is missing and sends nothing
    await waitFor(() => expect(within(dialog).getByTestId('ticketing-save').hasAttribute('disabled')).toBe(false));
    fireEvent.click(within(dialog).getByTestId('ticketing-save'));
    expect(await within(dialog).findByText('请选择联网售票系统中的客运站')).toBeTruthy();
    expect(api.writes()).toHaveLength(0);
    // the station another organisation holds is listed but disabled
    fireEvent.mouseDown(within(dialog).getByRole('combobox'));
    const held = await screen.findByText('广州市汽车客运站（广州市越秀区环市西路158号），已由“广州市汽车客运站”接入');
    expect(held.closest('.ant-select-item')?.classList.contains('ant-select-item-option-disabled')).toBe(true);
    await choose('ticketing-station', '天河客运站（广州市天河区燕岭路633号）');
    fireEvent.click(within(dialog).getByTestId('ticketing-save'));
    expect(await screen.findByText('已接入：天河客运站 → 联网售票系统 天河客运站')).toBeTruthy();
    expect(api.writes()[0]?.body).toEqual({ stationId: 'GZ03' });
  });

  it('says why the ticketing system’s stations cannot be read, and unlinks a linked station after confirming', async () => {
    const STATION_ID = '44444444-4444-4444-8444-444444444444';
    const linked = org({
      id: STATION_ID,
      name: '天河客运站',
      kind: 'coach-station',
      kindName: '客运站',
      starRating: null,
      ticketingStation: { id: 'GZ03', name: '天河客运站' },
    });
    orgs.push(linked);
    api.on('GET', `/api/v1/console/verifier-organisations/${STATION_ID}/ticketing-stations`, () =>
      problem(
        503,
        'DEPARTMENT_UNAVAILABLE',
        '该服务暂时无法使用',
        '广东省道路客运联网售票系统暂时无法访问，请稍后再试。',
      ),
    );
    api.on('DELETE', `/api/v1/console/verifier-organisations/${STATION_ID}/ticketing-station`, () =>
      json({ ...linked, ticketingStation: null }),
    );
    await renderAt('/verifiers');
    fireEvent.click(within(await waitFor(() => rowOf('天河客运站'))).getByTestId('verifier-ticketing-edit'));
    const dialog = await dialogTitled('接入联网售票系统：天河客运站');
    expect((await within(dialog).findByTestId('ticketing-load-error')).textContent).toContain(
      '广东省道路客运联网售票系统暂时无法访问',
    );
    expect(within(dialog).getByTestId('ticketing-save').hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByTestId('ticketing-current').textContent).toContain('已接入 天河客运站（站点编号 GZ03）');
    fireEvent.click(within(dialog).getByTestId('ticketing-unlink'));
    expect(api.writes()).toHaveLength(0);
    fireEvent.click(await screen.findByTestId('ticketing-unlink-confirm'));
    expect(await screen.findByText('已断开：天河客运站的核验人员不能再在线验票')).toBeTruthy();
    expect(api.writes()[0]).toMatchObject({ method: 'DELETE' });
  });

  it('opens a verifier’s account and shows its one-time password once; refuses a bad user name before sending', async () => {
    api.on('POST', /\/members$/, ({ body }) =>
      json(
        {
          member: {
            accountId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
            username: (body as { username: string }).username,
            displayName: (body as { displayName: string }).displayName,
            state: 'first-login',
            stateName: '待首次登录',
            addedAt: '2026-11-30T01:00:00Z',
          },
          oneTimePassword: 'Xq3-Jr8pLm2_Vt9a',
        },
        201,
      ),
    );
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    fireEvent.click(within(rowOf('广州东风宾馆')).getByTestId('verifier-members'));
    expect(await screen.findByText('暂无核验人员')).toBeTruthy();
    fireEvent.change(screen.getByTestId('verifier-member-username'), { target: { value: '何静' } });
    fireEvent.change(screen.getByTestId('verifier-member-name'), { target: { value: '何静（前台）' } });
    fireEvent.click(screen.getByTestId('verifier-member-add'));
    expect(await screen.findByText('用户名为3-40位小写字母、数字或 . _ -，以字母或数字开头')).toBeTruthy();
    expect(api.writes()).toHaveLength(0);

    fireEvent.change(screen.getByTestId('verifier-member-username'), { target: { value: 'gz.dongfeng.he' } });
    fireEvent.click(screen.getByTestId('verifier-member-add'));
    const shown = await dialogTitled('核验人员账号已开通');
    expect(within(shown).getByTestId('verifier-password-value').textContent).toContain('Xq3-Jr8pLm2_Vt9a');
    expect(shown.textContent).toContain('初始密码只显示这一次');
    expect(api.writes()[0]?.body).toEqual({ username: 'gz.dongfeng.he', displayName: '何静（前台）' });
    fireEvent.click(within(shown).getByTestId('verifier-password-done'));
    await waitFor(() => expect(screen.queryByText('Xq3-Jr8pLm2_Vt9a')).toBeNull());
  });

  it('removes a verifier after confirming; a stopped organisation opens no account', async () => {
    api.on('DELETE', /\/members\/[0-9a-f-]+$/, () => new Response(null, { status: 204 }));
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    fireEvent.click(within(rowOf('广州白云宾馆')).getByTestId('verifier-members'));
    const member = await screen.findByTestId('verifier-member');
    expect(member.textContent).toContain('王丽（广州白云宾馆前台）');
    expect(member.textContent).toContain('正常');
    fireEvent.click(within(member).getByTestId('verifier-member-remove'));
    fireEvent.click(await screen.findByTestId('verifier-member-remove-confirm'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.method).toBe('DELETE');
    expect(api.writes()[0]?.url.pathname).toBe(
      '/api/v1/console/verifier-organisations/11111111-1111-4111-8111-111111111111/members/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    );
    expect(await screen.findByText('已移除：王丽（广州白云宾馆前台），该账号已停用')).toBeTruthy();
  });

  it('a stopped organisation’s drawer says to restart it first', async () => {
    await renderAt('/verifiers');
    await waitFor(() => expect(screen.getAllByTestId('verifier-row')).toHaveLength(3));
    fireEvent.click(within(rowOf('广州粤信科技有限公司')).getByTestId('verifier-members'));
    expect(await screen.findByText('该单位已停用，请先启用后再开通核验人员账号。')).toBeTruthy();
    expect(screen.queryByTestId('verifier-member-add')).toBeNull();
  });

  it('tells a staff member without the role whom to ask', async () => {
    api.on('GET', '/api/v1/staff/me', () => json({ ...admin, grants: [] }));
    await renderAt('/verifiers');
    expect(await screen.findByText('您没有管理核验单位的权限')).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '核验单位管理' })).toBeNull();
  });
});
