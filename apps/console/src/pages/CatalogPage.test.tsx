import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type {
  CatalogOverride,
  ConsoleCatalogDetail,
  ConsoleCatalogItem,
  ConsoleCatalogList,
  StaffGrant,
  StaffProfile,
} from '@yss/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SessionProvider } from '../session';
import { dialogTitled, json, mockApi, problem } from '../test/api-mock';
import { render } from '../test/render';

const grant = (role: StaffGrant['role'], permission: string, cityCode: string | null): StaffGrant => ({
  role,
  roleName: role === 'catalog_editor' ? '事项管理员' : '客服人员',
  permissions: [{ id: permission, name: permission }],
  departmentId: 'housing-fund-centres',
  departmentName: '住房公积金管理中心',
  cityCode,
  cityName: cityCode ? '广州' : '全省',
});
const editor: StaffProfile = {
  username: 'gz.hf.editor',
  displayName: '梁嘉欣',
  passwordChangeRequired: false,
  grants: [grant('catalog_editor', 'catalog.edit', '440100')],
};
const desk: StaffProfile = {
  username: 'gz.hf.kefu',
  displayName: '陈晓敏',
  passwordChangeRequired: false,
  grants: [grant('service_desk', 'faq.edit', '440100')],
};

const item = (over: Partial<ConsoleCatalogItem> = {}): ConsoleCatalogItem => ({
  id: 'gongjijin-jiaocun-xinxi',
  name: '公积金缴存信息',
  group: 'gongjijin',
  kind: 'query',
  departmentId: 'housing-fund-centres',
  departmentName: '住房公积金管理中心',
  offeredByDefinition: true,
  paused: false,
  pausedScope: null,
  pauseReason: null,
  available: true,
  unavailableReason: null,
  textsEdited: false,
  ...over,
});
const list = (items: ConsoleCatalogItem[]): ConsoleCatalogList => ({
  cityCode: '440100',
  cityName: '广州',
  cities: [{ code: '440100', name: '广州' }],
  items,
});
const none = (cityCode: string | null): CatalogOverride => ({
  cityCode,
  paused: false,
  pauseReason: null,
  notes: null,
  description: null,
  version: 0,
  updatedAt: null,
  updatedBy: null,
});
const detailOf = (over: Partial<ConsoleCatalogDetail> = {}): ConsoleCatalogDetail => ({
  item: item(),
  cityCode: '440100',
  cityName: '广州',
  definition: { description: '查询公积金缴存信息。', notes: ['须知一', '须知二'], unavailableReason: null },
  effective: { description: '查询公积金缴存信息。', notes: ['须知一', '须知二'] },
  city: none('440100'),
  province: none(null),
  canEditProvince: false,
  history: [],
  ...over,
});

let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  api = mockApi();
  api.on('GET', '/api/v1/staff/me', () => json(editor));
  api.on('GET', '/api/v1/console/catalog/services', () =>
    json(
      list([
        item(),
        item({
          id: 'gongjijin-zaici-tiqu',
          name: '公积金再次提取',
          paused: true,
          pausedScope: 'city',
          pauseReason: '系统升级',
          available: false,
          unavailableReason: '暂停办理：系统升级',
        }),
        item({
          id: 'x',
          name: '公积金贷款查询',
          offeredByDefinition: false,
          available: false,
          unavailableReason: '暂不支持广州',
        }),
      ]),
    ),
  );
  api.on('GET', /^\/api\/v1\/console\/catalog\/services\/[^/]+$/, () => json(detailOf()));
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
const rows = () => screen.getAllByTestId('catalog-row');
const listRequests = () =>
  api.requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/console/catalog/services');

describe('服务事项', () => {
  it('is in the menu of a 事项管理员, and not 常见问题', async () => {
    await renderAt('/');
    expect(await screen.findByRole('menuitem', { name: '服务事项' })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '常见问题' })).toBeNull();
  });

  it('is not in the menu of a 客服 (常见问题 is), and the page says so without asking for services', async () => {
    api.on('GET', '/api/v1/staff/me', () => json(desk));
    await renderAt('/catalog');
    expect(await screen.findByText('您没有管理服务事项的权限')).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: '常见问题' })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '服务事项' })).toBeNull();
    expect(listRequests()).toHaveLength(0);
  });

  it('lists each service as citizens of the city see it, and searches', async () => {
    await renderAt('/catalog');
    await waitFor(() => expect(rows()).toHaveLength(3));
    const standings = screen.getAllByTestId('catalog-standing').map((t) => t.textContent);
    expect(standings).toEqual(['可办理', '暂停办理', '本市不提供']);
    expect(within(rows()[1] as HTMLElement).getByText('系统升级')).toBeTruthy();
    expect(within(rows()[2] as HTMLElement).getByText('暂不支持广州')).toBeTruthy();

    const search = screen.getByTestId('catalog-search');
    fireEvent.change(search, { target: { value: 'gjj' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(listRequests().at(-1)?.url.searchParams.get('q')).toBe('gjj'));
  });

  it('pauses with a reason (checked, previewed), sends the version it read, and shows the server’s refusal', async () => {
    await renderAt('/catalog');
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(within(rows()[0] as HTMLElement).getByTestId('catalog-manage'));
    fireEvent.click(await screen.findByTestId('service-pause'));
    const dialog = await dialogTitled('暂停办理：公积金缴存信息（广州）');
    fireEvent.click(within(dialog).getByTestId('pause-confirm'));
    expect(await within(dialog).findByText('请填写暂停原因（群众将看到）')).toBeTruthy();
    expect(api.writes()).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('pause-reason'), { target: { value: '系统升级维护' } });
    expect(within(dialog).getByTestId('pause-preview').textContent).toBe(
      '群众将看到：公积金缴存信息暂停办理：系统升级维护',
    );
    api.on('POST', '/api/v1/console/catalog/services/gongjijin-jiaocun-xinxi/pause', () =>
      problem(
        409,
        'CATALOG_CHANGED',
        '该事项已被他人修改，请刷新后重试',
        '该事项刚被他人修改，请刷新后查看最新内容再操作。',
      ),
    );
    // the refusal makes the drawer read the service again: it now holds version 3
    api.on('GET', /^\/api\/v1\/console\/catalog\/services\/[^/]+$/, () =>
      json(detailOf({ city: { ...none('440100'), version: 3 } })),
    );
    fireEvent.click(within(dialog).getByTestId('pause-confirm'));
    expect((await within(dialog).findByTestId('pause-error')).textContent).toContain('该事项刚被他人修改');
    await waitFor(() =>
      expect(
        api.requests.filter((r) => r.url.pathname === '/api/v1/console/catalog/services/gongjijin-jiaocun-xinxi')
          .length,
      ).toBe(2),
    );
    api.on('POST', '/api/v1/console/catalog/services/gongjijin-jiaocun-xinxi/pause', () =>
      json({ ...none('440100'), paused: true, pauseReason: '系统升级维护', version: 4 }),
    );
    expect(api.writes()[0]?.body).toEqual({ cityCode: '440100', reason: '系统升级维护', version: 0 });

    const before = listRequests().length;
    fireEvent.click(within(dialog).getByTestId('pause-confirm'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]?.body).toEqual({ cityCode: '440100', reason: '系统升级维护', version: 3 });
    await waitFor(() => expect(listRequests().length).toBeGreaterThan(before));
  });

  it('resumes a paused service, and edits 办理须知 with a preview', async () => {
    api.on('GET', /^\/api\/v1\/console\/catalog\/services\/[^/]+$/, () =>
      json(
        detailOf({
          item: item({
            paused: true,
            pausedScope: 'city',
            pauseReason: '系统升级',
            available: false,
            unavailableReason: '暂停办理：系统升级',
          }),
          city: {
            ...none('440100'),
            paused: true,
            pauseReason: '系统升级',
            version: 2,
            updatedBy: '梁嘉欣',
            updatedAt: '2025-03-03T01:00:00Z',
          },
          history: [
            {
              id: '1',
              at: '2025-03-03T01:00:00Z',
              action: 'pause',
              cityCode: '440100',
              cityName: '广州',
              staffName: '梁嘉欣',
              reason: '系统升级',
              notes: null,
              description: null,
            },
          ],
        }),
      ),
    );
    api.on('POST', /\/resume$/, () => json({ ...none('440100'), version: 3 }));
    api.on('PUT', /\/texts$/, () => json({ ...none('440100'), notes: ['新须知'], version: 3 }));
    await renderAt('/catalog');
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(within(rows()[0] as HTMLElement).getByTestId('catalog-manage'));
    expect((await screen.findByTestId('service-citizen-reason')).textContent).toBe('群众看到：暂停办理：系统升级');
    expect(screen.getAllByTestId('history-item')[0]?.textContent).toContain('暂停办理（广州）');
    expect(screen.getAllByTestId('history-item')[0]?.textContent).toContain('原因：系统升级');

    fireEvent.click(screen.getByTestId('service-resume'));
    const dialog = await dialogTitled('恢复办理：公积金缴存信息（广州）');
    fireEvent.click(within(dialog).getByTestId('resume-confirm'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toEqual({ cityCode: '440100', version: 2 });

    fireEvent.click(await screen.findByTestId('texts-edit'));
    const notes = await screen.findByTestId('texts-notes');
    expect((notes as HTMLTextAreaElement).value).toBe('须知一\n须知二');
    fireEvent.change(notes, { target: { value: '新须知\n\n' } });
    fireEvent.click(screen.getByText('预览'));
    expect((await screen.findByTestId('texts-preview')).textContent).toContain('新须知');
    fireEvent.click(screen.getByTestId('texts-save'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    // the description is unchanged: not overridden (null), so the definitions' text keeps showing through
    expect(api.writes()[1]?.body).toEqual({ cityCode: '440100', description: null, notes: ['新须知'], version: 2 });
  });
});
