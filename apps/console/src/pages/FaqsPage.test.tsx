import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { CatalogEntry, ConsoleFaq, StaffProfile } from '@yss/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SessionProvider } from '../session';
import { choose, dialogTitled, json, mockApi, problem } from '../test/api-mock';
import { render } from '../test/render';

const desk: StaffProfile = {
  username: 'gz.hrss.kefu',
  displayName: '陈晓敏',
  passwordChangeRequired: false,
  grants: [
    {
      role: 'service_desk',
      roleName: '客服人员',
      permissions: [
        { id: 'feedback.read', name: '查看意见反馈' },
        { id: 'faq.edit', name: '维护常见问题' },
      ],
      departmentId: 'gd-hrss',
      departmentName: '广东省人力资源和社会保障厅',
      cityCode: '440100',
      cityName: '广州',
    },
  ],
};

const faq = (over: Partial<ConsoleFaq>): ConsoleFaq => ({
  id: 'faq-1',
  question: '无法关联社保卡？',
  answer: '请确认已完成实名认证。',
  questionEn: '',
  answerEn: '',
  services: [{ id: 'zz-shebaoka', name: '社保卡' }],
  departmentId: 'gd-hrss',
  departmentName: '广东省人力资源和社会保障厅',
  cityCode: null,
  cityName: '全省',
  origin: 'seed',
  edited: false,
  hidden: false,
  version: 1,
  updatedAt: '2025-03-03T01:00:00Z',
  editable: false,
  ...over,
});
const seeded = faq({});
const mine = faq({
  id: 'faq-staff-1',
  question: '社保卡丢了怎么办？',
  answer: '先挂失再补卡。',
  cityCode: '440100',
  cityName: '广州',
  origin: 'staff',
  editable: true,
  version: 4,
});
const entry = (id: string, name: string, departmentId: string) =>
  ({ id, name, departmentId }) as unknown as CatalogEntry;

let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  api = mockApi();
  api.on('GET', '/api/v1/staff/me', () => json(desk));
  api.on('GET', '/api/v1/console/faqs', () => json([seeded, mine]));
  api.on('GET', '/api/v1/catalog', () =>
    json([
      entry('zz-shebaoka', '社保卡', 'gd-hrss'),
      entry('gongjijin-jiaocun-xinxi', '公积金缴存信息', 'housing-fund-centres'),
    ]),
  );
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
const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-faq-id="${id}"]`) as HTMLElement;

describe('常见问题', () => {
  it('lists the FAQs: the guide’s read-only for a city 客服, their own with 编辑/隐藏/删除', async () => {
    await renderAt('/faqs');
    expect(await screen.findByRole('menuitem', { name: '常见问题' })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('faq-row')).toHaveLength(2));
    expect(within(rowOf('faq-1')).getByText('只读')).toBeTruthy();
    expect(within(rowOf('faq-1')).queryByTestId('faq-edit')).toBeNull();
    expect(within(rowOf('faq-staff-1')).getByTestId('faq-edit')).toBeTruthy();
    expect(within(rowOf('faq-staff-1')).getByText('广州')).toBeTruthy();
  });

  it('creates a FAQ for the grant’s department and city, only its services offered; shows the server’s words', async () => {
    await renderAt('/faqs');
    await waitFor(() => expect(screen.getAllByTestId('faq-row')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('faq-create'));
    const dialog = await dialogTitled('新增常见问题');
    fireEvent.click(within(dialog).getByTestId('faq-save'));
    expect(await within(dialog).findByText('问题至少4个字')).toBeTruthy();
    expect(api.writes()).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('faq-question'), { target: { value: '社保卡怎么补办？' } });
    fireEvent.change(within(dialog).getByTestId('faq-answer'), { target: { value: '可在线挂失后到网点补办。' } });
    await choose('faq-services', '社保卡');
    // another department's service is not offered
    expect([...document.querySelectorAll('.ant-select-item-option')].map((o) => o.getAttribute('title'))).toEqual([
      '社保卡',
    ]);
    api.on('POST', '/api/v1/console/faqs', () =>
      problem(403, 'FORBIDDEN', '无权访问', '您没有权限修改该部门在该城市的内容。如需开通，请联系本部门管理员。'),
    );
    fireEvent.click(within(dialog).getByTestId('faq-save'));
    expect((await within(dialog).findByTestId('faq-form-error')).textContent).toContain(
      '您没有权限修改该部门在该城市的内容',
    );
    expect(api.writes()[0]?.body).toEqual({
      question: '社保卡怎么补办？',
      answer: '可在线挂失后到网点补办。',
      questionEn: '',
      answerEn: '',
      serviceIds: ['zz-shebaoka'],
      departmentId: 'gd-hrss',
      cityCode: '440100',
    });
    api.on('POST', '/api/v1/console/faqs', () => json(faq({ id: 'faq-staff-2', question: '社保卡怎么补办？' }), 201));
    fireEvent.click(within(dialog).getByTestId('faq-save'));
    await waitFor(() => expect(document.querySelector('.ant-modal[role="dialog"]')).toBeNull());
    expect(await screen.findByText('已新增：社保卡怎么补办？')).toBeTruthy();
  });

  it('hides and deletes (after confirming) with the version it read', async () => {
    api.on('PUT', '/api/v1/console/faqs/faq-staff-1/visibility', () => json({ ...mine, hidden: true, version: 5 }));
    api.on('DELETE', '/api/v1/console/faqs/faq-staff-1', () => new Response(null, { status: 204 }));
    await renderAt('/faqs');
    await waitFor(() => expect(screen.getAllByTestId('faq-row')).toHaveLength(2));
    fireEvent.click(within(rowOf('faq-staff-1')).getByTestId('faq-visibility'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toEqual({ hidden: true, version: 4 });

    fireEvent.click(within(rowOf('faq-staff-1')).getByTestId('faq-delete'));
    expect(api.writes()).toHaveLength(1);
    fireEvent.click(await screen.findByTestId('faq-delete-confirm'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]?.method).toBe('DELETE');
    expect(api.writes()[1]?.url.search).toBe('?version=4');
  });
});
